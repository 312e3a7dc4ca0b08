// One message, filled in for each recipient of a bulk send. The agent's text (light markup, or plain
// text for a plain email) is turned into what Intercom gets once, with its placeholders kept as slots;
// each recipient's values then go into the slots escaped, so a name can never add markup. A slot with
// no value and no fallback makes the recipient "missing": listed before sending, and skipped.
import { markupToHtml } from '../compose/markup';
import { escapeHtml } from '../compose/html-reducer';
import { placeholderParts, slotValue, type PlaceholderContext, type Slot } from '../compose/placeholders';

export interface BulkTemplate {
  format: 'html' | 'text';
  parts: (string | Slot)[];
}

// Stands for slot i while the markup is turned into HTML: characters no markup rule or escape touches.
const MARK = '\u2063';
const SLOT_MARK = new RegExp(`${MARK}(\\d+)${MARK}`, 'g');

export function bulkTemplate(body: string, format: 'html' | 'text'): BulkTemplate {
  const pieces = placeholderParts(body);
  const slots = pieces.filter((p): p is Slot => typeof p !== 'string');
  let i = 0;
  const marked = pieces.map((p) => (typeof p === 'string' ? p.replaceAll(MARK, '') : `${MARK}${i++}${MARK}`)).join('');
  const rendered = format === 'html' ? markupToHtml(marked) : marked;
  const parts: (string | Slot)[] = [];
  let last = 0;
  for (const m of rendered.matchAll(SLOT_MARK)) {
    if (m.index > last) parts.push(rendered.slice(last, m.index));
    parts.push(slots[Number(m[1])]!);
    last = m.index + m[0].length;
  }
  if (last < rendered.length) parts.push(rendered.slice(last));
  return { format, parts };
}

/** The body for one recipient, and the keys it has no value for. */
export function personalize(template: BulkTemplate, ctx: PlaceholderContext): { body: string; missing: string[] } {
  const missing = new Set<string>();
  const body = template.parts
    .map((part) => {
      if (typeof part === 'string') return part;
      const value = slotValue(part, ctx);
      if (value === null) {
        missing.add(part.key);
        return `[${part.key}]`;
      }
      return template.format === 'html' ? escapeHtml(value) : value;
    })
    .join('');
  return { body, missing: [...missing] };
}

/** The subject filled the same way (plain text). */
export const personalizeSubject = (subject: string, ctx: PlaceholderContext) => personalize({ format: 'text', parts: placeholderParts(subject) }, ctx);
