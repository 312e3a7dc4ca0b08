// "Teach Hailer this page": from the element the agent picked to a team rule in the existing format
// (utils/detect/rules.ts), plus what the agent is shown before saving: the pages it applies to in
// plain words, what it extracts, and what it finds on this very page. The rule reads a selector
// developers keep stable (an id, a data-* hook, a class naming the field) if there is one, else the label
// beside the value, and a `:nth-child` position only as a last resort (the teach frame warns then);
// it learns the shape of the value (utils/detect/shape.ts). Pure: runs in the picker (in the page)
// and in tests against the console fixtures.
import { applyRule, ruleValue, type TeamRule } from '../detect/rules';
import { cleanRef, type RecipientKind, type RecipientRef } from '../detect/sanitize';
import { learnShape } from '../detect/shape';
import { topDocument } from '../detect/roots';
import { generalizeUrl } from './url-pattern';
import { buildSelector, readValue } from './selector';
import { labelCandidates } from './label-of';

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

const fieldValue = (el: Element) =>
  'value' in el && typeof (el as HTMLInputElement).value === 'string' && ['INPUT', 'TEXTAREA'].includes(el.tagName.toUpperCase()) ? (el as HTMLInputElement).value : null;

/**
 * The value an element shows: a form field's value, else its text, else (an element with several
 * children) the one descendant whose whole text is an identifier, else the one email, Intercom id or
 * prefixed id inside its text ("Jane Doe (jane@acme.com)", "Reporter: Jane <jane@…>").
 */
export function pickTarget(el: Element): { el: Element; ref: RecipientRef } | null {
  const own = fieldValue(el) ?? el.textContent ?? '';
  const ref = own.length <= 400 ? identifierIn(own) : null;
  if (ref) {
    // The innermost element showing exactly this text: `<div><span>jane@…</span></div>` → the span,
    // whose tag is a better selector than a wrapper's generated class.
    let inner = el;
    while (inner.children.length === 1 && inner.children[0]!.textContent?.trim() === own.trim()) inner = inner.children[0]!;
    return { el: inner, ref };
  }
  const inner = Array.from(el.querySelectorAll('*')).slice(0, 200).filter((c) => c.children.length === 0 && identifierIn(c.textContent ?? ''));
  if (inner.length === 1) return { el: inner[0]!, ref: identifierIn(inner[0]!.textContent ?? '')! };
  const within = own.length <= 400 ? identifierWithin(own) : null;
  return within ? { el, ref: within } : null;
}

const EMAILS_IN_TEXT = /[^\s@<>()[\]{},;:"']+@[^\s@<>()[\]{},;:"']+\.[A-Za-z]{2,}/g;
const CONTACT_IDS_IN_TEXT = /(?<![0-9a-z])[0-9a-f]{24}(?![0-9a-z])/gi;
/** `usr_8f3a91c2`, `auth0|5f3c…`: a prefix, a separator, then letters and digits with a digit. */
const PREFIXED_IN_TEXT = /(?<![\w|:.@-])[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*[_|:-](?=[A-Za-z0-9]*\d)[A-Za-z0-9]{3,64}(?![\w|:.@-])/g;

/** The one identifier inside a longer text; two different ones (a reporter and a CC) are nobody. */
export function identifierWithin(text: string): RecipientRef | null {
  for (const [pattern, kind] of [[EMAILS_IN_TEXT, 'email'], [CONTACT_IDS_IN_TEXT, 'contact_id'], [PREFIXED_IN_TEXT, 'user_id']] as const) {
    const found = new Set(Array.from(text.matchAll(pattern), (m) => (kind === 'contact_id' ? m[0].toLowerCase() : m[0])));
    if (found.size > 1) return null;
    const [only] = found;
    if (only) return cleanRef(kind, only);
  }
  return null;
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

/**
 * Whether a selector says which field it is: an id, an attribute hook (`data-*`, `aria-label`,
 * `name`), or a class naming a person's field (`requester-email`, `user-id`). A framework's style
 * class (`MuiLink-root`, `chakra-link`) names only how the field looks, and the next record may
 * show two such fields: the label beside the value is surer then.
 */
const namesTheField = (selector: string) =>
  /[#[]/.test(selector) || /(e-?mail|user|customer|contact|requester|member|account|client|person|(^|[^a-z])id($|[^a-z]))/i.test(selector);

/** How many elements a selector names where the picked one is, page or shadow root (0 for one it cannot parse). */
function countMatches(root: Document | ShadowRoot, selector: string): number {
  try {
    return root.querySelectorAll(selector).length;
  } catch {
    return 0;
  }
}

export function proposeRule(picked: Element, url: URL, name: (words: string) => string = (w) => `Taught: ${w}`): Proposal | ProposalProblem {
  const target = pickTarget(picked);
  if (!target) return 'not_an_identifier';
  const { el, ref } = target;
  const kind = ref.kind as RecipientKind;
  const shape = learnShape(kind, ref.value);
  // Rules read the page the picker runs in, its shadow roots and frames: the element may be in any.
  const doc = topDocument(el);
  const same = (found: RecipientRef | null) => !!found && (kind === 'email' ? found.value.toLowerCase() === ref.value.toLowerCase() : found.value === ref.value);
  const findsOnly = (source: TeamRule['source']) => same(ruleValue({ kind, source, ...(shape ? { shape } : {}) }, doc, url));

  const shown = fieldValue(el) !== null ? readValue(el, 'value') ?? ref.value : ref.value;
  const selector = (positional: boolean) => buildSelector(el, shown, { positional, finds: (s) => findsOnly({ from: 'selector', ...s }) });
  // A developer's hook or a class naming the field first, then the label beside the value, a position last.
  // A class that also names the page's other fields (`dd.col-sm-8`, `span.value`) only finds this
  // value while no other field holds one of its shape (a second email): the label is surer then.
  const hooked = selector(false);
  const specific = hooked && countMatches(el.getRootNode() as Document | ShadowRoot, hooked.selector) === 1 && namesTheField(hooked.selector);
  const label = specific ? undefined : labelCandidates(el, ref.value).find((l) => findsOnly({ from: 'label', label: l }));
  const positioned = hooked || label ? null : selector(true);
  const source: TeamRule['source'] | null = label
    ? { from: 'label', label }
    : hooked
      ? { from: 'selector', ...hooked }
      : positioned && { from: 'selector', ...positioned };
  if (!source) return 'no_stable_selector';

  const pattern = generalizeUrl(url, ref.value);
  const nameSelector = nameSelectorFor(doc, el, ref);
  const rule: TeamRule = {
    id: ruleId(url, pattern.words),
    name: name(pattern.words).slice(0, 100),
    matches: pattern.matches,
    urlIncludes: pattern.urlIncludes,
    kind,
    source,
    ...(shape ? { shape } : {}),
    ...(nameSelector ? { nameSelector } : {}),
  };
  return { rule, words: pattern.words, found: applyRule(rule, doc, url)?.ref ?? null };
}
