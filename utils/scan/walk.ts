// Finding what the page scan reads, in document order: the text nodes that hold an "@", the open
// shadow roots' hosts, and elements by tag. Used by scan.ts, in the page (Chromium, Firefox) and in
// happy-dom alike.
//
// Cost is what matters here: a 5 MB console page has ~250,000 elements, and every pass over all of
// them costs a few ms in a browser. So the text is read by one TreeWalker over text nodes only (no
// element is visited, no subtree's text is built), which can stop: the caller stops it once the page
// has shown it MAX_TALLIES different addresses (a list, not one person's page). Shadow hosts, links,
// form fields and frames are then looked for only in the part that was read, by one walk over its
// elements; a page read to its end is searched with native queries.

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
  // string() of the context node, not `.` (a path the engine evaluates for every text node): the same
  // text, a third less time over a 5 MB page's 100,000 text nodes in Chromium.
  const rest = doc.evaluate("following::text()[contains(string(), '@')]", after, null, 7 /* ORDERED_NODE_SNAPSHOT_TYPE */, null);
  for (let i = 0; i < rest.snapshotLength; i++) {
    const node = rest.snapshotItem(i) as Text;
    // In document order: the first node outside `start` means the rest are outside too.
    if (start !== doc && !start.contains(node)) return null;
    if (!read(node)) return node;
  }
  return null;
}

/**
 * The open shadow roots' hosts at or below `start`, in the whole of it. On a small page every
 * element is asked; on a big one, custom elements (where pages put shadow roots).
 */
export function shadowHosts(start: Element | ShadowRoot, doc: Document): Element[] {
  let elements: Element[];
  if (isSmall(doc)) {
    elements = Array.from(start.querySelectorAll('*'));
    if (start.nodeType === 1) elements.unshift(start as Element);
  } else if (typeof doc.evaluate === 'function' && start.getRootNode() === doc) {
    // Natively, without a script call per element.
    elements = snapshot(doc, "descendant-or-self::*[contains(local-name(), '-')]", start);
  } else {
    elements = Array.from(start.querySelectorAll('*')).filter((el) => el.localName.includes('-'));
    if (start.nodeType === 1 && (start as Element).localName.includes('-')) elements.unshift(start as Element);
  }
  return elements.filter((el) => el.shadowRoot);
}

/** The elements of `root` with these tag names, grouped by tag in the order given, each group in document order. */
export function elementsByTag(root: Document | ShadowRoot, tags: readonly string[]): Element[] {
  const scope = root as ParentNode & { getElementsByTagName?: Document['getElementsByTagName'] };
  return tags.flatMap((tag) => Array.from(scope.getElementsByTagName ? scope.getElementsByTagName(tag) : root.querySelectorAll(tag)));
}

/**
 * What the part of `root` that its text walk read holds, when the walk stopped at `stop`: the open
 * shadow roots' hosts below `start` (as shadowHosts picks them) and the elements with these tag
 * names (as elementsByTag groups them). The part read is every element before the stop in document
 * order (those before it and its ancestors): one walk over that part's elements, as a query of the
 * whole page (read or not) costs a pass over all of it, and XPath over the part a call per element.
 */
export function elementsBefore(root: Document | ShadowRoot, start: Element | ShadowRoot, doc: Document, stop: Node, tags: readonly string[]) {
  const small = isSmall(doc);
  const byTag = new Map<string, Element[]>(tags.map((tag) => [tag, []]));
  const hosts: Element[] = [];
  const end = firstElementAfter(stop);
  const walker = doc.createTreeWalker(root, 0x1 /* SHOW_ELEMENT */);
  // In document order the start comes before everything below it; a document's <head> comes before it.
  let below = root === start;
  for (let el = walker.nextNode() as Element | null; el && el !== end; el = walker.nextNode() as Element | null) {
    if (el === start) below = true;
    const name = el.localName;
    // getElementsByTagName's match: the qualified name (a prefixed one is not the tag).
    const group = byTag.get(name);
    if (group && el.prefix === null) group.push(el);
    if (below && (small || name.includes('-')) && el.shadowRoot) hosts.push(el);
  }
  return { hosts, tagged: [...byTag.values()].flat() };
}

/** The first element after `node` in document order, when `node` has no children (the walk's stop is a text node). */
function firstElementAfter(node: Node): Element | null {
  for (let n: Node | null = node; n; n = n.parentNode) {
    for (let next = n.nextSibling; next; next = next.nextSibling) if (next.nodeType === 1) return next as Element;
  }
  return null;
}

/** Fewer elements than SMALL_PAGE. item() walks only as far as it asks (the collection is lazy); length would walk the whole page. */
const isSmall = (doc: Document) => doc.getElementsByTagName('*').item(SMALL_PAGE) === null;

function snapshot(doc: Document, xpath: string, context: Node): Element[] {
  const result = doc.evaluate(xpath, context, null, 7 /* ORDERED_NODE_SNAPSHOT_TYPE */, null);
  const nodes: Element[] = [];
  for (let i = 0; i < result.snapshotLength; i++) nodes.push(result.snapshotItem(i) as Element);
  return nodes;
}
