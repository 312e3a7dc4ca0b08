// One entry per reply draft, written before POST /conversations/{id}/reply goes out: the same idea as
// utils/compose/outbox.ts for new messages. A draft whose entry says `sending` or `maybe_sent` is reconciled
// with the conversation's parts before anything is sent again; one that says `sent` answers with the
// first result (so a retry never posts a second reply, nor applies the follow-up twice).
import { storage } from '@wxt-dev/storage';
import type { FollowUp } from '../protocol';
import type { ReplySent } from './reply';

export interface ReplyEntry {
  draftId: string;
  state: 'sending' | 'maybe_sent' | 'sent';
  /** Epoch ms when the send began; reconciling looks at parts created since. */
  startedAt: number;
  conversationId: string;
  adminId: string;
  note: boolean;
  /** The HTML body sent, to recognise our part among the conversation's. */
  body: string;
  followUp?: FollowUp;
  result?: ReplySent;
}

const replyOutboxItem = storage.defineItem<Record<string, ReplyEntry>>('local:replyOutbox', { fallback: {} });

/** Sent entries are kept a day so a late retry of the same draft still finds its result. */
const KEEP_SENT_MS = 24 * 60 * 60 * 1000;

// Only the background writes it: keep a mirror, read storage once per worker start.
let mirror: Promise<Record<string, ReplyEntry>> | undefined;
const entries = () => (mirror ??= replyOutboxItem.getValue().then((stored) => ({ ...stored })));

export async function getReplyEntry(draftId: string): Promise<ReplyEntry | undefined> {
  return (await entries())[draftId];
}

export async function putReplyEntry(entry: ReplyEntry): Promise<void> {
  const all = await entries();
  const now = Date.now();
  for (const [id, e] of Object.entries(all)) if (e.state === 'sent' && now - e.startedAt > KEEP_SENT_MS) delete all[id];
  all[entry.draftId] = entry;
  await replyOutboxItem.setValue({ ...all });
}

export async function deleteReplyEntry(draftId: string): Promise<void> {
  const all = await entries();
  delete all[draftId];
  await replyOutboxItem.setValue({ ...all });
}

/** Drops the entries a test says no (a removed workspace's): its drafts are gone, nothing may retry through it. */
export async function deleteReplyEntriesWhere(test: (entry: ReplyEntry) => boolean): Promise<void> {
  const all = await entries();
  for (const [id, e] of Object.entries(all)) if (test(e)) delete all[id];
  await replyOutboxItem.setValue({ ...all });
}

/** Tests only: read storage again, as a new service worker does. */
export function forgetReplyOutboxMirror(): void {
  mirror = undefined;
}
