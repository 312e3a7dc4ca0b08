// The team-rule source `{ "from": "label", "label": "Email" }`: the value shown next to the label
// "Email", however the page lays it out. CSS can only say where a field is (`tr:nth-child(5) > td`),
// and the next record has a row more or less; the label moves with its value. Layouts read:
//   <dt>Email</dt><dd>…</dd>                         a description list
//   <tr><th>Email</th><td>…</td></tr>                a key–value table (a <td> as the key too)
//   <th>Email</th> over the column of one record     a one-record table (several rows: each is read)
//   <label for=…>, a <label> around a field, aria-labelledby, aria-label: a form field or widget
//   "Email: jane@…" in one text, <b>Email:</b> jane@…
//   <h4>Email</h4><p>…</p>, <div>Email</div><div>…</div>: a heading or caption above or before a value
// Labels match ignoring case, spacing and a trailing colon or asterisk. Every text found is returned;
// the rule keeps the values of its shape and finds nobody unless they all agree (rules.ts).
import type { SearchRoot } from './roots';
import { isDocument } from './roots';

export const MAX_LABEL = 100;
/** Labels longer than this are sentences, not labels; texts longer than this are not a label's line. */
const MAX_LINE = 400;
const MAX_FOUND = 50;
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'OPTION', 'TITLE']);
const SEPARATOR = /^\s*[:：]\s*/;
const INLINE = new Set(['A', 'ABBR', 'B', 'BDI', 'CODE', 'EM', 'I', 'KBD', 'MARK', 'SAMP', 'SMALL', 'SPAN', 'STRONG', 'TIME', 'U', 'VAR']);
const quoted = (s: string) => `"${s.replace(/["\\]/g, '\\$&').replace(/\n/g, '\\a ')}"`;

/** How labels compare: "E-mail address:" and "e-mail address" are the same label. */
export const normalizeLabel = (s: string) =>
  s.replace(/\s+/g, ' ').trim().replace(/[\s:：*]+$/, '').trim().toLowerCase();

const ownText = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ').trim();
const isField = (el: Element) => ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName.toUpperCase());

/** What a value element shows: a form field's value, else its text (a field inside it, its value). */
export function shownValue(el: Element): string {
  if (isField(el)) return (el as HTMLInputElement).value ?? '';
  const text = ownText(el);
  if (text) return text;
  const field = el.querySelector('input, textarea, select');
  return field ? (field as HTMLInputElement).value ?? '' : '';
}

/** Every text the page shows next to `label` in this root. */
export function labelledTexts(root: SearchRoot, label: string): string[] {
  const wanted = normalizeLabel(label);
  if (!wanted || wanted.length > MAX_LABEL) return [];
  const doc = isDocument(root) ? root : root.ownerDocument;
  const start = isDocument(root) ? root.body ?? root.documentElement : root;
  if (!start) return [];
  const out: string[] = [];
  // A column of a table with several rows lists other people (an account's team, an activity log):
  // it is read only when the page shows the label nowhere else as a field of its own.
  const listed: string[] = [];
  const seen = new Set<Element>();
  for (const node of textNodesWith(start, doc, wanted)) {
    if (out.length >= MAX_FOUND) break;
    const data = node.data;
    const line = data.replace(/\s+/g, ' ').trim();
    if (!line.toLowerCase().includes(wanted)) continue;
    const parent = node.parentElement;
    if (!parent || SKIP.has(parent.tagName.toUpperCase()) || parent.closest('hailer-picker, hailer-compose')) continue;
    // "Email: jane@…" in one text.
    if (line.toLowerCase().startsWith(wanted)) {
      const rest = line.slice(wanted.length);
      if (SEPARATOR.test(rest) && rest.replace(SEPARATOR, '')) out.push(rest.replace(SEPARATOR, ''));
    }
    if (normalizeLabel(ownText(parent)) !== wanted || seen.has(parent)) continue;
    seen.add(parent);
    // (A header that aria-labelledby points at names those cells instead: besideLabel reads them.)
    const column = parent.id && root.querySelector(`[aria-labelledby~=${quoted(parent.id)}]`) ? null : columnValues(parent);
    if (column && column.length > 1) listed.push(...column);
    else out.push(...(column ?? besideLabel(parent, root)));
  }
  // aria-label names the element itself (a field, a widget showing the value).
  for (const el of Array.from(root.querySelectorAll('[aria-label]')).slice(0, 500)) {
    if (out.length >= MAX_FOUND) break;
    if (normalizeLabel(el.getAttribute('aria-label') ?? '') === wanted && !el.closest('hailer-picker, hailer-compose')) out.push(shownValue(el));
  }
  return (out.some(Boolean) ? out : listed).filter(Boolean);
}

/**
 * The text nodes that may hold the label: those with its longest word as written, in lower case,
 * capitalised or in capitals (the caller compares the whole label without case or spacing). A 5 MB
 * page has 100,000 text nodes and rules are read again whenever the page changes: the check on
 * each is a plain substring search, and only the few that pass are normalised.
 */
function* textNodesWith(start: Node, doc: Document, wanted: string): Iterable<Text> {
  const word = wanted.split(' ').reduce((a, b) => (b.length > a.length ? b : a), '');
  const forms = [...new Set([word, word.charAt(0).toUpperCase() + word.slice(1), word.toUpperCase()])];
  const walker = doc.createTreeWalker(start, 0x4 /* SHOW_TEXT */);
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const data = node.data;
    if (data.length <= MAX_LINE + wanted.length && forms.some((f) => data.includes(f))) yield node;
  }
}

/** The values a label element names. */
function besideLabel(labelEl: Element, root: SearchRoot): string[] {
  const tag = labelEl.tagName.toUpperCase();
  const byId = (id: string) => (isDocument(root) ? root.getElementById(id) : root.querySelector(`[id=${quoted(id)}]`));
  if (tag === 'LABEL') {
    const target = labelEl.getAttribute('for') ? byId(labelEl.getAttribute('for')!) : labelEl.querySelector('input, textarea, select');
    if (target) return [shownValue(target)];
  }
  const out: string[] = [];
  if (labelEl.id) {
    for (const el of Array.from(root.querySelectorAll(`[aria-labelledby~=${quoted(labelEl.id)}]`)).slice(0, 10)) out.push(shownValue(el));
    if (out.length) return out;
  }

  // A wrapper that shows nothing but the label (<div><span>Email</span></div>) is the label too.
  const wanted = normalizeLabel(ownText(labelEl));
  let a = labelEl;
  while (a.parentElement && normalizeLabel(ownText(a.parentElement)) === wanted && !a.parentElement.matches('body, tr, dl')) {
    a = a.parentElement;
  }
  // Text right after the label in the same line: <b>Email:</b> jane@… (up to the next block or break).
  let after = '';
  for (let n = a.nextSibling; n && after.length < MAX_LINE; n = n.nextSibling) {
    if (n.nodeType === 1 && !INLINE.has((n as Element).tagName.toUpperCase())) break;
    after += n.textContent ?? '';
  }
  after = after.replace(/\s+/g, ' ').replace(SEPARATOR, '').trim();
  if (after) return [after];
  // The next element that shows something: a <dd>, a <td>, the paragraph under a heading.
  for (let next = a.nextElementSibling, i = 0; next && i < 3; next = next.nextElementSibling, i++) {
    if (next.tagName.toUpperCase() === 'DT' || next.tagName.toUpperCase() === 'TH') break;
    const value = shownValue(next);
    if (value) return [value];
  }
  return [];
}

/** A column header: the cells under it, in the rows of its table that are not headers. */
function columnValues(cell: Element): string[] | null {
  const tag = cell.tagName.toUpperCase();
  if (tag !== 'TH' && tag !== 'TD') return null;
  const row = cell.parentElement;
  const table = cell.closest('table');
  if (!row || !table) return null;
  // A header row holds only header cells (or is in <thead>); a key–value row has its value beside it.
  const isHeaderRow = row.closest('thead') !== null || Array.from(row.children).every((c) => c.tagName.toUpperCase() === 'TH');
  if (!isHeaderRow || row.children.length < 2) return null;
  const index = Array.prototype.indexOf.call(row.children, cell);
  const rows = Array.from(table.querySelectorAll('tr')).filter((r) => r !== row && r.closest('table') === table && !r.closest('thead'));
  return rows.slice(0, 20).flatMap((r) => {
    const value = r.children[index];
    return value && value.tagName.toUpperCase() === 'TD' ? [shownValue(value)] : [];
  });
}
