// The send queue: sends that wait, kept in storage.local with an alarm each, so a worker that stops
// or a browser that restarts loses none of them. Two kinds wait here:
// - `undo`: a send inside its undo window. While the worker that took it lives, an in-memory timer
//   lets the caller (panel, popup) send it and get the result; if that worker is gone by then, the
//   alarm (or the next start of the background) sends it instead, once.
// - `scheduled`: "Send later". The alarm sends it; the popup lists it to edit, send now or cancel.
// Sending itself stays with utils/compose/send.ts: its outbox, keyed by draft id, is what stops a send from
// going out twice when a worker died between taking an entry and hearing Intercom's answer.
import { storage } from '@wxt-dev/storage';
import { browser } from 'wxt/browser';
import type { Draft, RecipientRef } from '../protocol';
import { HailerError } from '../errors';
import { oneAtATime } from '../one-at-a-time';

export interface QueuedSend {
  /** The draft id: one queue entry per draft, the same id the outbox dedupes on. */
  id: string;
  /** The Hailer workspace it goes out through (absent = the default, for entries older than workspaces). */
  workspaceId?: string;
  kind: 'undo' | 'scheduled';
  recipient: RecipientRef;
  draft: Draft;
  /** Epoch ms when it goes out. */
  dueAt: number;
  /** Epoch ms when the agent queued it (a scheduled send checks the customer's replies since). */
  queuedAt: number;
  /** Who it goes to, as the agent knows them (for the popup and notifications). */
  to: string;
  /** The confirmed contact (scheduled sends), to look for their replies before sending. */
  contactId?: string;
  /** The conversation the send answers, when the agent picked one. */
  conversationId?: string;
  /** `sending` once a worker took it; one still `sending` at start-up was cut off mid-send. */
  state: 'waiting' | 'sending';
  /** Tries that failed in a passing way (offline, rate limited). */
  attempts?: number;
}

export const queueItem = storage.defineItem<Record<string, QueuedSend>>('local:sendQueue', { fallback: {} });

export const ALARM_PREFIX = 'hailer-send:';
/** How long a scheduled send may wait: a year is beyond any "answer at their morning". */
export const MAX_SCHEDULE_MS = 366 * 24 * 60 * 60 * 1000;

/**
 * What sends a queued entry no caller waits for (the background's send, with history and
 * notifications). It answers when to try again (epoch ms) if the failure passes with time.
 */
export type Deliver = (entry: QueuedSend) => Promise<number | void>;

// Read-modify-write of the queue, one at a time (a timer, an alarm and a click may race).
const writes = oneAtATime();
function change<T>(fn: (queue: Record<string, QueuedSend>) => T): Promise<T> {
  return writes(async () => {
    const queue = { ...(await queueItem.getValue()) };
    const result = fn(queue);
    await queueItem.setValue(queue);
    return result;
  });
}

/** Undo windows this worker is timing, so the caller, not the alarm, sends them. */
const waiters = new Map<string, { done: Promise<void>; release(): void; cancel(): void }>();
/** Entries this worker is sending now. */
const delivering = new Set<string>();
let deliver: Deliver = async () => {};

/**
 * Call once when the background starts: handles alarms, sends what fell due while the browser was
 * closed or the worker stopped, and re-arms the rest (alarms need not survive a browser restart).
 */
export function startQueue(deliverQueued: Deliver): void {
  deliver = deliverQueued;
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name.startsWith(ALARM_PREFIX)) void runDue();
  });
  void runDue();
}

/** Puts an entry in the queue (replacing one with the same id) and arms its alarm. */
export async function enqueue(entry: QueuedSend): Promise<void> {
  await change((queue) => void (queue[entry.id] = entry));
  await arm(entry);
}

const arm = (entry: QueuedSend) => browser.alarms.create(`${ALARM_PREFIX}${entry.id}`, { when: Math.max(entry.dueAt, Date.now() + 50) });

/**
 * The undo window of a send, kept durably. Resolves when the window is over and this caller may
 * send (then call `finished`); rejects `cancelled` when the agent undid it. A second send of the same
 * draft inside the window joins the first wait.
 */
export function holdForUndo(entry: QueuedSend): Promise<void> {
  const existing = waiters.get(entry.id);
  if (existing) return existing.done;
  // Its window is over and it is going out: no second window, the send itself joins the first.
  if (delivering.has(entry.id)) return Promise.resolve();
  let release = () => {};
  let cancel = () => {};
  const done = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, Math.max(0, entry.dueAt - Date.now()));
    release = () => {
      clearTimeout(timer);
      resolve();
    };
    cancel = () => {
      clearTimeout(timer);
      reject(new HailerError('cancelled'));
    };
  });
  const owned = (async () => {
    await enqueue(entry);
    // Undone while it was being stored: the stored copy must not go out when its alarm fires.
    await done.catch(async (error: unknown) => {
      await finished(entry.id);
      throw error;
    });
    if (!(await take(entry.id))) throw new HailerError('cancelled');
  })();
  waiters.set(entry.id, { done: owned, release, cancel });
  void owned.catch(() => {}).finally(() => waiters.delete(entry.id));
  return owned;
}

/** Marks an entry as being sent by this worker; false when it is gone (cancelled) or taken. */
async function take(id: string): Promise<QueuedSend | null> {
  // Claimed synchronously: a timer, an alarm and start-up may all reach here for the same entry.
  if (delivering.has(id)) return null;
  delivering.add(id);
  const entry = await change((queue) => {
    const found = queue[id];
    if (!found) return null;
    queue[id] = { ...found, state: 'sending' };
    return found;
  });
  if (!entry) delivering.delete(id);
  return entry;
}

/** The send of an entry is over (sent, or failed for good): it leaves the queue. */
export async function finished(id: string): Promise<void> {
  delivering.delete(id);
  await change((queue) => void delete queue[id]);
  await browser.alarms.clear(`${ALARM_PREFIX}${id}`);
}

/** Cancels a waiting send. False when there is none, or it is already going out. */
export async function cancelQueued(id: string): Promise<boolean> {
  if (delivering.has(id)) return false;
  const removed = await change((queue) => {
    if (!queue[id] || queue[id].state === 'sending') return false;
    delete queue[id];
    return true;
  });
  await browser.alarms.clear(`${ALARM_PREFIX}${id}`);
  waiters.get(id)?.cancel();
  return removed;
}

/** Sends a waiting entry now: an undo window ends early; a scheduled send goes out at once. */
export async function sendNow(id: string): Promise<boolean> {
  const waiter = waiters.get(id);
  if (waiter) return waiter.release(), true;
  const entry = await take(id);
  if (!entry) return false;
  void deliverTaken(entry);
  return true;
}

/** Changes a scheduled send's time and text. False when it is no longer waiting. */
export async function editScheduled(id: string, patch: { dueAt: number; body?: string; subject?: string }): Promise<boolean> {
  const edited = await change((queue) => {
    const entry = queue[id];
    if (!entry || entry.kind !== 'scheduled' || entry.state !== 'waiting') return null;
    const draft = { ...entry.draft, ...(patch.body !== undefined ? { body: patch.body } : {}), ...(patch.subject !== undefined ? { subject: patch.subject } : {}) };
    queue[id] = { ...entry, dueAt: patch.dueAt, draft };
    return queue[id];
  });
  if (edited) await arm(edited);
  return Boolean(edited);
}

export async function listQueued(): Promise<QueuedSend[]> {
  return Object.values(await queueItem.getValue()).sort((a, b) => a.dueAt - b.dueAt);
}

/** Sends every entry that is due and no live caller is timing, and re-arms those still to come. */
export async function runDue(now = Date.now()): Promise<void> {
  for (const entry of await listQueued()) {
    if (waiters.has(entry.id) || delivering.has(entry.id)) continue;
    // `sending` without this worker sending it: the worker that took it stopped. The outbox
    // reconciles with Intercom before anything goes out again.
    if (entry.state === 'sending' || entry.dueAt <= now) {
      const taken = await take(entry.id);
      if (taken) void deliverTaken(taken);
    } else {
      await arm(entry);
    }
  }
}

async function deliverTaken(entry: QueuedSend): Promise<void> {
  const retryAt = await deliver(entry).catch(() => undefined);
  if (typeof retryAt !== 'number') return finished(entry.id);
  delivering.delete(entry.id);
  await enqueue({ ...entry, state: 'waiting', dueAt: retryAt, attempts: (entry.attempts ?? 0) + 1 });
}

/** Tests only: forget this worker's timers and sends, as a new worker would. */
export function forgetQueueWorker(): void {
  waiters.clear();
  delivering.clear();
}
