// The formatting toolbar of the message box: Bold, Italic, Link, Bulleted list, Numbered list and
// Preview, plus Ctrl/Cmd+B, I and K in the box. Formatting is markup in the text itself
// (utils/compose/markup.ts), so the box stays a plain text field and drafts keep it; Preview shows
// the HTML exactly as Intercom will get it.
import type { RefObject } from 'preact';
import { t } from '@/utils/i18n';
import { insertLink, toggleList, wrapSelection, type Edit } from '@/utils/compose/markup';

type Command = 'bold' | 'italic' | 'link' | 'bulleted' | 'numbered';

export function applyFormat(field: HTMLTextAreaElement, command: Command): Edit {
  const current = { value: field.value, start: field.selectionStart, end: field.selectionEnd };
  if (command === 'bold') return wrapSelection(current, '**');
  if (command === 'italic') return wrapSelection(current, '_');
  if (command === 'link') return insertLink(current);
  return toggleList(current, command === 'numbered');
}

/** Ctrl/Cmd+B, I, K in the message box; true when the key was a formatting shortcut. */
export function formatShortcut(e: KeyboardEvent, onEdit: (edit: Edit) => void): boolean {
  if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return false;
  const command = ({ b: 'bold', i: 'italic', k: 'link' } as const)[e.key.toLowerCase() as 'b' | 'i' | 'k'];
  if (!command || !(e.currentTarget instanceof HTMLTextAreaElement)) return false;
  e.preventDefault();
  onEdit(applyFormat(e.currentTarget, command));
  return true;
}

export interface FormatToolbarProps {
  field: RefObject<HTMLTextAreaElement>;
  onEdit(edit: Edit): void;
  preview: boolean;
  onPreview(on: boolean): void;
}

const BUTTONS: { command: Command; label: 'formatBold' | 'formatItalic' | 'formatLink' | 'formatBulleted' | 'formatNumbered'; glyph: string; keys?: string }[] = [
  { command: 'bold', label: 'formatBold', glyph: 'B', keys: 'Control+B' },
  { command: 'italic', label: 'formatItalic', glyph: 'I', keys: 'Control+I' },
  { command: 'link', label: 'formatLink', glyph: 'Link', keys: 'Control+K' },
  { command: 'bulleted', label: 'formatBulleted', glyph: '•' },
  // Digits would be visible text missing from the name "Numbered list": drawn by CSS instead.
  { command: 'numbered', label: 'formatNumbered', glyph: '' },
];

export function FormatToolbar({ field, onEdit, preview, onPreview }: FormatToolbarProps) {
  return (
    <div class="format-toolbar" role="toolbar" aria-label={t('formatToolbar')} aria-controls="hailer-body">
      {BUTTONS.map((b) => (
        <button
          type="button"
          class={`format-${b.command}`}
          aria-label={t(b.label)}
          title={t(b.label)}
          aria-keyshortcuts={b.keys}
          // Keep the selection in the message box: the button acts on it.
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => {
            if (!field.current) return;
            onEdit(applyFormat(field.current, b.command));
          }}
        >
          <span aria-hidden="true">{b.glyph}</span>
        </button>
      ))}
      <button type="button" class="format-preview" aria-pressed={preview} onClick={() => onPreview(!preview)}>
        {t('formatPreview')}
      </button>
    </div>
  );
}
