// "Insert macro": the workspace's Intercom macros beside the local saved replies, in the searchable
// keyboard picker (ReplyPicker). The highlighted entry is previewed, filled in for this contact,
// before Enter inserts it. Macros come from the background's cache (macros.list); when Intercom
// refuses them, the picker says why and the saved replies keep working.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { callBackground } from '@/utils/messaging';
import { t, type MessageKey } from '@/utils/i18n';
import type { CallReply, MacroSummary } from '@/utils/protocol';
import type { SavedReply } from '@/utils/compose/saved-replies';
import { renderTemplate } from '@/utils/compose/templates';
import { fillHtml, fillText, missingMarker, type PlaceholderContext } from '@/utils/compose/placeholders';
import { escapeHtml } from '@/utils/compose/html-reducer';
import { htmlToMarkup, markupToHtml, textToHtml } from '@/utils/compose/markup';
import { ReplyPicker } from './ReplyPicker';
import { RenderedHtml } from './RenderedHtml';

/** What inserting an entry puts in the message box, and which placeholders it could not fill. */
export interface Insertion {
  text: string;
  missing: string[];
  unknown: string[];
  subject?: string;
}

type MacrosReply = CallReply<'macros.list'>;
let macrosOnce: Promise<MacrosReply> | undefined;
/** Once per page; the background answers from its cache and refreshes it with updated_since. */
function loadMacros(): Promise<MacrosReply> {
  macrosOnce ??= callBackground('macros.list', {}).then((r) => {
    if (!r.ok || r.data.problem) macrosOnce = undefined; // try again on the next open
    return r.ok ? r.data : { macros: [], problem: 'unavailable' as const };
  });
  return macrosOnce;
}

/** A macro filled for this contact, as markup (formatted messages) or plain text. */
export function fillMacro(macro: MacroSummary, ctx: PlaceholderContext, format: 'html' | 'text'): Insertion {
  if (format === 'html' && macro.body) {
    const filled = fillHtml(macro.body, ctx);
    return { ...filled, text: htmlToMarkup(filled.value) };
  }
  if (macro.bodyText) {
    const filled = fillText(macro.bodyText, ctx);
    return { ...filled, text: filled.value };
  }
  const filled = fillHtml(macro.body ?? '', ctx);
  return { ...filled, text: htmlToMarkup(filled.value) };
}

export function fillReply(reply: SavedReply, ctx: PlaceholderContext): Insertion {
  const { text, missing } = renderTemplate(reply.body, ctx.contact, { html: false });
  return { text, missing: [], unknown: missing, ...(reply.subject ? { subject: reply.subject } : {}) };
}

/** The message box text as the customer will see it, with unfilled markers highlighted. */
export function previewHtml(text: string, format: 'html' | 'text', missing: readonly string[]): string {
  let html = format === 'html' ? markupToHtml(text) : textToHtml(text);
  for (const key of missing) html = html.split(escapeHtml(missingMarker(key))).join(`<mark>${escapeHtml(missingMarker(key))}</mark>`);
  return html;
}

export interface MacroPickerProps {
  replies: SavedReply[];
  ctx: PlaceholderContext;
  format: 'html' | 'text';
  onInsert(insertion: Insertion): void;
  onCancel(): void;
}

const MACRO = 'macro:';
const REPLY = 'reply:';

export function MacroPicker({ replies, ctx, format, onInsert, onCancel }: MacroPickerProps) {
  const [macros, setMacros] = useState<MacrosReply | null>(null);
  useEffect(() => {
    let live = true;
    void loadMacros().then((m) => live && setMacros(m));
    return () => {
      live = false;
    };
  }, []);

  // One list for the picker: macros first (the team's), then this browser's saved replies.
  const entries = useMemo<SavedReply[]>(
    () => [
      ...(macros?.macros ?? []).map((m) => ({ id: `${MACRO}${m.id}`, name: t('macroKindMacro', m.name), body: m.bodyText ?? m.body ?? ' ' })),
      ...replies.map((r) => ({ ...r, id: `${REPLY}${r.id}`, name: t('macroKindReply', r.name) })),
    ],
    [macros, replies],
  );

  const insertionFor = (entry: SavedReply): Insertion | null => {
    if (entry.id.startsWith(MACRO)) {
      const macro = macros?.macros.find((m) => `${MACRO}${m.id}` === entry.id);
      return macro ? fillMacro(macro, ctx, format) : null;
    }
    const reply = replies.find((r) => `${REPLY}${r.id}` === entry.id);
    return reply ? fillReply(reply, ctx) : null;
  };

  const notice = !macros ? (
    <p class="hint" role="status">
      {t('macrosLoading')}
    </p>
  ) : macros.problem ? (
    <p class="problem" role="status">
      {t(`macrosProblem_${macros.problem}` as MessageKey)}
    </p>
  ) : null;

  return (
    <div class="macro-picker">
      <ReplyPicker
        replies={entries}
        labels={{ search: t('macroSearch'), list: t('macroList'), none: t('macroNone') }}
        notice={notice}
        onCancel={onCancel}
        onPick={(entry) => {
          const insertion = insertionFor(entry);
          if (insertion) onInsert(insertion);
        }}
        preview={(entry) => {
          const insertion = insertionFor(entry);
          if (!insertion) return null;
          return (
            <section class="macro-preview" aria-label={t('macroPreview')}>
              <RenderedHtml class="rendered" html={previewHtml(insertion.text, format, insertion.missing)} />
              {insertion.unknown.length > 0 && <p class="hint">{t('macroUnknown', insertion.unknown.join(', '))}</p>}
            </section>
          );
        }}
      />
    </div>
  );
}
