// Finding what the page scan reads, in document order: the text nodes that hold an "@", and the
// open shadow roots' hosts. Used by scan.ts, in the page (Chromium, Firefox) and in happy-dom alike.
//
// Cost is what matters here: a 5 MB console page has ~250,000 elements, and every pass over all of
// them costs ~10 ms in a browser. So the text is read by one TreeWalker over text nodes only (no
// element is visited, no subtree's text is built), which can stop: the caller stops it once the page
// has shown it MAX_TALLIES different addresses (a list, not one person's page). Shadow hosts, links,
// form fields and frames are then looked for only in the part that was read.

/** Pages with fewer elements than this are searched everywhere for shadow roots. */
const SMALL_PAGE = 20_000;

/** Text nodes the walk reads one by one before it judges how many hold an "@". */
const PROBE_NODES = 2_000;
/** Fewer text nodes with an "@" than this share of the probe: the rest is left to XPath. */
const SPARSE_SHARE = 0.02;

/**
 * Calls `read` with each text node below `start` that holds an "@", in document order, until it
 * returns false. Returns the node it stopped at, or null when it read everything.
 *
 * A page's first scan pays for a script object per node the walk hands over (~100,000 text nodes on
 * a 5 MB page: most of a first scan's time). Where addresses are sparse (one person's page with a
 * long log), the browser's XPath finds the rest of the text nodes with an "@" natively and hands over
 * only those; where they are dense (a list), the walk goes on, as it stops after MAX_TALLIES
 * different addresses anyway. Both give the same nodes in the same order.
 */
export function readTextWithAt(start: Node, doc: Document, read: (node: Text) => boolean): Text | null {
  const walker = doc.createTreeWalker(start, 0x4 /* SHOW_TEXT */);
  let probed = 0;
  let withAt = 0;
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    if (node.data.includes('@')) {
      withAt++;
      if (!read(node)) return node;
    }
    if (++probed === PROBE_NODES && withAt < PROBE_NODES * SPARSE_SHARE && typeof doc.evaluate === 'function' && start.getRootNode() === doc) {
      return readRestByXPath(node, start, doc, read);
    }
  }
  return null;
}

/** The text nodes with an "@" after `after` and still below `start`, as readTextWithAt reads them. */
function readRestByXPath(after: Node, start: Node, doc: Document, read: (node: Text) => boolean): Text | null {
  const rest = doc.evaluate("following::text()[contains(., '@')]", after, null, 7 /* ORDERED_NODE_SNAPSHOT_TYPE */, null);
  for (let i = 0; i < rest.snapshotLength; i++) {
    const node = rest.snapshotItem(i) as Text;
    // In document order: the first node outside `start` means the rest are outside too.
    if (start !== doc && !start.contains(node)) return null;
    if (!read(node)) return node;
  }
  return null;
}

/**
 * The open shadow roots' hosts at or below `start`. On a small page every element is asked; on a big
 * one, custom elements (where pages put shadow roots). When the text walk stopped at `stop`, only
 * elements before it or around it: what comes after was not read.
 */
export function shadowHosts(start: Element | ShadowRoot, doc: Document, stop: Node | null): Element[] {
  // item() walks only as far as it asks (the collection is lazy); length would walk the whole page.
  const small = doc.getElementsByTagName('*').item(SMALL_PAGE) === null;
  let elements: Element[];
  if (small) {
    elements = Array.from(start.querySelectorAll('*'));
    if (start.nodeType === 1) elements.unshift(start as Element);
  } else if (typeof doc.evaluate === 'function' && start.getRootNode() === doc) {
    // Natively, without a script call per element. From the stop: the elements before it and around it.
    const custom = "[contains(local-name(), '-')]";
    elements = stop
      ? beforeAndAround(doc, `preceding::*${custom}`, stop, (el) => el.localName.includes('-')).filter((el) => start.contains(el))
      : snapshot(doc, `descendant-or-self::*${custom}`, start);
  } else {
    elements = Array.from(start.querySelectorAll('*')).filter((el) => el.localName.includes('-'));
    if (start.nodeType === 1 && (start as Element).localName.includes('-')) elements.unshift(start as Element);
  }
  return elements.filter((el) => el.shadowRoot && readBefore(el, stop));
}

/**
 * The elements of `root` with these tag names, grouped by tag in the order given, each group in
 * document order. When the text walk stopped at `stop`, only those in the part it read: in a
 * document, found natively from the stop (each tag a pass over only that part), as a page-wide tag
 * query is a pass over all of it, read or not.
 */
export function elementsByTag(root: Document | ShadowRoot, stop: Node | null, tags: readonly string[]): Element[] {
  // XPath name tests match HTML elements only in an HTML document (in XHTML they would need a namespace).
  if (stop && root.nodeType === 9 && (root as Document).contentType === 'text/html' && typeof (root as Document).evaluate === 'function') {
    // One query for all the tags answers in document order: grouped by tag, as the queries below are.
    const byTag = new Map<string, Element[]>(tags.map((tag) => [tag, []]));
    const found = beforeAndAround(root as Document, tags.map((tag) => `preceding::${tag}`).join(' | '), stop, (el) => byTag.has(el.localName));
    for (const el of found) byTag.get(el.localName)?.push(el);
    return [...byTag.values()].flat();
  }
  const scope = root as ParentNode & { getElementsByTagName?: Document['getElementsByTagName'] };
  const found = tags.flatMap((tag) => Array.from(scope.getElementsByTagName ? scope.getElementsByTagName(tag) : root.querySelectorAll(tag)));
  return stop ? found.filter((el) => readBefore(el, stop)) : found;
}

/** Whether an element is in the part of its page the text walk read: before its stop, or around it. */
export const readBefore = (el: Element, stop: Node | null): boolean =>
  !stop || (el.compareDocumentPosition(stop) & (4 /* stop FOLLOWS */ | 16 /* stop is INSIDE */)) !== 0;

/**
 * What `preceding` (an XPath over the preceding axis) finds before `stop`, and the stop's ancestors
 * that `around` picks, in document order. The ancestors are looked up here rather than with XPath's
 * ancestor axis: a union of the two axes has the engine sort the whole node set.
 */
function beforeAndAround(doc: Document, preceding: string, stop: Node, around: (el: Element) => boolean): Element[] {
  const before = snapshot(doc, preceding, stop);
  const ancestors: Element[] = [];
  for (let a = stop.parentElement; a; a = a.parentElement) if (around(a)) ancestors.push(a);
  if (ancestors.length === 0) return before;
  return [...before, ...ancestors].sort((a, b) => (a.compareDocumentPosition(b) & 4 /* b FOLLOWS */ ? -1 : 1));
}

function snapshot(doc: Document, xpath: string, context: Node): Element[] {
  const result = doc.evaluate(xpath, context, null, 7 /* ORDERED_NODE_SNAPSHOT_TYPE */, null);
  const nodes: Element[] = [];
  for (let i = 0; i < result.snapshotLength; i++) nodes.push(result.snapshotItem(i) as Element);
  return nodes;
}
