// The chosen conversation as a list, oldest first and newest at the bottom: customer, teammate and
// bot messages with their author and time, notes marked as notes, and assignments, closes, snoozes
// (and any other event) as one line each. "Earlier" asks for more when the list starts after the
// first part. The box keeps its height whatever it shows, so a new part never moves the composer
// below; it stays scrolled to the newest part unless the agent scrolled up to read.
import { useLayoutEffect, useRef } from 'preact/hooks';
import { t, type MessageKey } from '@/utils/i18n';
import type { PartSummary } from '@/utils/protocol';
import type { Thread } from './ConversationPicker';

/** Parts with a message; every other part type is an event. */
const MESSAGE_KINDS = new Set(['source', 'comment', 'note']);
const EVENT_WORDS: Record<string, MessageKey> = {
  close: 'panelPartKind_close',
  assignment: 'panelPartKind_assignment',
  snoozed: 'panelPartKind_snoozed',
  open: 'panelPartKind_open',
};

const author = (p: PartSummary) =>
  p.authorName ?? t(p.authorRole === 'customer' ? 'panelPartCustomer' : p.authorRole === 'teammate' ? 'panelPartTeammate' : 'panelPartSomeone');

/** One formatter for every part's time: `toLocaleString` with options makes a new one on each call. */
let partTime: Intl.DateTimeFormat | undefined;

function When({ at }: { at: number }) {
  const date = new Date(at * 1000);
  partTime ??= new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'short' });
  return <time dateTime={date.toISOString()}>{partTime.format(date)}</time>;
}

function Part({ part }: { part: PartSummary }) {
  if (!MESSAGE_KINDS.has(part.kind)) {
    const what = EVENT_WORDS[part.kind] ? t(EVENT_WORDS[part.kind]!) : t('threadEventOther', part.kind.replace(/_/g, ' '));
    return (
      <li class="thread-event">
        {t('threadEvent', [author(part), what])}
        {part.text && <> — {part.text}</>} · <When at={part.at} />
      </li>
    );
  }
  const note = part.kind === 'note';
  return (
    <li class={`thread-part ${part.authorRole}${note ? ' note' : ''}`}>
      <p class="thread-head">
        <strong>{author(part)}</strong>
        {note && <span class="note-mark">{t('threadNote')}</span>} <When at={part.at} />
      </p>
      <p class="thread-text">{part.text}</p>
    </li>
  );
}

export function ConversationThread({ thread, onEarlier }: { thread: Thread | null; onEarlier?: () => void }) {
  const list = useRef<HTMLOListElement>(null);
  const atBottom = useRef(true);
  const newest = thread?.latestPartId ?? null;
  // Newest in view when it arrives, unless the agent is reading further up.
  useLayoutEffect(() => {
    const el = list.current;
    if (el && atBottom.current) el.scrollTop = el.scrollHeight;
  }, [newest, thread?.parts.length]);
  return (
    <div class="conversation-thread">
      {thread && onEarlier && thread.totalParts > thread.parts.length && (
        <button type="button" class="earlier" onClick={onEarlier}>
          {t('threadEarlier')}
        </button>
      )}
      <ol
        ref={list}
        class="thread-parts"
        aria-label={t('threadLabel')}
        aria-busy={!thread}
        tabIndex={0}
        onScroll={(e) => {
          const el = e.currentTarget;
          atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 8;
        }}
      >
        {thread?.parts.map((p) => <Part key={p.id} part={p} />)}
      </ol>
    </div>
  );
}
