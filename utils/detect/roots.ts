// Where a team rule looks: the page, its open shadow roots and its same-origin frames (srcdoc ones
// too), theirs in turn. A CSS selector or a label search cannot cross these boundaries by itself,
// and modern consoles put the record inside web components or an embedded app's frame.
import { shadowHosts } from '../scan/walk';

export type SearchRoot = Document | ShadowRoot;

const MAX_ROOTS = 50;
// Node types, not classes: a same-origin frame's nodes come from another realm's constructors.
const DOCUMENT = 9;

export const isDocument = (root: Node): root is Document => root.nodeType === DOCUMENT;

/** The document first, then the shadow roots and frames inside it, in the order they are found. */
export function searchRoots(doc: Document): SearchRoot[] {
  const roots: SearchRoot[] = [doc];
  for (let i = 0; i < roots.length && roots.length < MAX_ROOTS; i++) {
    const root = roots[i]!;
    const ownerDoc = isDocument(root) ? root : root.ownerDocument;
    const start = isDocument(root) ? root.body ?? root.documentElement : root;
    if (!start) continue;
    for (const host of shadowHosts(start, ownerDoc)) roots.push(host.shadowRoot!);
    for (const frame of Array.from(root.querySelectorAll('iframe, frame'))) {
      const inner = frameDocument(frame as HTMLIFrameElement);
      if (inner) roots.push(inner);
    }
  }
  return roots.slice(0, MAX_ROOTS);
}

function frameDocument(frame: HTMLIFrameElement): Document | null {
  try {
    return frame.contentDocument ?? null;
  } catch {
    return null; // cross-origin: not ours to read
  }
}

/** The page an element is shown in: through same-origin frames up to the top document. */
export function topDocument(el: Element): Document {
  let doc = el.ownerDocument;
  try {
    for (let frame = doc.defaultView?.frameElement; frame; frame = doc.defaultView?.frameElement) doc = frame.ownerDocument;
  } catch {
    // A cross-origin parent: this frame is as far up as we may look.
  }
  return doc;
}
