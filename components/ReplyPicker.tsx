// Keyboard picker for saved replies in the compose panel: type to filter, arrows to choose, Enter
// to insert, Escape to go back to the message. Focus stays in the search box (combobox pattern),
// so screen readers follow the choice through aria-activedescendant. Content-script code: no zod.
import type { ComponentChild } from 'preact';
import { useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import type { SavedReply } from '@/utils/compose/saved-replies';

export interface ReplyPickerProps {
  replies: SavedReply[];
  onPick(reply: SavedReply): void;
  onCancel(): void;
  /** Other wording where the list holds more than saved replies (the macro picker). */
  labels?: { search: string; list: string; none: string };
  /** Shown under the list for the highlighted entry: what Enter would insert. */
  preview?(reply: SavedReply): ComponentChild;
  /** A line above the list (e.g. why workspace macros are missing). */
  notice?: ComponentChild;
}

/** Replies whose name contains the query (any case), those starting with it first, else in order. */
export function searchReplies(replies: readonly SavedReply[], query: string): SavedReply[] {
  const q = query.trim().toLowerCase();
  if (!q) return [...replies];
  const starts: SavedReply[] = [];
  const contains: SavedReply[] = [];
  for (const reply of replies) {
    const at = reply.name.toLowerCase().indexOf(q);
    if (at === 0) starts.push(reply);
    else if (at > 0) contains.push(reply);
  }
  return [...starts, ...contains];
}

export function ReplyPicker({ replies, onPick, onCancel, labels, preview, notice }: ReplyPickerProps) {
  const id = useId();
  const search = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const found = useMemo(() => searchReplies(replies, query), [replies, query]);
  const current = Math.min(active, found.length - 1);
  const optionId = (i: number) => `${id}-reply-${i}`;
  useEffect(() => search.current?.focus(), []);

  function onKeyDown(e: KeyboardEvent) {
    const move = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : 0;
    if (move && found.length) setActive((current + move + found.length) % found.length);
    else if (e.key === 'Enter' && found[current]) onPick(found[current]);
    else if (e.key === 'Escape') onCancel();
    else return;
    // Handled here: the panel must not also send (Enter) or close (Escape).
    e.preventDefault();
    e.stopPropagation();
  }

  return (
    <div class="reply-picker">
      <label for={`${id}-search`}>{labels?.search ?? t('repliesSearch')}</label>
      <input
        id={`${id}-search`}
        type="search"
        role="combobox"
        ref={search}
        autoComplete="off"
        aria-expanded="true"
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-describedby={`${id}-hint`}
        aria-activedescendant={found.length ? optionId(current) : undefined}
        value={query}
        onInput={(e) => {
          setQuery(e.currentTarget.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      {notice}
      <ul id={`${id}-list`} role="listbox" aria-label={labels?.list ?? t('repliesHeading')}>
        {found.map((reply, i) => (
          <li
            key={reply.id}
            id={optionId(i)}
            role="option"
            aria-selected={i === current}
            // mousedown would move focus out of the search box before the click lands.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => onPick(reply)}
          >
            {reply.name}
          </li>
        ))}
      </ul>
      {found.length === 0 && <p role="status">{labels?.none ?? t('repliesSearchNone')}</p>}
      {preview && found[current] && preview(found[current])}
      <p id={`${id}-hint`} class="hint">
        {t('repliesPickerHint')}
      </p>
    </div>
  );
}
