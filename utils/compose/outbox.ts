// Outboxes: one entry per draft, written before the POST goes out. It is what makes a send
// idempotent across double clicks, two tabs, popup + panel, retries and a service worker that dies
// mid-send: a draft whose entry says `sending` or `maybe_sent` is reconciled with Intercom before
// anything is sent again, and one that says `sent` answers with the first result. New messages
// (POST /messages) and replies (POST /conversations/{id}/reply) each have one, alike but for what
// an entry records. Bulk sends (utils/bulk) have their own, one record per entry in the extension's
// IndexedDB: a batch of a thousand would otherwise rewrite a thousand entries on every send, and each
// of its sends waits for its entry to be stored, which IndexedDB does sooner than storage.local.
import { storage } from '@wxt-dev/storage';
import { createStore, entries as storedEntries, promisifyRequest, type UseStore } from 'idb-keyval';
import type { FollowUp, SendResult } from '../protocol';
import { HailerError, type ErrorCode } from '../errors';

interface EntryBase {
  draftId: string;
  state: 'sending' | 'maybe_sent' | 'sent';
  /** Epoch ms when the send began; reconciling looks for what was created since. */
  startedAt: number;
  adminId: string;
  /** The HTML body sent, to recognise ours among what Intercom holds. */
  body: string;
}

export interface OutboxEntry extends EntryBase {
  /** The Hailer workspace it is sent through: a retry through another one is refused. */
  workspaceId?: string;
  contactId: string;
  result?: SendResult;
}

export interface ReplyEntry extends EntryBase {
  conversationId: string;
  note: boolean;
  followUp?: FollowUp;
  result?: ReplySent;
}

export type FollowUpOutcome = { ok: true } | { ok: false; code: ErrorCode; detail?: string };

export interface ReplySent {
  status: 'sent';
  conversationId: string;
  conversationUrl: string;
  /** Null when the reply was recognised but its part not identified. */
  partId: string | null;
  note: boolean;
  followUp: FollowUpOutcome | null;
  timings: { totalMs: number };
  /** Intercom round trips, for the benchmark. */
  requests: number;
  /**
   * Set when the conversation holds our reply more than once: Chromium resends a POST whose reused
   * connection dropped before any answer, and no header can stop it. The agent is told.
   */
  copies?: number;
}

/** Sent entries are kept a day so a late retry of the same draft still finds its result. */
const KEEP_SENT_MS = 24 * 60 * 60 * 1000;
const PRUNE_EVERY_MS = 60_000;

/** Where an outbox keeps its entries: all in one storage.local record, or one IndexedDB record each. */
interface Layout<E> {
  load(): Promise<Record<string, E>>;
  save(all: Record<string, E>, changed: string[]): Promise<void>;
  /** Stores with the next save, or within LATER_MS: for what a cut may lose (see `putLater`). */
  saveLater?(all: Record<string, E>, changed: string[]): void;
}

const LATER_MS = 250;

function oneRecord<E>(key: `local:${string}`): Layout<E> {
  const item = storage.defineItem<Record<string, E>>(key, { fallback: {} });
  return { load: async () => ({ ...(await item.getValue()) }), save: (all) => item.setValue({ ...all }) };
}

function recordPerEntry<E>(database: string): Layout<E> {
  let store: UseStore | undefined;
  const db = () => (store ??= createStore(database, 'entries'));
  // Group commit: what is written while a transaction commits goes in the next one, so an entry waits
  // for at most one commit before its own. Later writes of an entry replace earlier ones that wait.
  const waiting = new Map<string, E | undefined>(); // undefined: deleted
  let next: Promise<void> | null = null;
  let committing: Promise<unknown> = Promise.resolve();
  let later: ReturnType<typeof setTimeout> | undefined;
  function commit(): Promise<void> {
    clearTimeout(later);
    later = undefined;
    if (!next) {
      const mine = committing.then(() => {
        next = null;
        const batch = [...waiting];
        waiting.clear();
        return db()('readwrite', (entries) => {
          for (const [id, entry] of batch) entry === undefined ? entries.delete(id) : entries.put(entry, id);
          return promisifyRequest(entries.transaction);
        });
      });
      next = mine;
      committing = mine.catch(() => {});
    }
    return next;
  }
  const wait = (all: Record<string, E>, changed: string[]) => {
    for (const id of changed) waiting.set(id, all[id]);
  };
  return {
    load: async () => Object.fromEntries(await storedEntries<string, E>(db())),
    save(all, changed) {
      wait(all, changed);
      return commit();
    },
    saveLater(all, changed) {
      wait(all, changed);
      // A commit that waits to start takes these too; the timer then finds nothing left to store.
      later ??= setTimeout(() => {
        later = undefined;
        if (waiting.size) void commit().catch(() => {});
      }, LATER_MS);
    },
  };
}

function defineOutbox<E extends EntryBase & { result?: unknown }>(layout: Layout<E>) {
  type Result = NonNullable<E['result']>;
  // The background is the only writer, so it keeps the outbox in memory too and reads storage once
  // per worker start: a send then costs one storage write, not a read and a write each time.
  let mirror: Promise<Record<string, E>> | undefined;
  const entries = () => (mirror ??= layout.load());
  const get = async (draftId: string): Promise<E | undefined> => (await entries())[draftId];
  /** Updates the mirror at once (later reads see it) and resolves when storage has it. */
  // Expired entries are looked for at most once a minute: a batch puts thousands of entries.
  let prunedAt = 0;
  async function put(entry: E): Promise<void> {
    const all = await entries();
    const now = Date.now();
    const changed = [entry.draftId];
    for (const [id, e] of now - prunedAt > PRUNE_EVERY_MS ? Object.entries(all) : []) {
      if (e.state !== 'sent' || now - e.startedAt <= KEEP_SENT_MS) continue;
      delete all[id];
      changed.push(id);
    }
    if (now - prunedAt > PRUNE_EVERY_MS) prunedAt = now;
    all[entry.draftId] = entry;
    await layout.save(all, changed);
  }
  return {
    get,
    put,
    /**
     * As `put`, for a state a cut may lose without harm (a send's result: the entry still says
     * `sending`, and a retry reconciles and finds the conversation). The mirror has it at once;
     * storage gets it with the next `put` or soon after, so a send does not wait for two writes.
     */
    putLater(entry: E): void {
      void entries()
        .then((all) => {
          all[entry.draftId] = entry;
          return layout.saveLater ? layout.saveLater(all, [entry.draftId]) : layout.save(all, [entry.draftId]);
        })
        .catch(() => {});
    },
    /** Reads storage now (a bulk job's first send need not). */
    preload: async (): Promise<void> => void (await entries()),
    /**
     * Before a draft goes out: the first result if it was sent; what `reconcile` finds at Intercom if
     * it may have been (`sending` with nothing in flight means the worker stopped mid-send: as unsure
     * as `maybe_sent`); else, unless the agent confirmed a resend, the entry turns `maybe_sent` and the
     * send is refused. Otherwise the draft's entry, if any, and it is sent.
     */
    async resume(draftId: string, confirmResend: boolean | undefined, reconcile: (entry: E) => Promise<Result | null>): Promise<{ done: Result } | { entry: E | undefined }> {
      const entry = await get(draftId);
      if (entry?.state === 'sent' && entry.result) return { done: entry.result as Result };
      if (entry) {
        const found = await reconcile(entry);
        if (found) return { done: found };
        if (!confirmResend) {
          await put({ ...entry, state: 'maybe_sent' });
          throw new HailerError('maybe_sent');
        }
      }
      return { entry };
    },
    async delete(draftId: string): Promise<void> {
      const all = await entries();
      delete all[draftId];
      await layout.save(all, [draftId]);
    },
    /** Drops the entries a test picks (a removed workspace's: its drafts are gone, nothing may retry through it). */
    async deleteWhere(test: (entry: E) => boolean): Promise<void> {
      const all = await entries();
      const changed = Object.entries(all).filter(([, e]) => test(e)).map(([id]) => id);
      for (const id of changed) delete all[id];
      await layout.save(all, changed);
    },
    /** Tests only: read storage again, as a new service worker does. */
    forgetMirror(): void {
      mirror = undefined;
    },
  };
}

export type Outbox<E extends EntryBase & { result?: unknown } = OutboxEntry> = ReturnType<typeof defineOutbox<E>>;

export const messageOutbox = defineOutbox<OutboxEntry>(oneRecord('local:outbox'));
export const replyOutbox = defineOutbox<ReplyEntry>(oneRecord('local:replyOutbox'));
/** Bulk sends' messages (utils/bulk/job.ts), one IndexedDB record each. */
export const bulkOutbox = defineOutbox<OutboxEntry>(recordPerEntry('hailer-bulk-outbox'));
