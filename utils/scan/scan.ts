// "People on this page": one pass over a page nobody prepared for Hailer, collecting everyone it
// could be about. It reads visible text and mailto: links for email addresses, links to Intercom
// contact profiles, the data-intercom-* markup, and goes into open shadow roots and same-origin
// iframes. It decides nothing: candidates come back ranked by how much the page says they are its
// subject (a label such as "Email" or "Customer" beside them, the main heading's section, the URL,
// how often they appear); excluding the agent and the team is exclude.ts's job.
//
// Pure (a Document in, data out) so it runs the same in tests and, injected on demand by the popup,
// in the page. Bounded: the text is one walk over the text nodes (walk.ts), which stops once the
// page has shown MAX_TALLIES different addresses, and contexts are read for at most a few
// occurrences of the likeliest MAX_SCORED addresses.
import type { DetectedRecipient } from '../protocol-shapes';
import { cleanName, cleanRef, type RecipientRef } from '../detect/sanitize';
import { collectHeadings, contextScore, labelInText } from './context';
import { elementsBefore, elementsByTag, readTextWithAt, shadowHosts } from './walk';
import { MAX_CONVERSATION_LINKS, SCAN_LIMIT } from './limit';

/** A document, an open shadow root, or a declarative shadow root's unattached template content. */
type ScanRoot = Document | ShadowRoot;

export interface ScanCandidate {
  ref: RecipientRef;
  displayName?: string;
  score: number;
  /** Times the page shows it. */
  count: number;
}

export { MAX_CONVERSATION_LINKS, PEOPLE_LIMIT, SCAN_LIMIT } from './limit';

export interface ScanOptions {
  /** Most candidates returned (best first). */
  limit?: number;
}

// Loose on purpose (text is messy); every hit is checked by cleanRef, the same check as detection.
const EMAIL_IN_TEXT = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const PROFILE = /\/a\/apps\/[A-Za-z0-9_-]{1,64}\/(?:users|leads|contacts)\/([0-9a-f]{24})(?:[/?#]|$)/;
const MARKUP = [
  ['contact_id', 'data-intercom-contact-id'],
  ['user_id', 'data-intercom-user-id'],
  ['email', 'data-intercom-email'],
] as const;

const MAX_OCCURRENCES_KEPT = 6;
const MAX_ROOTS = 50;
/** Candidates whose context is read (the rest cannot rank above them); a huge list page has thousands. */
const MAX_SCORED = 60;
/** Candidates after the main heading scored beyond those (see the shortlist). */
const AFTER_HEADING = 10;
/** Different addresses a document, frame or shadow root is read for: past them it is a list, and read no further. */
const MAX_TALLIES = 2000;

interface Occurrence {
  el: Element;
  /** Score from how it appears: a mailto link, a label in the same text ("Requester: …"). */
  extra: number;
}

interface Tally {
  ref: RecipientRef;
  name?: string;
  count: number;
  /** The first few places it appears, for reading their context. */
  seen: Occurrence[];
  /** Markup and profile links score without context. */
  markup: number;
  bonus: number;
  order: number;
}

const SKIP_SELECTOR = 'script, style, noscript, template, svg, canvas, [hidden], [aria-hidden="true"], hailer-compose, hailer-picker';
const RAW_TEXT = new Set(['script', 'style', 'noscript', 'template', 'textarea', 'title']);
const ELEMENT_TAGS = ['a', 'input', 'textarea'];

export function scanPage(doc: Document, url: URL, { limit = SCAN_LIMIT }: ScanOptions = {}): ScanCandidate[] {
  const tallies = new Map<string, Tally>();
  const urlText = safeDecode(url.pathname + url.search).toLowerCase();

  /** Counts one more sighting; the tally, when it still has room for the place it was seen. */
  const count = (found: RecipientRef | Keyed, onPage: boolean, name?: string): Tally | undefined => {
    const { ref, key } = 'key' in found ? found : keyed(found);
    let tally = tallies.get(key);
    // Past a few thousand different addresses the page is a list, not one person's: its text is read
    // no further, links and fields before that point only count for addresses already seen, and
    // those after it are not read (markup still always counts).
    if (!tally && onPage && tallies.size >= readLimit) return undefined;
    if (!tally) {
      tally = { ref, count: 0, seen: [], markup: -Infinity, bonus: 0, order: tallies.size };
      if (urlText.includes(ref.value.toLowerCase())) tally.bonus += 6;
      tallies.set(key, tally);
    }
    tally.count++;
    if (name && !tally.name) tally.name = name;
    return onPage && tally.seen.length >= MAX_OCCURRENCES_KEPT ? undefined : tally;
  };
  const add = (found: RecipientRef | Keyed | null, occurrence: Occurrence | null, markup = 0, name?: string) => {
    const tally = found && count(found, occurrence !== null, name);
    if (!tally) return;
    if (occurrence) tally.seen.push(occurrence);
    else tally.markup = Math.max(tally.markup, markup);
  };

  // Phase 1, cheap: the text nodes with an "@", and a few selectors. No context is read yet. Each
  // document, frame and shadow root is read in document order until it has shown MAX_TALLIES
  // different addresses; frames and shadow roots in the part after that are not read.
  let readLimit = MAX_TALLIES;
  const refs = new Map<string, Keyed | null>();
  const readText = (node: Text): boolean => {
    const parent = node.parentElement;
    // Script and style text here; hidden ancestors are checked for the shortlist only (phase 2).
    if (!parent || RAW_TEXT.has(parent.localName.toLowerCase())) return true;
    const text = node.data;
    EMAIL_IN_TEXT.lastIndex = 0;
    for (let m = EMAIL_IN_TEXT.exec(text); m; m = EMAIL_IN_TEXT.exec(text)) {
      // A list page repeats the same few addresses thousands of times: each is checked once.
      let found = refs.get(m[0]);
      if (found === undefined) {
        const ref = cleanRef('email', /^[.'-]|[.'-]$/.test(m[0]) ? m[0].replace(/^[.'-]+|[.'-]+$/g, '') : m[0]);
        found = ref ? keyed(ref) : null;
        refs.set(m[0], found);
      }
      // Its context is read only for the first few places (a list page repeats an address thousands of times).
      const tally = found && count(found, true);
      if (tally) tally.seen.push({ el: parent, extra: labelInText(text, m.index) });
    }
    return tallies.size < readLimit;
  };
  const roots: ScanRoot[] = [doc];
  // A declarative shadow root's template that nothing attached (a page built with DOMParser or
  // innerHTML; a DOM such as happy-dom): its content is read as the shadow root it stands for.
  const owners = new Map<ScanRoot, Document>();
  /** The document's h1s in the part read, when its walk stopped; otherwise its headings are looked up page-wide. */
  let partHeadings: Element[] | undefined;
  for (let i = 0; i < roots.length && i < MAX_ROOTS; i++) {
    const root = roots[i]!;
    // Node types, not classes: an iframe's document comes from another realm's constructors.
    const isDoc = root.nodeType === 9;
    const start = (isDoc ? (root as Document).body ?? (root as Document).documentElement : root) as Element | ShadowRoot | null;
    if (!start) continue;
    const ownerDoc = isDoc ? (root as Document) : owners.get(root) ?? root.ownerDocument!;

    readLimit = tallies.size + MAX_TALLIES;
    const stop = readTextWithAt(start, ownerDoc, readText);

    // Shadow hosts, links, fields, frames and templates in the part read: where the walk stopped (a
    // list), one walk over that part's elements; the markup anywhere (one query per attribute).
    // <frame> only renders in a <frameset>: other pages are not searched for it. Where the document's
    // text walk stopped, its main heading is looked for in the part read too.
    const frameset = isDoc && (root as Document).body?.localName === 'frameset';
    // A window with no frames has no iframe to read: the page is not searched for one (a pass over it).
    const frames = owners.has(root) || ownerDoc.defaultView?.length !== 0;
    const tags = [...ELEMENT_TAGS, ...(frames ? ['iframe'] : []), ...(frameset ? ['frame'] : []), 'template', ...(root === doc && stop ? ['h1'] : [])];
    const { hosts, tagged } = stop ? elementsBefore(root, start, ownerDoc, stop, tags) : { hosts: shadowHosts(start, ownerDoc), tagged: elementsByTag(root, tags) };
    for (const host of hosts) roots.push(host.shadowRoot!);
    const readHeadings = root === doc && stop !== null;
    if (readHeadings) partHeadings = tagged.filter((el) => el.localName === 'h1');
    for (const template of tagged.filter((el) => el.localName === 'template') as HTMLTemplateElement[]) {
      // A declarative shadow root's template that nothing attached (see owners).
      if (template.getAttribute('shadowrootmode') !== 'open') continue;
      if (template.parentElement?.shadowRoot || !template.content) continue;
      owners.set(template.content as unknown as ShadowRoot, ownerDoc);
      roots.push(template.content as unknown as ShadowRoot);
    }
    const elements = [...tagged, ...marked(root, new Set(tagged))];
    for (const el of elements) {
      const tag = el.tagName.toUpperCase();
      if (tag === 'IFRAME' || tag === 'FRAME') {
        const inner = sameOriginDocument(el as HTMLIFrameElement);
        if (inner) roots.push(inner);
      } else if (tag === 'INPUT' || tag === 'TEXTAREA') {
        // Form fields (an admin's change form) hold the address in their value, not in text.
        if (['password', 'hidden'].includes((el as HTMLInputElement).type)) continue;
        const value = (el as HTMLInputElement).value;
        if (value && value.includes('@')) for (const m of value.slice(0, 2000).matchAll(EMAIL_IN_TEXT)) add(cleanRef('email', m[0]), { el, extra: 0 });
      } else if (tag === 'A') {
        const href = el.getAttribute('href') ?? '';
        if (/^mailto:/i.test(href)) add(cleanRef('email', safeDecode(href.slice(7).split('?')[0]!.split(',')[0]!)), { el, extra: 1 });
        else {
          const profile = PROFILE.exec(href);
          if (profile) add(cleanRef('contact_id', profile[1]), { el, extra: 3 }, 0, cleanName(el.textContent));
        }
      }
      if (el.hasAttribute('data-intercom-contact-id') || el.hasAttribute('data-intercom-user-id') || el.hasAttribute('data-intercom-email')) {
        const name = cleanName(el.getAttribute('data-intercom-name'));
        for (const [kind, attribute] of MARKUP) {
          const value = el.getAttribute(attribute);
          if (value !== null) add(cleanRef(kind, value), null, 10 + (el.hasAttribute('data-intercom-primary') ? 2 : 0), name);
        }
      }
    }
  }

  // Phase 2: context only for the likeliest candidates (a list page may show thousands of addresses).
  const headings = collectHeadings(doc, roots.slice(1), partHeadings);
  const prescore = (t: Tally) => Math.max(t.markup, 0) + t.bonus + Math.min(3, Math.log2(t.count)) + Math.max(0, ...t.seen.map((o) => o.extra));
  // Each tally's prescore once, not in every comparison (a list page has 2,000 of them).
  const ranked = [...tallies.values()]
    .map((t) => ({ t, pre: prescore(t) }))
    .sort((a, b) => b.pre - a.pre || a.t.order - b.t.order)
    .map(({ t }) => t);
  const shortlist = ranked.slice(0, MAX_SCORED);
  // A record's person comes right after its heading, even when a sidebar before it lists more people
  // than the shortlist holds (whose prescores tie with theirs): the first few after it are scored too.
  const heading = headings.main[0];
  if (heading && tallies.size > MAX_SCORED) {
    const listed = new Set(shortlist);
    let added = 0;
    for (const t of tallies.values()) {
      if (added === AFTER_HEADING) break;
      const el = t.seen[0]?.el;
      if (el && !listed.has(t) && heading.compareDocumentPosition(el) & 4 /* el FOLLOWS */) shortlist.push(t), added++;
    }
  }

  const candidateOf = (t: Tally, context: (el: Element) => number): ScanCandidate[] => {
    const visible = t.seen.filter((o) => !o.el.closest(SKIP_SELECTOR));
    if (visible.length === 0 && t.markup === -Infinity) return [];
    const best = Math.max(t.markup, ...visible.map((o) => o.extra + context(o.el)));
    const candidate: ScanCandidate = { ref: t.ref, score: Math.round((best + t.bonus + Math.min(3, Math.log2(t.count))) * 10) / 10, count: t.count };
    if (t.name) candidate.displayName = t.name;
    return [candidate];
  };
  const scored = shortlist.flatMap((t) => candidateOf(t, (el) => contextScore(el, headings))).sort((a, b) => b.score - a.score || b.count - a.count);
  if (scored.length >= limit) return scored.slice(0, limit);
  // The popup lists a list page's people up to a batch (PEOPLE_LIMIT): past the shortlist they follow
  // in the prescore's order (the page's, among equals), without reading each one's surroundings.
  const inShortlist = new Set(shortlist);
  const rest = ranked.filter((t) => !inShortlist.has(t)).slice(0, limit - scored.length);
  return [...scored, ...rest.flatMap((t) => candidateOf(t, () => 0))].slice(0, limit);
}

/**
 * Elements with data-intercom-* markup anywhere in `root`, but those `read` already has, in document
 * order. One query per attribute: browsers answer a lone attribute selector without visiting every
 * element, but a list of them (a, b, c) costs a pass over the whole page.
 */
function marked(root: Document | ShadowRoot, read: Set<Element>): Element[] {
  const found = new Set<Element>();
  for (const [, attribute] of MARKUP) {
    for (const el of Array.from(root.querySelectorAll(`[${attribute}]`))) if (!read.has(el)) found.add(el);
  }
  return [...found].sort((a, b) => (a === b ? 0 : a.compareDocumentPosition(b) & 4 /* b FOLLOWING */ ? -1 : 1));
}

const CONVERSATION_LINK = /\/a\/inbox\/[A-Za-z0-9_-]{1,64}\/inbox\/(?:[^?#]*\/)?conversations?\/(\d{1,30})(?:[/?#]|$)/;

export function conversationLinks(doc: Document): string[] {
  const ids = new Set<string>();
  for (const a of Array.from(doc.getElementsByTagName('a'))) {
    const id = CONVERSATION_LINK.exec(a.getAttribute('href') ?? '')?.[1];
    if (id) ids.add(id);
    if (ids.size >= MAX_CONVERSATION_LINKS) break;
  }
  return [...ids];
}

/** A candidate as the detectors describe a recipient. */
export const asRecipient = (c: ScanCandidate): DetectedRecipient => (c.displayName ? { ref: c.ref, displayName: c.displayName } : { ref: c.ref });

function sameOriginDocument(frame: HTMLIFrameElement): Document | null {
  try {
    return frame.contentDocument ?? null;
  } catch {
    return null; // cross-origin: the page's own business
  }
}

interface Keyed {
  /** The address as it is offered: an email's domain lowercased. */
  ref: RecipientRef;
  /** The same person however the page writes it. */
  key: string;
}

function keyed(ref: RecipientRef): Keyed {
  const value = ref.kind === 'email' ? lowerDomain(ref.value) : ref.value;
  return { ref: { ...ref, value } as RecipientRef, key: `${ref.kind}:${ref.kind === 'email' ? value.toLowerCase() : value}` };
}

const lowerDomain = (email: string) => {
  const at = email.lastIndexOf('@');
  return email.slice(0, at) + email.slice(at).toLowerCase();
};

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

