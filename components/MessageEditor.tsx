// The message box and what writes into it: "Insert macro" (macros and saved replies; "/" opens it),
// the formatting toolbar and shortcuts, paste reduced to what Intercom gets, the unfilled
// placeholders and the preview. The panel owns the draft; this part only edits its body.
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type MutableRef } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '@/utils/i18n';
import type { SavedReply } from '@/utils/compose/saved-replies';
import type { StoredDraft } from '@/utils/compose/draft-store';
import { htmlToMarkup, insertAt, type Edit } from '@/utils/compose/markup';
import type { PlaceholderContext } from '@/utils/compose/placeholders';
import { MacroPicker, previewHtml, type Insertion } from './MacroPicker';
import { FormatToolbar, formatShortcut } from './FormatToolbar';
import { PlaceholderNotice } from './PlaceholderNotice';
import { RenderedHtml } from './RenderedHtml';

export interface Placeholders {
  missing: string[];
  unknown: string[];
}

export interface MessageEditorProps {
  draft: StoredDraft;
  edit(patch: Partial<StoredDraft>): void;
  format: 'html' | 'text';
  /** An email with the Plain template: plain text unless the agent ticks Formatting. */
  plainByDefault: boolean;
  macroContext: PlaceholderContext;
  placeholders: Placeholders;
  setPlaceholders(update: (p: Placeholders) => Placeholders): void;
  bodyField: MutableRef<HTMLTextAreaElement | null>;
  /** The Intercom id code of the panel's workspace: replies kept to another workspace are not offered. */
  workspaceCode: string | null;
}

export function MessageEditor({ draft, edit, format, plainByDefault, macroContext, placeholders, setPlaceholders, bodyField, workspaceCode }: MessageEditorProps) {
  const [allReplies, setReplies] = useState<SavedReply[]>([]);
  // A reply kept to one workspace (by id code) shows only there; until the workspace is known, only shared ones.
  const replies = useMemo(() => allReplies.filter((r) => !r.workspace || r.workspace === workspaceCode), [allReplies, workspaceCode]);
  const [picking, setPicking] = useState(false);
  const [preview, setPreview] = useState(false);
  const selectionAfter = useRef<Edit | null>(null);

  // Saved replies are read straight from storage.local (key of utils/compose/saved-replies.ts, whose zod
  // schema stays out of the content script).
  useEffect(() => {
    void browser.storage.local.get('savedReplies').then((items) => Array.isArray(items.savedReplies) && setReplies(items.savedReplies as SavedReply[]));
  }, []);

  // A toolbar edit or an insertion puts the cursor where it belongs once the box shows the new text.
  useLayoutEffect(() => {
    const next = selectionAfter.current;
    if (!next || !bodyField.current || bodyField.current.value !== next.value) return;
    selectionAfter.current = null;
    bodyField.current.focus();
    bodyField.current.setSelectionRange(next.start, next.end);
  }, [draft.body]);

  function editBody(next: Edit) {
    selectionAfter.current = next;
    edit({ body: next.value });
  }

  function insertFromPicker(insertion: Insertion) {
    setPicking(false);
    const field = bodyField.current;
    const at = field ? { value: draft.body, start: field.selectionStart, end: field.selectionEnd } : { value: draft.body, start: draft.body.length, end: draft.body.length };
    // Into an empty box as is; after existing text, as a paragraph of its own.
    const text = at.value.slice(0, at.start).trim() ? `\n\n${insertion.text}` : insertion.text;
    editBody(insertAt(at, text));
    if (insertion.subject && draft.channel === 'email' && !draft.subject.trim()) edit({ subject: insertion.subject });
    setPlaceholders((p) => ({ missing: [...new Set([...p.missing, ...insertion.missing])], unknown: [...new Set([...p.unknown, ...insertion.unknown])] }));
  }

  return (
    <>
        <div class="compose-tools">
          <button type="button" class="insert-macro" aria-expanded={picking} onClick={() => setPicking(!picking)}>
            {t('macroInsert')}
          </button>
          {plainByDefault && (
            <label class="format-choice">
              <input type="checkbox" checked={format === 'html'} onChange={(e) => edit({ bodyFormat: e.currentTarget.checked ? 'html' : 'text' })} />
              {t('formatEmail')}
            </label>
          )}
          {format === 'html' ? (
            <FormatToolbar field={bodyField} onEdit={editBody} preview={preview} onPreview={setPreview} />
          ) : (
            <span class="hint">{t('formatPlain')}</span>
          )}
        </div>
        {picking && (
          <MacroPicker
            replies={replies}
            format={format}
            ctx={macroContext}
            onInsert={insertFromPicker}
            onCancel={() => {
              setPicking(false);
              bodyField.current?.focus();
            }}
          />
        )}
        <label for="hailer-body">{t('panelMessage')}</label>
        <textarea
          id="hailer-body"
          ref={bodyField}
          rows={6}
          maxLength={50_000}
          value={draft.body}
          onInput={(e) => edit({ body: e.currentTarget.value })}
          onPaste={(e) => {
            // Rich text from elsewhere comes in reduced to what Intercom gets, as markup.
            const html = format === 'html' ? e.clipboardData?.getData('text/html') : '';
            if (!html) return;
            e.preventDefault();
            const field = e.currentTarget;
            editBody(insertAt({ value: field.value, start: field.selectionStart, end: field.selectionEnd }, htmlToMarkup(html)));
          }}
          onKeyDown={(e) => {
            if (format === 'html' && formatShortcut(e, editBody)) return;
            // "/" in an empty message opens the macros and saved replies, as in most support tools.
            if (e.key === '/' && !draft.body) {
              e.preventDefault();
              setPicking(true);
            }
          }}
        />
        <PlaceholderNotice body={draft.body} {...placeholders} />
        {preview && format === 'html' && (
          <section class="format-preview-pane" aria-label={t('formatPreviewHeading')}>
            <RenderedHtml class="rendered" html={previewHtml(draft.body, format, placeholders.missing)} />
          </section>
        )}
    </>
  );
}
