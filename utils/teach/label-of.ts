// The labels the page shows for the element the agent picked, nearest first: the words a
// `{ "from": "label" }` rule looks for (utils/detect/label.ts reads them back). Every one is only a
// candidate: the picker keeps the first whose rule finds exactly the picked value on the page.
import { MAX_LABEL, normalizeLabel } from '../detect/label';

const MAX_LABEL_WORDS = 6;
const isField = (el: Element) => ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName.toUpperCase());
const textOf = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** Reads like a label: short words, with a letter, not a value (no @, not the value itself). */
function plausible(text: string, value: string): string | null {
  const label = text.replace(/\s+/g, ' ').trim().replace(/[\s:：*]+$/, '').trim();
  if (!label || label.length > MAX_LABEL || !/\p{L}/u.test(label) || label.includes('@')) return null;
  if (label.split(' ').length > MAX_LABEL_WORDS || normalizeLabel(label).includes(value.toLowerCase())) return null;
  return label;
}

export function labelCandidates(el: Element, value: string): string[] {
  const out: string[] = [];
  const add = (text: string | null | undefined) => {
    const label = text ? plausible(text, value) : null;
    if (label && !out.includes(label)) out.push(label);
  };
  const root = el.getRootNode() as Document | ShadowRoot;
  const byId = (id: string) => (root as ParentNode).querySelector(`[id="${id.replace(/["\\]/g, '\\$&')}"]`);

  // A form field or widget: its <label>, aria-labelledby, aria-label.
  if (isField(el)) for (const label of Array.from((el as HTMLInputElement).labels ?? [])) add(textOf(label));
  for (const id of (el.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean)) add(textOf(byId(id)));
  add(el.getAttribute('aria-label'));

  // "Email: jane@…" in the picked element's own text.
  const own = textOf(el);
  const inline = /^([^:：]{1,100})[:：]\s*\S/.exec(own);
  if (inline) add(inline[1]);

  // Climb wrappers that show nothing more than the value; beside the outermost: the label.
  let a = el;
  for (let depth = 0; depth < 4 && a.parentElement && textOf(a.parentElement) === own && !a.parentElement.matches('body, tr, dl'); depth++) a = a.parentElement;
  const climbed = [a];
  // A value under a heading inside a card may sit a level further down: its parent's previous sibling.
  if (a.parentElement && !a.parentElement.matches('body, tr, dl') && a === a.parentElement.firstElementChild) climbed.push(a.parentElement);
  for (const node of climbed) {
    // Text before it on the same line: <p>Email: <span>jane@…</span></p>
    let before = '';
    for (let n = node.previousSibling; n && n.nodeType === 3; n = n.previousSibling) before = (n.textContent ?? '') + before;
    if (/[:：]\s*$/.test(before)) add(before);
    // The element before it: <dt>, <th>, a caption, a heading.
    const previous = node.previousElementSibling;
    if (previous && !isField(previous)) add(textOf(previous));
  }
  // A one-record table: the header of the column.
  const cell = el.closest('td');
  const table = cell?.closest('table');
  if (cell && table) {
    const index = Array.prototype.indexOf.call(cell.parentElement!.children, cell);
    const header = table.querySelector('thead tr') ?? Array.from(table.querySelectorAll('tr')).find((r) => Array.from(r.children).every((c) => c.tagName.toUpperCase() === 'TH'));
    if (header && header !== cell.parentElement) add(textOf(header.children[index]));
  }
  return out;
}
