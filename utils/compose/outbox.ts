// One outbox entry per draft, written before POST /messages goes out. It is what makes a send
// idempotent across double clicks, two tabs, popup + panel, retries and a service worker that dies
// mid-send: a draft whose entry says `sending` or `maybe_sent` is reconciled with Intercom before
// anything is sent again, and one that says `sent` answers with the first result.
import { storage } from '@wxt-dev/storage';
import type { SendResult } from '../protocol';

export interface OutboxEntry {
  draftId: string;
  /** The Hailer workspace it is sent through: a retry through another one is refused. */
  workspaceId?: string;
  state: 'sending' | 'maybe_sent' | 'sent';
  /** Epoch ms when the send began; reconciling looks for conversations created since. */
  startedAt: number;
  contactId: string;
  adminId: string;
  /** The HTML body sent, to recognise our message among the contact's conversations. */
  body: string;
  result?: SendResult;
}

const outboxItem = storage.defineItem<Record<string, OutboxEntry>>('local:outbox', { fallback: {} });

/** Sent entries are kept a day so a late retry of the same draft still finds its result. */
const KEEP_SENT_MS = 24 * 60 * 60 * 1000;

// The background is the only writer, so it keeps the outbox in memory too and reads storage once
// per worker start: a send then costs one storage write, not a read and a write each time.
let mirror: Promise<Record<string, OutboxEntry>> | undefined;
const entries = () => (mirror ??= outboxItem.getValue().then((stored) => ({ ...stored })));

export async function getEntry(draftId: string): Promise<OutboxEntry | undefined> {
  return (await entries())[draftId];
}

/** Updates the mirror at once (later reads see it) and resolves when storage has it. */
export async function putEntry(entry: OutboxEntry): Promise<void> {
  const all = await entries();
  const now = Date.now();
  for (const [id, e] of Object.entries(all)) if (e.state === 'sent' && now - e.startedAt > KEEP_SENT_MS) delete all[id];
  all[entry.draftId] = entry;
  await outboxItem.setValue({ ...all });
}

export async function deleteEntry(draftId: string): Promise<void> {
  const all = await entries();
  delete all[draftId];
  await outboxItem.setValue({ ...all });
}

/** Drops the entries a test says no (a removed workspace's): its drafts are gone, nothing may retry through it. */
export async function deleteEntriesWhere(test: (entry: OutboxEntry) => boolean): Promise<void> {
  const all = await entries();
  for (const [id, e] of Object.entries(all)) if (test(e)) delete all[id];
  await outboxItem.setValue({ ...all });
}

/** Tests only: read storage again, as a new service worker does. */
export function forgetOutboxMirror(): void {
  mirror = undefined;
}
