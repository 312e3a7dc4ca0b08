// The compose panel's "Conversation" select: start a new conversation or continue one of the
// contact's (open first, newest first), with what the agent is answering shown under it. Its box keeps
// the same height while the list loads and whatever it then shows, so nothing below it (Send) moves.
import type { ConversationSummary, PartSummary } from '@/utils/protocol';
import { t, type MessageKey } from '@/utils/i18n';

/** A conversation the panel has read, with the newest part the agent has been shown. */
export interface Thread {
  conversation: ConversationSummary;
  parts: PartSummary[];
  latestPartId: string | null;
}

export interface ConversationPickerProps {
  name: string;
  /** Null while the list loads. */
  conversations: ConversationSummary[] | null;
  /** '' = New conversation. */
  value: string;
  onChange(conversationId: string): void;
  /** The chosen conversation as read just now (null while it loads). */
  thread: Thread | null;
}

const HOUR_SECONDS = 3600;

export function ConversationPicker({ name, conversations, value, onChange, thread }: ConversationPickerProps) {
  const sorted = sortConversations(conversations ?? []);
  const now = Date.now() / 1000;
  const recentOpen = !value && sorted.some((c) => c.state === 'open' && now - c.updatedAt < HOUR_SECONDS);
  const latest = value && thread?.conversation.id === value ? thread.parts.at(-1) : undefined;
  return (
    <div class="conversation-picker">
      <label for="hailer-conversation">{t('panelConversation')}</label>
      <select id="hailer-conversation" value={value} aria-busy={conversations === null} aria-describedby="hailer-thread" onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="">{t('panelNewConversation')}</option>
        {sorted.map((c) => (
          <option value={c.id}>{conversationLabel(c, now)}</option>
        ))}
      </select>
      <p id="hailer-thread" class={recentOpen ? 'thread warning' : 'thread'}>
        {conversations === null
          ? t('panelConversationLoading', name)
          : latest
            ? t('panelLatestPart', [authorLabel(latest), partText(latest)])
            : recentOpen
              ? t('panelRecentOpen', name)
              : ''}
      </p>
    </div>
  );
}

/** Shown instead of sending when the conversation moved on since the panel read it. */
export function CollisionNotice({ parts, onSendAnyway }: { parts: PartSummary[]; onSendAnyway(event: Event): void }) {
  return (
    <div class="collision" role="alert">
      <p>
        <strong>{t('panelCollision')}</strong>
      </p>
      <ul>
        {parts.map((p) => (
          <li key={p.id}>
            {authorLabel(p)}: {partText(p)}
          </li>
        ))}
      </ul>
      <button type="button" onClick={onSendAnyway}>
        {t('panelSendAnyway')}
      </button>
    </div>
  );
}

/** Open ones first, then by last update, newest first. */
export function sortConversations(list: readonly ConversationSummary[]): ConversationSummary[] {
  return [...list].sort((a, b) => Number(b.state === 'open') - Number(a.state === 'open') || b.updatedAt - a.updatedAt);
}

/** "Export times out · open · Ada · 3 min ago". */
export function conversationLabel(c: ConversationSummary, nowSeconds: number): string {
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

const authorLabel = (p: PartSummary) =>
  p.authorName ?? t(p.authorRole === 'customer' ? 'panelPartCustomer' : p.authorRole === 'teammate' ? 'panelPartTeammate' : 'panelPartSomeone');

function partText(p: PartSummary): string {
  const firstLine = p.text.split('\n').find((l) => l.trim())?.trim() ?? '';
  if (p.kind === 'note') return t('panelPartKind_note', firstLine);
  if (['close', 'assignment', 'snoozed', 'open'].includes(p.kind) && !firstLine) return t(`panelPartKind_${p.kind}` as MessageKey);
  return firstLine;
}

/** For a reply: the "Internal note" checkbox and, plainly, who will see it. Same height as the channel choice it replaces. */
export function ReplyMode({ name, title, note, onNote }: { name: string; title: string; note: boolean; onNote(note: boolean): void }) {
  return (
    <div class="mode">
      <label class="note">
        <input type="checkbox" checked={note} onChange={(e) => onNote(e.currentTarget.checked)} />
        {t('panelInternalNote')}
      </label>
      <p class="will">{note ? t('panelWillNote', name) : t('panelWillReply', [name, title])}</p>
    </div>
  );
}
