// "Teach Hailer this page": from the element the agent picked to a team rule in the existing format
// (utils/detect/rules.ts), plus what the agent is shown before saving: the pages it applies to in
// plain words, what it extracts, and what it finds on this very page. Pure: runs in the picker (in
// the page) and in tests against the console fixtures.
import { applyRule, type TeamRule } from '../detect/rules';
import { cleanRef, type RecipientKind, type RecipientRef } from '../detect/sanitize';
import { generalizeUrl } from './url-pattern';
import { buildSelector, readValue, type SelectorSource } from './selector';

export interface Proposal {
  rule: TeamRule;
  /** `admin.acme.com/customers/*` */
  words: string;
  /** Who the rule finds on the page it was taught on (the live preview). */
  found: RecipientRef | null;
}

export type ProposalProblem = 'not_an_identifier' | 'no_stable_selector';

const CONTACT_ID = /^[0-9a-f]{24}$/i;
const EMAIL_LIKE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** A user id: one token, no spaces, not a plain word ("Active", "Pro"): it has a digit, _ or -. */
const USER_ID_LIKE = /^(?=.*[\d_-])[A-Za-z0-9_.:+-]{2,255}$/;

/** What kind of identifier a picked text is, if any. */
export function identifierIn(text: string): RecipientRef | null {
  const value = text.trim();
  if (EMAIL_LIKE.test(value)) return cleanRef('email', value);
  if (CONTACT_ID.test(value)) return cleanRef('contact_id', value.toLowerCase());
  if (USER_ID_LIKE.test(value)) return cleanRef('user_id', value);
  return null;
}

/**
 * The value an element shows: a form field's value, else its text, else (an element with several
 * children) the one descendant whose whole text is an identifier.
 */
export function pickTarget(el: Element): { el: Element; ref: RecipientRef } | null {
  const own = 'value' in el && typeof (el as HTMLInputElement).value === 'string' && ['INPUT', 'TEXTAREA'].includes(el.tagName.toUpperCase())
    ? (el as HTMLInputElement).value
    : el.textContent ?? '';
  const ref = own.length <= 400 ? identifierIn(own) : null;
  if (ref) {
    // The innermost element showing exactly this text: `<div><span>jane@…</span></div>` → the span,
    // whose tag is a better selector than a wrapper's generated class.
    let inner = el;
    while (inner.children.length === 1 && inner.children[0]!.textContent?.trim() === own.trim()) inner = inner.children[0]!;
    return { el: inner, ref };
  }
  const inner = Array.from(el.querySelectorAll('*')).slice(0, 200).filter((c) => c.children.length === 0 && identifierIn(c.textContent ?? ''));
  return inner.length === 1 ? { el: inner[0]!, ref: identifierIn(inner[0]!.textContent ?? '')! } : null;
}

/** A readable, valid rule id from the site and path: `taught-admin-acme-com-customers`. */
function ruleId(url: URL, words: string): string {
  const base = `taught-${words.replace(/\*/g, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '')}`.slice(0, 55).replace(/-$/, '');
  let hash = 0;
  for (const c of url.hostname + words) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  return `${base}-${hash.toString(36).slice(0, 6)}`;
}

/**
 * The page's one h1, when it names the customer: it shares a word with the email's local part
 * ("Jane Cooper" and jane.cooper@…). A ticket's h1 is its subject, which must not become a name.
 */
function nameSelectorFor(doc: Document, target: Element, ref: RecipientRef): string | undefined {
  const headings = Array.from(doc.querySelectorAll('h1'));
  if (ref.kind !== 'email' || headings.length !== 1 || headings[0] === target) return undefined;
  const text = headings[0]!.textContent?.trim() ?? '';
  if (!text || text.length > 100 || /[#@]/.test(text)) return undefined;
  const words = new Set(text.toLowerCase().split(/[^\p{L}\p{N}]+/u));
  const local = ref.value.slice(0, ref.value.indexOf('@')).toLowerCase().split(/[._+-]/);
  return local.some((part) => part.length > 1 && words.has(part)) ? 'h1' : undefined;
}

export function proposeRule(picked: Element, url: URL, name: (words: string) => string = (w) => `Taught: ${w}`): Proposal | ProposalProblem {
  const target = pickTarget(picked);
  if (!target) return 'not_an_identifier';
  const { el, ref } = target;
  const source: SelectorSource | null = buildSelector(el, ref.value === ref.value.toLowerCase() ? readValue(el, attributeFor(el)) ?? ref.value : ref.value);
  if (!source) return 'no_stable_selector';
  const pattern = generalizeUrl(url, ref.value);
  const doc = el.ownerDocument;
  // A rule on a shadow-root pick reads the host in the top document.
  const topDoc = (el.getRootNode().nodeType === 9 ? el.getRootNode() : doc) as Document;
  const nameSelector = nameSelectorFor(topDoc, el, ref);
  const rule: TeamRule = {
    id: ruleId(url, pattern.words),
    name: name(pattern.words).slice(0, 100),
    matches: pattern.matches,
    urlIncludes: pattern.urlIncludes,
    kind: ref.kind as RecipientKind,
    source: { from: 'selector', selector: source.selector, ...(source.attribute ? { attribute: source.attribute } : {}) },
    ...(nameSelector ? { nameSelector } : {}),
  };
  return { rule, words: pattern.words, found: applyRule(rule, doc, url)?.ref ?? null };
}

const attributeFor = (el: Element) => (['INPUT', 'TEXTAREA'].includes(el.tagName.toUpperCase()) ? 'value' : undefined);
