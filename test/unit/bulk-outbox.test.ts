// The bulk outbox (one IndexedDB record per entry, written by group commit) under the real send flow
// and the simulator: a worker that stops mid-batch comes back to entries that make the send flow
// reconcile, never send again; writes made while a commit runs reach storage as one.
import 'fake-indexeddb/auto';
import { createStore, get } from 'idb-keyval';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startSimulator, type Simulator } from '../intercom-simulator/index.mjs';
import { createIntercomClient } from '../../utils/intercom';
import { sendDraft, type SendContext } from '../../utils/compose/send';
import { bulkOutbox } from '../../utils/compose/outbox';
import { batchedWrites } from '../../utils/storage/batched-writes';
import { codeOf } from './error-code';

let sim: Simulator;
let ctx: SendContext;
let n = 0;
const JANE = '6650a1b2c3d4e5f601000001';

beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.reset();
  bulkOutbox.forgetMirror();
  ctx = {
    api: createIntercomClient({ token: sim.token, apiBaseUrl: sim.apiBaseUrl, timeoutMs: 1000 }),
    defaultAdminId: '991001',
    conversationUrl: (id) => `${sim.appBaseUrl}/a/inbox/acme42/inbox/conversation/${id}`,
    contactUrl: (id) => `${sim.appBaseUrl}/a/apps/acme42/users/${id}`,
    sleep: async () => {},
    outbox: bulkOutbox,
  };
});

const stored = (draftId: string) => get<{ state: string }>(draftId, createStore('hailer-bulk-outbox', 'entries'));
const posted = () => sim.requests.filter((r) => r.method === 'POST' && r.path === '/messages');
const request = (body: string) => ({ draftId: `bulk:unitjob${++n}:0`, recipient: { kind: 'contact_id' as const, value: JANE }, draft: { channel: 'in_app' as const, body } });

describe('bulk outbox', () => {
  it('keeps each entry in its own record, apart from single sends; a result is stored within a quarter second', async () => {
    const req = request('Bulk hello');
    await sendDraft(req, ctx);
    expect(await stored(req.draftId)).toMatchObject({ contactId: JANE }); // stored before the POST
    await new Promise((r) => setTimeout(r, 300));
    expect(await stored(req.draftId)).toMatchObject({ state: 'sent', contactId: JANE, result: { conversationId: expect.any(String) } });
    expect((await fakeBrowser.storage.local.get(null)).outbox).toBeUndefined();
  });

  it("stores a result with the next send's entry, and what is written during a commit in one transaction", async () => {
    const first = request('First of two');
    await sendDraft(first, ctx);
    // Which transaction stored what (a later one, e.g. the second's own result, does not matter here).
    const puts: { key: unknown; state: unknown; tx: IDBTransaction }[] = [];
    const put = IDBObjectStore.prototype.put;
    const recorded = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, value: { state?: unknown }, key?: IDBValidKey) {
      puts.push({ key, state: value?.state, tx: this.transaction });
      return put.call(this, value, key);
    });
    const transactions = vi.spyOn(IDBDatabase.prototype, 'transaction');
    try {
      const second = request('Second of two');
      await sendDraft(second, ctx); // its entry is stored, and the first one's result with it
      const entry = puts.find((p) => p.key === second.draftId && p.state === 'sending');
      const result = puts.find((p) => p.key === first.draftId && p.state === 'sent');
      expect(entry?.tx).toBeDefined();
      expect(result?.tx).toBe(entry?.tx);
      expect(await stored(first.draftId)).toMatchObject({ state: 'sent' });
      transactions.mockClear();
      const base = { startedAt: Date.now(), adminId: '991001', contactId: JANE, body: '<p>x</p>' };
      const ids = ['bulk:group:0', 'bulk:group:1', 'bulk:group:2'];
      await Promise.all([
        bulkOutbox.put({ ...base, draftId: ids[0]!, state: 'sending' }),
        bulkOutbox.put({ ...base, draftId: ids[1]!, state: 'sending' }),
        bulkOutbox.put({ ...base, draftId: ids[2]!, state: 'sending' }),
        bulkOutbox.put({ ...base, draftId: ids[1]!, state: 'maybe_sent' }),
      ]);
      expect(transactions.mock.calls.length).toBeLessThanOrEqual(2); // the first put's, and one for the rest
      expect((await stored(ids[1]!))?.state).toBe('maybe_sent');
      await bulkOutbox.delete(ids[2]!);
      expect(await stored(ids[2]!)).toBeUndefined();
    } finally {
      transactions.mockRestore();
      recorded.mockRestore();
    }
  });

  it('stores a result put later within a quarter second, also after a commit took an earlier one before its time', async () => {
    const base = { startedAt: Date.now(), adminId: '991001', contactId: JANE, body: '<p>x</p>' };
    const sending = bulkOutbox.put({ ...base, draftId: 'bulk:later:0', state: 'sending' });
    bulkOutbox.putLater({ ...base, draftId: 'bulk:later:1', state: 'sent' }); // joins the commit under way
    await sending;
    expect((await stored('bulk:later:1'))?.state).toBe('sent');
    await new Promise((r) => setTimeout(r, 300)); // its own timer finds nothing left
    bulkOutbox.putLater({ ...base, draftId: 'bulk:later:0', state: 'sent' });
    await new Promise((r) => setTimeout(r, 300));
    expect((await stored('bulk:later:0'))?.state).toBe('sent');
  });

  it('reconciles an answer that never came, and after a worker stop mid-send does not send again', async () => {
    // The message is created but the answer never comes back: the flow finds it at Intercom.
    sim.injectFault({ method: 'POST', path: '/messages', drop: 'after' });
    const lost = request('Answer lost');
    expect(await codeOf(sendDraft(lost, ctx))).toBe('sent');
    expect(sim.state.messages.filter((m: { body: string }) => m.body.includes('Answer lost'))).toHaveLength(1);

    // A worker that stopped after its POST reached Intercom left only its `sending` entry behind.
    const cut = request('Worker stopped');
    await bulkOutbox.put({ draftId: cut.draftId, state: 'sending', startedAt: Date.now(), adminId: '991001', contactId: JANE, body: '<p>Worker stopped</p>' });
    await ctx.api.createMessage({ message_type: 'in_app', body: '<p>Worker stopped</p>', from: { type: 'admin', id: 991001 }, to: { type: 'user', id: JANE }, create_conversation_without_contact_reply: true });
    bulkOutbox.forgetMirror(); // a new worker reads storage again
    const before = posted().length;
    expect((await sendDraft(cut, ctx)).conversationId).toBeTruthy();
    expect(posted()).toHaveLength(before);
    expect(sim.state.messages.filter((m: { body: string }) => m.body.includes('Worker stopped'))).toHaveLength(1);
  });

  it('refuses to send a "may have been sent" one again unless the agent confirms', async () => {
    sim.injectFault({ method: 'POST', path: '/messages', status: 503 }); // not created, answered unclearly
    const req = request('Unsure');
    expect(await codeOf(sendDraft(req, ctx))).toBe('maybe_sent');
    expect(await codeOf(sendDraft(req, ctx))).toBe('maybe_sent');
    expect(posted()).toHaveLength(1);
    await sendDraft({ ...req, confirmResend: true }, ctx);
    expect(sim.state.messages.filter((m: { body: string }) => m.body.includes('Unsure'))).toHaveLength(1);
  });
});

describe('batchedWrites', () => {
  it('stores writes made together in one call, later values winning', async () => {
    let sets = 0;
    const set = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);
    fakeBrowser.storage.local.set = (async (items: Record<string, unknown>) => {
      if ('a' in items || 'b' in items) sets++;
      return set(items);
    }) as typeof fakeBrowser.storage.local.set;
    const write = batchedWrites(0);
    await Promise.all([write({ a: 1 }), write({ b: 2 }), write({ a: 3 }), write({}, ['b'])]);
    expect(sets).toBe(1);
    expect(await fakeBrowser.storage.local.get(['a', 'b'])).toEqual({ a: 3 });
  });

  it('flush stores what waits at once, not when its delay ends', async () => {
    vi.useFakeTimers();
    try {
      const write = batchedWrites(250);
      const stored = write({ c: 1 });
      await write.flush();
      await stored;
      expect(await fakeBrowser.storage.local.get('c')).toEqual({ c: 1 });
      expect(vi.getTimerCount()).toBe(1); // the batch's own timer, which now finds nothing to do
    } finally {
      vi.useRealTimers();
    }
  });
});
