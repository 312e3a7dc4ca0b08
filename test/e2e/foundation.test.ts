// Issue 3's end-to-end proof: token set in the options page, connection tested, in-app and email
// messages sent through the background to the simulator, and the inbox opened on the right
// conversation, both when Intercom's answer carries the conversation id and when it must be found.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { callFromPage, configureThroughOptions, launch, messagesPosted, type Harness } from './harness';

const JANE = '6650a1b2c3d4e5f601000001';
const MARCUS = '6650a1b2c3d4e5f601000002';

let h: Harness;
let options: Page;

beforeAll(async () => {
  h = await launch();
  options = await configureThroughOptions(h);
});
afterAll(() => h?.close());
beforeEach(() => {
  h.sim.requests.length = 0;
  h.sim.setOptions({ includeConversationId: true, conversationIndexDelayMs: 0, inAppOnlyAsInapp: false });
});

async function inboxPageFor(conversationId: string) {
  const path = `/inbox/conversation/${conversationId}`;
  const page =
    h.context.pages().find((p) => p.url().includes(path)) ??
    (await h.context.waitForEvent('page', { predicate: (p) => p.url().includes(path) }));
  await page.locator(`h1[data-conversation-id="${conversationId}"]`).waitFor();
  return page;
}

type SendReply = { ok: true; data: { conversationId: string; conversationFrom: string; messageId: string } } | { ok: false; error: { code: string } };

describe('foundation: options → background → Intercom → inbox', () => {
  it('tests the connection and shows the workspace and the admin', async () => {
    await options.getByRole('button', { name: 'Test connection' }).click();
    await options.getByRole('status').filter({ hasText: 'Connected to Acme (simulated) as Ada Admin.' }).waitFor();
    await expect(options.getByLabel('Access token').inputValue()).resolves.toBe('');
    await expect(options.getByText('ending in …0042').count()).resolves.toBe(1);
  });

  it('sends an in-app message to an email address and opens its conversation', async () => {
    const reply = (await callFromPage(options, 'message.send', {
      draftId: 'e2e:inapp:1',
      recipient: { kind: 'email', value: 'jane@acme.test' },
      draft: { channel: 'in_app', body: 'Hi Jane,\n\nyour export is ready.' },
    })) as SendReply;
    expect(reply.ok).toBe(true);
    if (!reply.ok) return;
    expect(reply.data.conversationFrom).toBe('response');
    const posted = messagesPosted(h.sim);
    expect(posted).toHaveLength(1);
    expect(posted[0]!.valid).toBe(true);
    expect(posted[0]!.body).toMatchObject({
      message_type: 'in_app',
      to: { type: 'user', id: JANE },
      from: { type: 'admin', id: 991001 },
      body: '<p>Hi Jane,</p><p>your export is ready.</p>',
      create_conversation_without_contact_reply: true,
    });
    await inboxPageFor(reply.data.conversationId);
  });

  it('sends an email to an external user id when the answer has no conversation id, finding it by search', async () => {
    h.sim.setOptions({ includeConversationId: false, conversationIndexDelayMs: 400 });
    const reply = (await callFromPage(options, 'message.send', {
      draftId: 'e2e:email:1',
      recipient: { kind: 'user_id', value: 'usr_1002' },
      draft: { channel: 'email', subject: 'Your invoice', template: 'personal', body: 'Attached <b>as promised</b>.' },
    })) as SendReply;
    expect(reply.ok).toBe(true);
    if (!reply.ok) return;
    expect(reply.data.conversationFrom).toBe('search');
    const posted = messagesPosted(h.sim);
    expect(posted).toHaveLength(1);
    expect(posted[0]!.valid).toBe(true);
    expect(posted[0]!.body).toMatchObject({
      message_type: 'email',
      subject: 'Your invoice',
      template: 'personal',
      to: { type: 'user', id: MARCUS },
      body: '<p>Attached &lt;b&gt;as promised&lt;/b&gt;.</p>',
    });
    const conversation = h.sim.state.conversations.find((c: { id: string }) => c.id === reply.data.conversationId);
    expect(conversation?.source.id).toBe(reply.data.messageId);
    await inboxPageFor(reply.data.conversationId);
  });

  it('sends once when the same draft is sent twice at the same time', async () => {
    const send = () =>
      callFromPage(options, 'message.send', {
        draftId: 'e2e:double:1',
        recipient: { kind: 'contact_id', value: JANE },
        draft: { channel: 'in_app', body: 'Only once, please.' },
      }) as Promise<SendReply>;
    const [a, b] = await Promise.all([send(), send()]);
    const again = await send();
    expect(a.ok && b.ok && again.ok).toBe(true);
    expect(messagesPosted(h.sim)).toHaveLength(1);
  });

  it('falls back once to message type "inapp" where Intercom refuses "in_app", remembers it and says so in options', async () => {
    h.sim.setOptions({ inAppOnlyAsInapp: true });
    const send = (n: number) =>
      callFromPage(options, 'message.send', {
        draftId: `e2e:inapp-name:${n}`,
        recipient: { kind: 'contact_id', value: JANE },
        draft: { channel: 'in_app', body: `Message ${n} to a workspace that wants "inapp".` },
      }) as Promise<SendReply>;
    expect((await send(1)).ok).toBe(true);
    expect(messagesPosted(h.sim).map((r) => [(r.body as { message_type: string }).message_type, r.status])).toEqual([
      ['in_app', 400],
      ['inapp', 200],
    ]);
    expect((await send(2)).ok).toBe(true); // remembered: one request this time
    expect(messagesPosted(h.sim).map((r) => [(r.body as { message_type: string }).message_type, r.status]).slice(2)).toEqual([['inapp', 200]]);
    expect(h.sim.state.messages.filter((m: { body: string }) => m.body.includes('wants &quot;inapp&quot;'))).toHaveLength(2);
    await options.reload();
    await options.getByText('This workspace refused message type "in_app", so in-app messages are sent as "inapp".').waitFor();
  });

  it('reports the token only by its last four characters', async () => {
    const status = (await callFromPage(options, 'token.status', {})) as { ok: boolean; data: { last4: string } };
    expect(status).toEqual({ ok: true, data: { set: true, last4: '0042' } });
    expect(JSON.stringify(status)).not.toContain(h.sim.token);
  });
});
