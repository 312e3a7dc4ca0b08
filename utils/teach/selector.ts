// The stable CSS selector for the element an agent picked: one that finds the same element on the
// other pages of the console after the layout shifts (rows added, sections reordered). It prefers
// what developers keep stable, an element id, `data-*` test hooks, `aria-label`, a `<label for>`,
// readable class names, and avoids what changes between builds or rows: hashed CSS-module classes
// and `:nth-child` positions, which it uses only when nothing better exists. Every proposal is
// checked on the page itself: it must find the picked value and nothing else.
// A rule's selector is run in the page, each open shadow root and each same-origin frame
// (utils/detect/roots.ts); in a shadow root the host is preferred when it reflects the value in an
// attribute (as web components often do).

import { searchRoots, topDocument } from '../detect/roots';

export interface SelectorSource {
  selector: string;
  /** Read the value from this attribute; else from the element's text. */
  attribute?: string;
}

const STABLE_ATTRIBUTES = ['data-testid', 'data-test', 'data-test-id', 'data-qa', 'data-cy', 'data-selenium-test', 'data-field', 'data-name', 'name', 'aria-label', 'itemprop'];
const MAX_DEPTH = 5;
// Node types, not classes: a same-origin iframe's nodes come from another realm's constructors.
const SHADOW_ROOT = 11;

/** Classes a build tool generated: css-1q2w3e, sc-AxjAm, _value_1x2y3, jss42, Text-color--gray500. */
export function isHashedClass(name: string): boolean {
  return (
    /^(css|sc|jss|emotion|styled|makeStyles|tw)-/i.test(name) ||
    /^jss\d+$/.test(name) ||
    /^_/.test(name) ||
    /[_-](?=[a-z0-9]*\d)[a-z0-9]{4,}$/i.test(name) ||
    /^[a-z]{1,3}[0-9][a-z0-9]{3,}$/i.test(name) ||
    /--/.test(name)
  );
}

/** Ids a framework generated (ember123, react-select-3-input, :r1:) look like hashes too. */
const isStableId = (id: string) => /^[A-Za-z][\w-]*$/.test(id) && !/\d{3,}/.test(id) && !/^(ember|react|ext-gen|ui-id|mui|radix)/i.test(id);

const cssString = (s: string) => `"${s.replace(/["\\]/g, '\\$&').replace(/\n/g, '\\a ')}"`;
const cssIdent = (s: string) => s.replace(/[^\w-]/g, (c) => `\\${c}`).replace(/^(\d)/, '\\3$1 ');

/** How a rule reads an element: the attribute if given, else the trimmed text. */
export function readValue(el: Element, attribute?: string): string | undefined {
  return (attribute ? el.getAttribute(attribute) : el.textContent)?.trim() || undefined;
}

/** The check a candidate selector must pass: a rule reading it finds the picked value and nothing else on this page. */
export type FindsOnly = (source: SelectorSource) => boolean;

/** The plain check: every element the selector finds, in the page, its shadow roots and frames, shows exactly the value. */
export function findsOnlyText(doc: Document, value: string): FindsOnly {
  return (source) => {
    let values: Set<string | undefined>;
    try {
      values = new Set(searchRoots(doc).flatMap((root) => Array.from(root.querySelectorAll(source.selector)).slice(0, 50).map((el) => readValue(el, source.attribute))));
    } catch {
      return false;
    }
    values.delete(undefined);
    return values.size === 1 && values.has(value);
  };
}

/** Ways to name one element, best first, without looking at its ancestors. */
function ownSelectors(el: Element): string[] {
  const tag = el.tagName.toLowerCase();
  const out: string[] = [];
  if (el.id && isStableId(el.id)) out.push(`#${cssIdent(el.id)}`);
  for (const name of STABLE_ATTRIBUTES) {
    const v = el.getAttribute(name);
    if (v && v.length <= 80 && !/\d{4,}/.test(v)) out.push(`${tag === 'div' || tag === 'span' ? '' : tag}[${name}=${cssString(v)}]`);
  }
  const classes = Array.from(el.classList).filter((c) => !isHashedClass(c));
  if (classes.length) out.push(`${tag}.${classes.map(cssIdent).join('.')}`, `.${cssIdent(classes[0]!)}`);
  return out;
}

/** A `<label for=…>` or aria-labelledby points at a stable id even when the id looks generated. */
function labelledSelector(el: Element): string | null {
  if (!el.id) return null;
  const doc = el.ownerDocument;
  try {
    return doc.querySelector(`label[for=${cssString(el.id)}]`) ? `#${cssIdent(el.id)}` : null;
  } catch {
    return null;
  }
}

export interface BuildOptions {
  /** What a candidate must pass; by default, finding exactly the value's text (findsOnlyText). */
  finds?: FindsOnly;
  /** Whether `:nth-child` positions may be used at all (the picker tries a label source first). */
  positional?: boolean;
}

/**
 * The selector for the picked element, or null when no selector finds its value alone.
 * @param value the identifier the agent picked (the element's text or, for a form field, its value).
 */
export function buildSelector(el: Element, value: string, { finds = findsOnlyText(topDocument(el), value), positional = true }: BuildOptions = {}): SelectorSource | null {
  if (el.getRootNode().nodeType === SHADOW_ROOT) {
    const viaHost = viaShadowHost(el, value, finds);
    if (viaHost) return viaHost;
  }
  const doc = el.ownerDocument;
  const attribute = valueAttribute(el, value);
  const check = (selector: string) => (finds({ selector, ...(attribute ? { attribute } : {}) }) ? { selector, ...(attribute ? { attribute } : {}) } : null);

  const labelled = labelledSelector(el);
  for (const selector of [...(labelled ? [labelled] : []), ...ownSelectors(el)]) {
    const ok = check(selector);
    if (ok) return ok;
  }
  // An anchor above (an id, a data-* hook, a readable class), then the element under it.
  const tag = el.tagName.toLowerCase();
  const own = ownSelectors(el).filter((s) => !s.startsWith('#'));
  for (let a = el.parentElement, depth = 0; a && depth < MAX_DEPTH && a !== doc.body; a = a.parentElement, depth++) {
    for (const anchor of ownSelectors(a)) {
      for (const selector of [...own.map((s) => `${anchor} ${s}`), `${anchor} ${tag}`, `${anchor} > ${tag}`]) {
        const ok = check(selector);
        if (ok) return ok;
      }
    }
  }
  // Last resort: positions under the nearest anchor.
  if (!positional) return null;
  const path: string[] = [];
  for (let node: Element | null = el; node && node !== doc.body && path.length < MAX_DEPTH; node = node.parentElement) {
    const parent: Element | null = node.parentElement;
    const index = parent ? Array.prototype.indexOf.call(parent.children, node) + 1 : 1;
    path.unshift(`${node.tagName.toLowerCase()}:nth-child(${index})`);
    // The body anchors a path too: on a page of generated class names nothing else may.
    const anchor = parent && (parent === doc.body ? 'body' : ownSelectors(parent)[0]);
    if (anchor) {
      const ok = check(`${anchor} > ${path.join(' > ')}`);
      if (ok) return ok;
    }
  }
  return null;
}

/** Form fields hold the value in `value`; other elements may carry it in an attribute too. */
function valueAttribute(el: Element, value: string): string | undefined {
  if ((el.textContent ?? '').trim() === value) return undefined;
  if (el.getAttribute('value')?.trim() === value) return 'value';
  for (const attr of Array.from(el.attributes)) if (attr.value.trim() === value && attr.name !== 'class' && attr.name !== 'id') return attr.name;
  return undefined;
}

/** Inside a shadow root: the nearest host that reflects the value in one of its attributes. */
function viaShadowHost(el: Element, value: string, finds: FindsOnly): SelectorSource | null {
  for (let root = el.getRootNode(); root.nodeType === SHADOW_ROOT; ) {
    const host = (root as ShadowRoot).host;
    for (const attr of Array.from(host.attributes)) {
      if (attr.value.trim() !== value) continue;
      const source = { selector: `${host.tagName.toLowerCase()}[${attr.name}]`, attribute: attr.name };
      if (finds(source)) return source;
    }
    root = host.getRootNode();
  }
  return null;
}
