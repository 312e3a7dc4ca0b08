// How the place an address appears in says "this is the page's person" or "this is someone working
// on them": a label beside it ("Email", "Customer", "Requester" against "Assignee", "CC", "Owner"),
// the main heading's section, site chrome. Used by scan.ts for its shortlist only.

// What a label beside a value says about it: this is the page's person, or someone working on them.
const SUBJECT_LABEL = /\b(customer|requester|client|buyer|end[- ]?user|member|recipient|contact|user|login|account|submitter|reporter)\b/;
const EMAIL_LABEL = /\be-?mail\b/;
// A label that says the address is the record's second one, or its company's billing office
// ("Secondary email", "Billing contact", "Work email (2)"): a person on the page, but beside a plain
// "Email" the record's own address is that one. Below an "Email", above an unlabelled address.
const SECONDARY_LABEL = /\b(secondary|alternat(?:e|ive)|additional|other|backup|bill(?:ing)?|invoic(?:e|es|ing)|payable|finance|accounting)\b|\(\s*[2-9]\s*\)/;

/** What a label beside an address says: negative for the team, more for the record's own person. */
function labelScore(label: string): number {
  if (STAFF_LABEL.test(label)) return -5;
  if (SECONDARY_LABEL.test(label)) return 2;
  if (SUBJECT_LABEL.test(label)) return 4;
  if (EMAIL_LABEL.test(label)) return 3;
  return 0;
}
const STAFF_LABEL =
  /\b(assignee|assigned|agent|owner|cc|bcc|created by|updated by|modified by|author|rep|manager|support|sales|success|handled|team|staff|admin|operator|reviewer|approver|csm|am)\b/;

export interface Headings {
  /** The page's main headings (h1, or the first h2 when there is no h1). */
  main: Element[];
  /** Lowercased words of those headings, for "the heading names this person". */
  words: Set<string>;
  /** Each document's <label for> by id, read once a scan when an address sits in an element with an id. */
  labels: Map<Document, Map<string, Element>>;
}

/**
 * The main headings are the document's; a page whose record is in shadow roots or frames has them
 * there. `h1s`: the document's h1s already found (in the part of a long list page the scan read).
 */
export function collectHeadings(doc: Document, inner: readonly ParentNode[] = [], h1s?: readonly Element[]): Headings {
  const all = (tag: string) => [doc, ...inner].flatMap((root) => Array.from(root.querySelectorAll(tag)).slice(0, 5));
  let main: Element[] = (h1s ?? Array.from(doc.getElementsByTagName('h1'))).slice(0, 5);
  if (main.length === 0) main = all('h1').slice(0, 5);
  if (main.length === 0) main = Array.from(doc.getElementsByTagName('h2')).slice(0, 1);
  if (main.length === 0) main = all('h2').slice(0, 1);
  const words = new Set(main.flatMap((h) => (h.textContent ?? '').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 1)));
  return { main, words, labels: new Map() };
}

/** How strongly where this element sits says "this is the page's person". */
export function contextScore(el: Element, headings: Headings): number {
  let score = 0;
  const label = labelOf(el, headings);
  if (label) score += labelScore(label);
  // Site chrome (the signed-in agent, a footer) is never the subject.
  if (el.closest('nav, footer, [role="navigation"], [role="contentinfo"], [role="banner"]')) score -= 4;
  if (el.closest('header') && !headings.main.some((h) => el.closest('header')!.contains(h))) score -= 3;
  // Rows of a list are about many people; the page's subject is not one of many rows.
  // More than three rows: the fourth row asked for, not the length (a count of a long log's every row).
  const row = el.closest('tr');
  if (row && row.parentElement?.children.item(3) && !row.querySelector('th')) score -= 2;
  // In the same section as the main heading: near the top of the record.
  for (let a: Element | null = el.parentElement, depth = 0; a && depth < 4; a = a.parentElement, depth++) {
    if (headings.main.some((h) => h !== el && a!.contains(h))) {
      score += 3 - depth * 0.5;
      break;
    }
  }
  // The heading names the person: "Jane Cooper" above jane.cooper@….
  const local = (el.textContent ?? '').match(/([A-Za-z0-9._%+-]+)@/)?.[1]?.toLowerCase();
  if (local && local.split(/[._+-]/).some((part) => part.length > 1 && headings.words.has(part))) score += 2;
  return score;
}

/** The label next to a value: dt before dd, th of the column, the previous sibling, aria-label, <label>. */
function labelOf(el: Element, headings: Headings): string {
  const parts: string[] = [];
  const dd = el.closest('dd');
  if (dd) {
    let dt = dd.previousElementSibling;
    while (dt && dt.tagName.toUpperCase() !== 'DT') dt = dt.previousElementSibling;
    if (dt) parts.push(dt.textContent ?? '');
  }
  const cell = el.closest('td, th');
  if (cell) {
    const prev = cell.previousElementSibling;
    if (prev && prev.tagName.toUpperCase() === 'TH') parts.push(prev.textContent ?? '');
    const table = cell.closest('table');
    const index = Array.prototype.indexOf.call(cell.parentElement?.children ?? [], cell);
    const header = table && headerRow(table)?.children[index];
    if (header) parts.push(header.textContent ?? '');
  }
  for (let a: Element | null = el, depth = 0; a && depth < 3; a = a.parentElement, depth++) {
    const aria = a.getAttribute('aria-label');
    if (aria) parts.push(aria);
    const prev = a.previousElementSibling;
    if (prev && (prev.textContent?.length ?? 0) <= 40) parts.push(prev.textContent ?? '');
    if (parts.length) break;
  }
  // A small section's heading ("Requester", "Customer", "Contact information") labels what is in it.
  // Only the first few children are looked at: a log table's body may have thousands.
  section: for (let a: Element | null = el.parentElement, depth = 0; a && depth < 3; a = a.parentElement, depth++) {
    for (let c = a.firstElementChild, n = 0; c && n < 8; c = c.nextElementSibling, n++) {
      if (/^(H[2-6]|LEGEND)$/.test(c.tagName.toUpperCase()) && c.compareDocumentPosition(el) & 4 /* FOLLOWING */) {
        parts.push(c.textContent ?? '');
        break section;
      }
    }
  }
  if (el.id) {
    const label = labelFor(el.ownerDocument, el.id, headings.labels);
    if (label) parts.push(label.textContent ?? '');
  }
  return parts.join(' ').toLowerCase().slice(0, 200);
}

/**
 * "Requester: jane@…" in one text node: the label sits just before the address; or before the name
 * the address follows ("Reporter: Jane Doe <jane@…>", "Assignee: Ada (ada@…)").
 */
export function labelInText(text: string, index = 0): number {
  // A label ends in ":", a space, or the "<"/"(" before an address after a name; read no further otherwise.
  if (index === 0 || !/[:\s<(]/.test(text[index - 1]!)) return 0;
  let before = text.slice(Math.max(0, index - 30), index).toLowerCase();
  const named = /^\s*([^:：\n<>()]{1,30})[:：][^:：\n<>()@]{1,60}[<(]\s*$/.exec(text.slice(Math.max(0, index - 100), index));
  if (named) before = named[1]!.toLowerCase();
  else if (!/[:\s]\s*$/.test(before)) return 0;
  return labelScore(before);
}

/**
 * The table's header row: the first row of its <thead> (the parser puts a <thead> right under its
 * <table>). Looked up among the table's own children: a search of the whole table would read every
 * row of a long log table for every address in it.
 */
function headerRow(table: Element): Element | undefined {
  for (let section = table.firstElementChild; section; section = section.nextElementSibling) {
    if (section.tagName.toUpperCase() !== 'THEAD') continue;
    for (let row = section.firstElementChild; row; row = row.nextElementSibling) if (row.tagName.toUpperCase() === 'TR') return row;
  }
  return undefined;
}

/** The document's first <label for=id>. Its labels are read once (a search of the page per address would not be). */
function labelFor(doc: Document, id: string, cache: Map<Document, Map<string, Element>>): Element | undefined {
  let byId = cache.get(doc);
  if (!byId) {
    byId = new Map();
    for (const label of Array.from(doc.getElementsByTagName('label'))) {
      const target = label.getAttribute('for');
      if (target !== null && !byId.has(target)) byId.set(target, label);
    }
    cache.set(doc, byId);
  }
  return byId.get(id);
}
