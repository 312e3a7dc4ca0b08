// The words the panel shows for conversations and their parts, made in the background (which reads
// the same locale file) so the content script carries no formatting code: "Export times out · open ·
// Ada · 3 min ago" and "Jane Cooper: Any news?".
import { t, type MessageKey } from '../i18n';
import type { ConversationSummary, PartSummary } from '../protocol';

/** Open ones first, then by last update, newest first. */
export function sortConversations<C extends Pick<ConversationSummary, 'state' | 'updatedAt'>>(list: readonly C[]): C[] {
  return [...list].sort((a, b) => Number(b.state === 'open') - Number(a.state === 'open') || b.updatedAt - a.updatedAt);
}

/** "Export times out · open · Ada · 3 min ago". */
export function conversationLabel(c: Omit<ConversationSummary, 'url' | 'label'>, nowSeconds: number): string {
  const title = c.title?.trim() || c.firstLine?.trim() || t('panelConversationUntitled', c.id);
  const state = ['open', 'closed', 'snoozed'].includes(c.state) ? t(`panelState_${c.state}` as MessageKey) : c.state;
  return t('panelConversationOption', [title.slice(0, 60), state, c.assignee ?? t('panelUnassigned'), ago(c.updatedAt, nowSeconds)]);
}

export function ago(atSeconds: number, nowSeconds: number): string {
  const minutes = Math.floor(Math.max(0, nowSeconds - atSeconds) / 60);
  if (minutes < 1) return t('panelAgoNow');
  if (minutes < 60) return t('panelAgoMinutes', String(minutes));
  if (minutes < 48 * 60) return t('panelAgoHours', String(Math.floor(minutes / 60)));
  return t('panelAgoDays', String(Math.floor(minutes / 1440)));
}

/** "Jane Cooper: Any news?", "Ben Support: closed the conversation", "Ada: (internal note) …". */
export function partLine(p: Omit<PartSummary, 'line'>): string {
  const author =
    p.authorName ?? t(p.authorRole === 'customer' ? 'panelPartCustomer' : p.authorRole === 'teammate' ? 'panelPartTeammate' : 'panelPartSomeone');
  const first = p.text.split('\n').find((l) => l.trim())?.trim() ?? '';
  const what =
    p.kind === 'note'
      ? t('panelPartKind_note', first)
      : ['close', 'assignment', 'snoozed', 'open'].includes(p.kind) && !first
        ? t(`panelPartKind_${p.kind}` as MessageKey)
        : first;
  return `${author}: ${what}`;
}
