// The reply watch: for conversations the agent started or answered from Hailer in the last 24 hours
// (the sent history), at most one request a minute per workspace. A minute either searches (which of
// them changed since the last search, and has the customer waiting since the agent's send) or reads
// one conversation that search found: a conversation search answer carries no parts (Intercom's
// `conversation_list_item`: updated_at, waiting_since, statistics, the source — not the customer's
// words), so the notification ("Jane Cooper replied: …") waits for the read in the next minute. The
// search after the reads reaches back to where the one before them left off. Clicking the
// notification opens the conversation in the side panel. Nothing watched, or the switch in options
// off: no request at all.
import { browser } from 'wxt/browser';
import { storage } from '@wxt-dev/storage';
import { historyItem, type HistoryEntry } from './history';
import { htmlToText } from './conversation-calls';
import { conversationsApi, type IntercomClient } from '../intercom';
import { t } from '../i18n';
import { notify } from '../notify';

export const REPLY_WATCH_ALARM = 'hailer-reply-watch';
export const REPLY_NOTIFICATION = 'hailer-reply:';
const WATCH_SECONDS = 24 * 60 * 60;
/** Intercom's IN takes a list; the newest conversations first if the agent sent to very many. */
const MAX_WATCHED = 100;
const CUSTOMER_AUTHORS = new Set(['user', 'lead', 'contact']);
/** Intercom's search index trails its writes a little: each look reaches back this far, and a part is notified once. */
const INDEX_SLACK_SECONDS = 120;
const KEEP_NOTIFIED = 200;

/**
 * Per workspace: where the next search starts (epoch seconds), the conversations it found still to
 * read (one a minute), and the updated_at each had when read (the search's slack finds them again;
 * unchanged since, they are not read twice).
 */
export interface WatchSlot {
  since: number;
  toRead: { id: string; updatedAt: number }[];
  read: Record<string, number>;
}
const slotsItem = storage.defineItem<Record<string, WatchSlot>>('local:replyWatchSlots', { fallback: {} });
/** The conversation a notification is about, by its id. */
export interface ReplyNotice {
  workspaceId?: string;
  conversationId: string;
  contactId: string | null;
  name: string;
}
export const notifiedItem = storage.defineItem<Record<string, ReplyNotice>>(
  'local:replyWatchNotified',
  { fallback: {} },
);

export interface ReplyWatchDeps {
  enabled(): Promise<boolean>;
  intercom(workspaceId?: string): Promise<{ api: IntercomClient }>;
}

/** The conversations to watch, per Hailer workspace (key '' = entries from before workspaces). */
export function watched(history: readonly HistoryEntry[], nowSeconds: number): Map<string, Map<string, HistoryEntry>> {
  const byWorkspace = new Map<string, Map<string, HistoryEntry>>();
  for (const entry of history) {
    if (!entry.conversationId || nowSeconds - entry.at > WATCH_SECONDS || (entry.status !== 'sent' && entry.status !== 'duplicate')) continue;
    const list = byWorkspace.get(entry.workspaceId ?? '') ?? new Map<string, HistoryEntry>();
    if (list.size < MAX_WATCHED && !list.has(entry.conversationId)) list.set(entry.conversationId, entry);
    byWorkspace.set(entry.workspaceId ?? '', list);
  }
  return byWorkspace;
}

/** One minute's look: per workspace, one search or one read; answers the notifications shown and the requests made (for tests and the bench). */
export async function checkReplies(deps: ReplyWatchDeps, now = Date.now()): Promise<{ notified: number; requests: number }> {
  const nowSeconds = Math.floor(now / 1000);
  if (!(await deps.enabled())) return { notified: 0, requests: 0 };
  const byWorkspace = watched(await historyItem.getValue(), nowSeconds);
  if (byWorkspace.size === 0) return { notified: 0, requests: 0 };
  const slots = await slotsItem.getValue();
  let notified = 0;
  let requests = 0;
  for (const [workspaceId, conversations] of byWorkspace) {
    // The first search starts at the oldest watched send.
    const slot = slots[workspaceId] ?? { since: Math.min(...[...conversations.values()].map((e) => e.at)), toRead: [], read: {} };
    // No longer watched: not read, and forgotten.
    const toRead = slot.toRead.filter((c) => conversations.has(c.id));
    const read = Object.fromEntries(Object.entries(slot.read ?? {}).filter(([id]) => conversations.has(id)));
    slots[workspaceId] = { since: slot.since, toRead, read };
    try {
      const { api } = await deps.intercom(workspaceId || undefined);
      requests++;
      const [next, ...later] = toRead;
      if (next) {
        if (await notifyAnswer(api, workspaceId, conversations.get(next.id)!)) notified++;
        slots[workspaceId] = { since: slot.since, toRead: later, read: { ...read, [next.id]: next.updatedAt } };
        continue;
      }
      const changed = await api.searchConversations(
        { operator: 'AND', value: [{ field: 'id', operator: 'IN', value: [...conversations.keys()] }, { field: 'updated_at', operator: '>', value: slot.since - INDEX_SLACK_SECONDS }] },
        conversations.size,
      );
      // Read only where the customer wrote after the agent's send and is still waiting (an admin
      // answering since sets waiting_since to null: someone has replied already), and not as read.
      const waiting = changed.filter((c) => (c.waitingSince ?? 0) >= conversations.get(c.id)!.at && c.updatedAt > (read[c.id] ?? 0));
      slots[workspaceId] = { since: nowSeconds, toRead: waiting.map((c) => ({ id: c.id, updatedAt: c.updatedAt })), read };
    } catch {
      // Not set up any more, offline, rate-limited: the next minute tries the same again.
    }
  }
  await slotsItem.setValue(slots);
  return { notified, requests };
}

/** The conversation's newest customer part after the agent's send, notified once. */
async function notifyAnswer(api: IntercomClient, workspaceId: string, sent: HistoryEntry): Promise<boolean> {
  const conversationId = sent.conversationId!;
  const detail = await conversationsApi(api).getConversationDetail(conversationId);
  const answer = detail.parts.filter((p) => CUSTOMER_AUTHORS.has(p.authorType ?? '') && p.createdAt >= sent.at).at(-1);
  if (!answer) return false;
  const id = `${REPLY_NOTIFICATION}${workspaceId}:${conversationId}:${answer.id}`;
  const seen = await notifiedItem.getValue();
  if (seen[id]) return false;
  const name = answer.authorName ?? sent.to;
  const kept = Object.entries(seen).slice(-(KEEP_NOTIFIED - 1));
  await notifiedItem.setValue({ ...Object.fromEntries(kept), [id]: { ...(workspaceId ? { workspaceId } : {}), conversationId, contactId: answer.authorId, name } });
  await notify(id, t('replyWatchTitle'), t('replyWatchMessage', [name, htmlToText(answer.body ?? '').slice(0, 120)]));
  return true;
}

/** Once a minute while the background runs (the alarm wakes it). */
export function startReplyWatch(deps: ReplyWatchDeps): void {
  void browser.alarms.create(REPLY_WATCH_ALARM, { periodInMinutes: 1 });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === REPLY_WATCH_ALARM) void checkReplies(deps);
  });
}
