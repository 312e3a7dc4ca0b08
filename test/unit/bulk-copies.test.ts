import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { checkJobCopies, findCopies, type CopiesApi, type SentMessage } from '@/utils/bulk/copies';
import { createJob, loadJob, loadRecipients, type BulkRecipient } from '@/utils/bulk/job-store';
import { bulkOutbox } from '@/utils/compose/outbox';
import { HailerError } from '@/utils/errors';
import { reasonText } from '@/components/BulkProgress';

const ADA = '991001';
const BEN = '991002';
const at = Date.UTC(2026, 11, 2, 12) as number;
const sent = (i: number, contactId: string, body: string, adminId = ADA): SentMessage => ({ i, contactId, adminId, body, startedAt: at + i * 50 });
const conversation = (id: string, contactId: string, body: string, author: string | null = ADA) => ({ id, contactIds: [contactId], sourceBody: body, sourceAuthorId: author });

function api(conversations: ReturnType<typeof conversation>[]) {
  const asked: Parameters<CopiesApi['findConversationsStartedBy']>[0][] = [];
  const fake: CopiesApi = {
    async findConversationsStartedBy(q) {
      asked.push(q);
      return conversations;
    },
  };
  return { fake, asked };
}

describe('findCopies', () => {
  it('finds the recipients whose own message Intercom holds twice, and only those', async () => {
    const { fake, asked } = api([
      conversation('c1', 'jane', '<p>Hi Jane, the outage is over.</p>'),
      conversation('c2', 'marcus', '<p>Hi Marcus, the outage is over.</p>'),
      // The browser's resend of Jane's message: the same body, from the same admin.
      conversation('c3', 'jane', '<p>Hi Jane,  the outage is over.</p>\n'),
      // Marcus's other conversations: another text, and another admin's.
      conversation('c4', 'marcus', '<p>Your invoice</p>'),
      conversation('c5', 'marcus', '<p>Hi Marcus, the outage is over.</p>', BEN),
      // A conversation with nobody of the job.
      conversation('c6', 'priya', '<p>Hi Priya, the outage is over.</p>'),
    ]);
    const copies = await findCopies(fake, [sent(0, 'jane', '<p>Hi Jane, the outage is over.</p>'), sent(1, 'marcus', '<p>Hi Marcus, the outage is over.</p>')]);
    expect([...copies]).toEqual([[0, ['c1', 'c3']]]);
    expect(asked).toEqual([{ adminIds: [ADA], sinceSeconds: Math.floor(at / 1000), maxPages: 4 }]);
  });

  it('tells apart two recipients of one contact by their own text, and asks for each sender', async () => {
    const { fake, asked } = api([
      conversation('c1', 'jane', '<p>For the Acme account</p>'),
      conversation('c2', 'jane', '<p>For the Globex account</p>', BEN),
    ]);
    const copies = await findCopies(fake, [sent(0, 'jane', '<p>For the Acme account</p>'), sent(1, 'jane', '<p>For the Globex account</p>', BEN)]);
    expect(copies.size).toBe(0);
    expect(asked[0]!.adminIds).toEqual([ADA, BEN]);
  });

  it('reads enough pages for the job and its copies, and asks nothing when nothing was sent', async () => {
    const many = Array.from({ length: 1000 }, (_, i) => sent(i, `c${i}`, `<p>${i}</p>`));
    const { fake, asked } = api([]);
    expect((await findCopies(fake, many)).size).toBe(0);
    expect(asked[0]!.maxPages).toBe(10);
    const none = api([]);
    expect((await findCopies(none.fake, [])).size).toBe(0);
    expect(none.asked).toEqual([]);
  });
});

describe('checkJobCopies', () => {
  const JOB = 'copiesjob0001';
  const body = (i: number) => `<p>Hi customer ${i}, the outage is over.</p>`;
  const recipient = (i: number, state: BulkRecipient['state'] = 'sent'): BulkRecipient => ({
    i,
    ref: { kind: 'email', value: `c${i}@x.test` },
    contacts: [{ id: `contact${i}`, role: 'user', name: null, email: `c${i}@x.test`, externalId: null }] as BulkRecipient['contacts'],
    state,
  });

  beforeEach(async () => {
    bulkOutbox.forgetMirror();
    vi.spyOn(fakeBrowser.runtime, 'getContexts').mockResolvedValue([] as never); // no bulk page open
    await createJob({ id: JOB, workspaceId: 'acme42', createdAt: at, state: 'done', total: 3, copiesPending: true }, [recipient(0), recipient(1), recipient(2, 'failed')]);
    for (const i of [0, 1, 2]) await bulkOutbox.put({ draftId: `bulk:${JOB}:${i}`, state: i === 2 ? 'maybe_sent' : 'sent', startedAt: at + i, adminId: ADA, body: body(i), contactId: `contact${i}` });
  });

  it('marks the recipients Intercom holds twice, counts them on the job and notifies with no bulk page open', async () => {
    const create = vi.spyOn(fakeBrowser.notifications, 'create');
    const { fake } = api([conversation('a', 'contact0', body(0)), conversation('b', 'contact1', body(1)), conversation('c', 'contact1', body(1)), conversation('d', 'contact2', body(2)), conversation('e', 'contact2', body(2))]);
    await checkJobCopies(JOB, async () => fake);
    const job = (await loadJob(JOB))!;
    expect([job.copiesPending, job.copies]).toEqual([false, 1]);
    // The one that failed is not looked at: it was not sent as far as the job knows.
    expect((await loadRecipients(job)).map((r) => r.reason ?? null)).toEqual([null, 'sent_twice', null]);
    expect(create).toHaveBeenCalledTimes(1);
    expect(create.mock.calls[0]![1]).toMatchObject({ title: 'Bulk send: 1 messages reached Intercom twice' });
  });

  it('asks again after a 429, and stops waiting (nothing marked) when Intercom cannot answer', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      let calls = 0;
      const flaky: CopiesApi = {
        async findConversationsStartedBy() {
          if (++calls === 1) throw new HailerError('rate_limited', { retryAt: Date.now() + 8_000 });
          return [conversation('a', 'contact0', body(0)), conversation('b', 'contact0', body(0))];
        },
      };
      const checked = checkJobCopies(JOB, async () => flaky);
      await vi.waitFor(() => expect(calls).toBe(1));
      expect((await loadJob(JOB))!.copiesPending).toBe(true); // still to be asked
      await vi.advanceTimersByTimeAsync(8_000);
      await checked; // the one promise covers the second try
      expect((await loadJob(JOB))!.copies).toBe(1);
      expect(calls).toBe(2);
    } finally {
      vi.useRealTimers();
    }
    await createJob({ id: 'copiesjob0002', workspaceId: 'acme42', createdAt: at, state: 'done', total: 1, copiesPending: true }, [recipient(0)]);
    await bulkOutbox.put({ draftId: 'bulk:copiesjob0002:0', state: 'sent', startedAt: at, adminId: ADA, body: body(0), contactId: 'contact0' });
    const refusing: CopiesApi = { findConversationsStartedBy: async () => Promise.reject(new HailerError('forbidden')) };
    await expect(checkJobCopies('copiesjob0002', async () => refusing)).rejects.toThrow();
    expect(await loadJob('copiesjob0002')).toMatchObject({ copiesPending: false });
    expect((await loadJob('copiesjob0002'))!.copies).toBeUndefined();
  });
});

describe('a row sent twice', () => {
  it('says so, also when its follow-up failed', () => {
    expect(reasonText({ reason: 'sent_twice' })).toBe('Sent twice: close the extra conversation');
    const both = reasonText({ reason: 'sent_twice', followUpError: 'forbidden' });
    expect(both.startsWith('Sent twice: close the extra conversation · ')).toBe(true);
    expect(both).toBe(`Sent twice: close the extra conversation · ${reasonText({ followUpError: 'forbidden' })}`);
    expect(reasonText({ followUpError: 'forbidden' }).length).toBeGreaterThan(10);
  });
});
