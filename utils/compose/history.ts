// Sent history: the last 200 sends, newest first, kept compact in storage.local so the popup can
// show and search them. Failed sends keep their draft so the agent can reopen it.
import { storage } from '@wxt-dev/storage';
import type { Draft, RecipientRef } from '../protocol';
import { oneAtATime } from '../one-at-a-time';

export interface HistoryEntry {
  /** The Hailer workspace it was sent through (absent in entries older than workspaces). */
  workspaceId?: string;
  /** Epoch seconds. */
  at: number;
  /** The recipient as the agent knows them (name or email or id). */
  to: string;
  ref: RecipientRef;
  channel: 'in_app' | 'email';
  status: 'sent' | 'failed' | 'maybe_sent' | 'duplicate';
  /** A reply or an internal note in an existing conversation, or a bulk send's job; absent for a new message. */
  kind?: 'reply' | 'note' | 'bulk';
  /** A bulk send: how many recipients it had and how each ended (one entry for the whole job). */
  bulk?: { total: number; sent: number; skipped: number; failed: number; cancelled: number };
  conversationUrl?: string;
  /** Its conversation, when known: what the reply watch (./reply-watch.ts) looks at. */
  conversationId?: string;
  /** The error code of a failed send. */
  error?: string;
  /** Failed sends only, to reopen them as drafts. */
  draft?: Draft;
}

export const HISTORY_LIMIT = 200;
const MAX_DRAFT_BODY = 10_000;

export const historyItem = storage.defineItem<HistoryEntry[]>('local:history', { fallback: [] });

const writes = oneAtATime();

export function addHistory(entry: HistoryEntry): Promise<void> {
  const compact: HistoryEntry = entry.draft ? { ...entry, draft: { ...entry.draft, body: entry.draft.body.slice(0, MAX_DRAFT_BODY) } } : entry;
  // Sends finish concurrently: queue the read-modify-writes so none is lost.
  return writes(async () => {
    const list = await historyItem.getValue();
    await historyItem.setValue([compact, ...list].slice(0, HISTORY_LIMIT));
  });
}

export function searchHistory(list: readonly HistoryEntry[], query: string): HistoryEntry[] {
  const q = query.trim().toLowerCase();
  if (!q) return [...list];
  return list.filter((e) => [e.to, e.ref.value, e.status, e.channel, e.draft?.body ?? ''].some((s) => s.toLowerCase().includes(q)));
}
