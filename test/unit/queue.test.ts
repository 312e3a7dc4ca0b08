// The durable send queue (utils/compose/queue.ts): the undo window and Send later kept in
// storage.local with an alarm each, so a worker that stops or a browser that restarts loses no send
// and sends none twice. A "new worker" here is forgetQueueWorker() + startQueue(), as on a restart.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  ALARM_PREFIX,
  cancelQueued,
  editScheduled,
  enqueue,
  finished,
  forgetQueueWorker,
  holdForUndo,
  listQueued,
  runDue,
  sendNow,
  startQueue,
  type QueuedSend,
} from '../../utils/compose/queue';
import { customerWroteSince } from '../../utils/compose/customer-wrote';

const entry = (id: string, patch: Partial<QueuedSend> = {}): QueuedSend => ({
  id,
  kind: 'undo',
  recipient: { kind: 'contact_id', value: 'c1' },
  draft: { channel: 'in_app', body: `Body of ${id}` },
  dueAt: Date.now() + 60,
  queuedAt: Date.now(),
  to: 'Jane',
  state: 'waiting',
  ...patch,
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeEach(() => forgetQueueWorker());

describe('undo window, kept in storage', () => {
  it('is stored with an alarm while it runs, and the caller sends after it', async () => {
    const wait = holdForUndo(entry('u1'));
    await sleep(10);
    expect(await listQueued()).toMatchObject([{ id: 'u1', kind: 'undo', state: 'waiting' }]);
    expect(await fakeBrowser.alarms.get(`${ALARM_PREFIX}u1`)).toBeTruthy();
    await expect(wait).resolves.toBeUndefined();
    expect(await listQueued()).toMatchObject([{ id: 'u1', state: 'sending' }]); // this worker took it
    await finished('u1');
    expect(await listQueued()).toEqual([]);
    expect(await fakeBrowser.alarms.get(`${ALARM_PREFIX}u1`)).toBeFalsy();
  });

  it('Undo inside the window: both sends of the draft are cancelled, nothing stays queued', async () => {
    const first = holdForUndo(entry('u2', { dueAt: Date.now() + 5_000 }));
    const second = holdForUndo(entry('u2', { dueAt: Date.now() + 5_000 }));
    await sleep(10);
    await expect(cancelQueued('u2')).resolves.toBe(true);
    await expect(first).rejects.toMatchObject({ code: 'cancelled' });
    await expect(second).rejects.toMatchObject({ code: 'cancelled' });
    expect(await listQueued()).toEqual([]);
    await expect(cancelQueued('u2')).resolves.toBe(false); // too late: nothing to undo
  });

  it('Undo right after Send leaves nothing stored and no alarm to send it later', async () => {
    const wait = holdForUndo(entry('u6', { dueAt: Date.now() + 5_000 }));
    await cancelQueued('u6'); // before the entry reached storage
    await expect(wait).rejects.toMatchObject({ code: 'cancelled' });
    expect(await listQueued()).toEqual([]);
    expect(await fakeBrowser.alarms.get(`${ALARM_PREFIX}u6`)).toBeFalsy();
  });

  it('the same draft sent again after its window, while it goes out, joins that send (no new window)', async () => {
    await holdForUndo(entry('u7', { dueAt: Date.now() + 20 }));
    await sleep(5); // the first window's timer is gone; the send is under way
    const again = holdForUndo(entry('u7', { dueAt: Date.now() + 5_000 }));
    await sleep(20);
    expect(await listQueued()).toMatchObject([{ id: 'u7', state: 'sending' }]); // not put back to wait
    await expect(again).resolves.toBeUndefined();
    await finished('u7');
  });

  it('"Send now" ends the window early for the caller', async () => {
    const wait = holdForUndo(entry('u3', { dueAt: Date.now() + 5_000 }));
    await sleep(10);
    await expect(sendNow('u3')).resolves.toBe(true);
    await expect(wait).resolves.toBeUndefined();
  });

  it('a worker that stopped inside the window: the next one sends it once, when due', async () => {
    // What a worker that stopped inside the window leaves behind: the stored entry, no timer.
    await enqueue(entry('u4', { dueAt: Date.now() + 80 }));
    const deliver = vi.fn(async () => {});
    startQueue(deliver);
    await sleep(20);
    expect(deliver).not.toHaveBeenCalled(); // not due yet: re-armed instead
    await sleep(100);
    await Promise.all([runDue(), runDue(), fakeBrowser.alarms.onAlarm.trigger({ name: `${ALARM_PREFIX}u4`, scheduledTime: Date.now(), persistAcrossSessions: true })]);
    await sleep(20);
    expect(deliver).toHaveBeenCalledTimes(1);
    expect(await listQueued()).toEqual([]);
  });

  it('a send cut off mid-send is handed to the next worker (the outbox reconciles it)', async () => {
    await enqueue(entry('u5', { state: 'sending', dueAt: Date.now() - 1000 }));
    const deliver = vi.fn(async () => {});
    startQueue(deliver);
    await sleep(30);
    expect(deliver).toHaveBeenCalledWith(expect.objectContaining({ id: 'u5' }));
  });
});

describe('Send later', () => {
  it('goes out once its alarm fires, not before', async () => {
    const deliver = vi.fn(async () => {});
    startQueue(deliver);
    await enqueue(entry('s1', { kind: 'scheduled', dueAt: Date.now() + 60_000 }));
    await runDue();
    expect(deliver).not.toHaveBeenCalled();
    expect((await fakeBrowser.alarms.get(`${ALARM_PREFIX}s1`))?.scheduledTime).toBeGreaterThan(Date.now() + 59_000);
    await runDue(Date.now() + 61_000);
    await sleep(10);
    expect(deliver).toHaveBeenCalledTimes(1);
  });

  it('can be edited and cancelled while it waits', async () => {
    await enqueue(entry('s2', { kind: 'scheduled', dueAt: Date.now() + 60_000 }));
    const later = Date.now() + 120_000;
    await expect(editScheduled('s2', { dueAt: later, body: 'New text' })).resolves.toBe(true);
    expect(await listQueued()).toMatchObject([{ id: 's2', dueAt: later, draft: { body: 'New text' } }]);
    await expect(cancelQueued('s2')).resolves.toBe(true);
    await expect(editScheduled('s2', { dueAt: later })).resolves.toBe(false);
    expect(await listQueued()).toEqual([]);
  });

  it('a passing failure (offline, rate limit) waits in the queue for another try', async () => {
    const retryAt = Date.now() + 60_000;
    const deliver = vi.fn(async () => retryAt);
    startQueue(deliver);
    await enqueue(entry('s3', { kind: 'scheduled', dueAt: Date.now() - 1 }));
    await runDue();
    await sleep(20);
    expect(await listQueued()).toMatchObject([{ id: 's3', state: 'waiting', dueAt: retryAt, attempts: 1 }]);
  });
});

describe('did the customer write since it was scheduled?', () => {
  const since = Date.UTC(2026, 0, 5, 9, 0, 0);
  const s = since / 1000;
  const api = (conversations: { id: string; updatedAt: number; customerWroteAt: number | null }[]) => ({
    findRecentConversations: vi.fn(async () => conversations),
    getConversation: vi.fn(async (id: string) => conversations.find((c) => c.id === id)!),
  });

  it('yes when a conversation updated since has a customer part since', async () => {
    const a = api([{ id: '1', updatedAt: s + 60, customerWroteAt: s + 60 }]);
    await expect(customerWroteSince(a, { contactId: 'c1', sinceMs: since })).resolves.toBe(true);
  });

  it('no when only an admin wrote since, and only those updated since are read', async () => {
    const a = api([
      { id: '1', updatedAt: s + 60, customerWroteAt: s - 600 },
      { id: '2', updatedAt: s - 3600, customerWroteAt: s - 3600 },
    ]);
    await expect(customerWroteSince(a, { contactId: 'c1', sinceMs: since })).resolves.toBe(false);
    expect(a.getConversation).toHaveBeenCalledTimes(1);
  });

  it('looks only at the picked conversation when there is one', async () => {
    const a = api([
      { id: '1', updatedAt: s + 60, customerWroteAt: s + 60 },
      { id: '2', updatedAt: s + 60, customerWroteAt: null },
    ]);
    await expect(customerWroteSince(a, { contactId: 'c1', conversationId: '2', sinceMs: since })).resolves.toBe(false);
    expect(a.findRecentConversations).not.toHaveBeenCalled();
  });
});
