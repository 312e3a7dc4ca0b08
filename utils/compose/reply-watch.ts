// The reply watch: for conversations the agent started or answered from Hailer in the last 24 hours
// (the sent history), one conversation search a minute per workspace asks Intercom which of them
// changed since the last look; for each that did, its newest part is read, and a customer's part
// newer than the last look becomes a notification ("Jane Cooper replied: …"). Clicking it opens the
// conversation in the side panel. Nothing watched, or the switch in options off: no request at all.
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

/** When the watch last looked (epoch seconds), and the conversation a notification is about, by its id. */
const lastCheckItem = storage.defineItem<number | null>('local:replyWatchCheckedAt', { fallback: null });
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

/** One look; answers the notifications shown (for tests and the bench). */
export async function checkReplies(deps: ReplyWatchDeps, now = Date.now()): Promise<{ notified: number; requests: number }> {
  const nowSeconds = Math.floor(now / 1000);
  if (!(await deps.enabled())) return { notified: 0, requests: 0 };
  const byWorkspace = watched(await historyItem.getValue(), nowSeconds);
  if (byWorkspace.size === 0) return { notified: 0, requests: 0 };
  // The first look starts at the oldest watched send; later ones where the last one left off.
  const since = (await lastCheckItem.getValue()) ?? Math.min(...[...byWorkspace.values()].flatMap((m) => [...m.values()].map((e) => e.at)));
  let notified = 0;
  let requests = 0;
  for (const [workspaceId, conversations] of byWorkspace) {
    try {
      const { api } = await deps.intercom(workspaceId || undefined);
      const changed = await api.searchConversations(
        { operator: 'AND', value: [{ field: 'id', operator: 'IN', value: [...conversations.keys()] }, { field: 'updated_at', operator: '>', value: since - INDEX_SLACK_SECONDS }] },
        conversations.size,
      );
      requests++;
      for (const conversation of changed) {
        const detail = await conversationsApi(api).getConversationDetail(conversation.id);
        requests++;
        const sent = conversations.get(conversation.id)!;
        // The customer's newest part after the agent's send, not yet notified.
        const answer = detail.parts.filter((p) => CUSTOMER_AUTHORS.has(p.authorType ?? '') && p.createdAt >= sent.at).at(-1);
        const id = answer && `${REPLY_NOTIFICATION}${workspaceId}:${conversation.id}:${answer.id}`;
        const seen = await notifiedItem.getValue();
        if (!answer || !id || seen[id]) continue;
        const name = answer.authorName ?? sent.to;
        const kept = Object.entries(seen).slice(-(KEEP_NOTIFIED - 1));
        await notifiedItem.setValue({ ...Object.fromEntries(kept), [id]: { ...(workspaceId ? { workspaceId } : {}), conversationId: conversation.id, contactId: answer.authorId, name } });
        await notify(id, t('replyWatchTitle'), t('replyWatchMessage', [name, htmlToText(answer.body ?? '').slice(0, 120)]));
        notified++;
      }
    } catch {
      // Not set up any more, offline, rate-limited: the next minute looks again from the same point.
      return { notified, requests };
    }
  }
  await lastCheckItem.setValue(nowSeconds);
  return { notified, requests };
}

/** Once a minute while the background runs (the alarm wakes it). */
export function startReplyWatch(deps: ReplyWatchDeps): void {
  void browser.alarms.create(REPLY_WATCH_ALARM, { periodInMinutes: 1 });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === REPLY_WATCH_ALARM) void checkReplies(deps);
  });
}
