// The compose panel's "Conversation" select: start a new conversation or continue one of the
// contact's (open first, newest first), with a line under it while the list loads or when a recent
// open conversation suggests answering there instead. Its box keeps the same height whatever it
// shows, so nothing below it (Send) moves.
// The background sorts and words the list (utils/compose/conversation-labels.ts): this only shows it.
import type { ConversationSummary, PartSummary } from '@/utils/protocol';
import { t } from '@/utils/i18n';

/** A conversation the panel has read, with the newest part the agent has been shown. */
export interface Thread {
  conversation: ConversationSummary;
  parts: PartSummary[];
  /** How many parts the conversation has (more than `parts` when there are earlier ones). */
  totalParts: number;
  latestPartId: string | null;
  /** Shown from what the background read a moment ago (epoch ms of that read), until the live loop's read replaces it. */
  remembered?: number;
}

export interface ConversationPickerProps {
  name: string;
  /** Null while the list loads. */
  conversations: ConversationSummary[] | null;
  /** '' = New conversation. */
  value: string;
  onChange(conversationId: string): void;
}

const HOUR_SECONDS = 3600;

export function ConversationPicker({ name, conversations, value, onChange }: ConversationPickerProps) {
  const list = conversations ?? [];
  const recentOpen = !value && list.some((c) => c.state === 'open' && Date.now() / 1000 - c.updatedAt < HOUR_SECONDS);
  return (
    <div class="conversation-picker">
      <label for="hailer-conversation">{t('panelConversation')}</label>
      <select id="hailer-conversation" value={value} aria-busy={conversations === null} aria-describedby="hailer-thread" onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="">{t('panelNewConversation')}</option>
        {list.map((c) => (
          <option value={c.id}>{c.label ?? c.id}</option>
        ))}
      </select>
      <p id="hailer-thread" class={recentOpen ? 'thread warning' : 'thread'}>
        {/* A chosen conversation's parts are in the thread below (components/ConversationThread.tsx), not repeated here. */}
        {conversations === null ? t('panelConversationLoading', name) : recentOpen ? t('panelRecentOpen', name) : ''}
      </p>
    </div>
  );
}

/** Shown instead of sending when the conversation moved on since the panel read it. */
export function CollisionNotice({ parts, onSendAnyway }: { parts: PartSummary[]; onSendAnyway(event: Event): void }) {
  return (
    <div class="failed collision" role="alert">
      <p>
        <strong>{t('panelCollision')}</strong>
      </p>
      <ul>
        {parts.map((p) => (
          <li key={p.id}>{p.line}</li>
        ))}
      </ul>
      <button type="button" onClick={onSendAnyway}>
        {t('panelSendAnyway')}
      </button>
    </div>
  );
}

/** For a reply: the "Internal note" checkbox and, plainly, who will see it. Same height as the channel choice it replaces. */
export function ReplyMode({ name, title, note, onNote }: { name: string; title: string; note: boolean; onNote(note: boolean): void }) {
  return (
    <div class="mode">
      <label class="note">
        <input type="checkbox" checked={note} onChange={(e) => onNote(e.currentTarget.checked)} />
        {t('panelInternalNote')}
      </label>
      <p class="hint">{note ? t('panelWillNote', name) : t('panelWillReply', [name, title])}</p>
    </div>
  );
}
