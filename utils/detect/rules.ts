// Team rules: how a team tells Hailer where the customer is on a console it cannot change. The zod
// schema that validates rules on import lives in utils/detect/team-rules.ts; here, in the content script,
// rules are applied defensively instead, because managed (policy) rules reach the page unvalidated.
// A rule reads the page, its open shadow roots and same-origin frames (roots.ts), keeps only values
// of the shape it was taught (shape.ts), and finds nobody unless every value it reads agrees.
import type { DetectedRecipient } from '../protocol';
import { matchesPattern, type PageUrl } from './match-pattern';
import { cleanName, cleanRef, recipient, withWorkspace, type RecipientKind, type RecipientRef } from './sanitize';
import { cleanWorkspaceHint, metaWorkspaceHint } from './workspace-hint';
import { extractValue, type ValueShape } from './shape';
import { labelledTexts } from './label';
import { searchRoots, type SearchRoot } from './roots';

export interface TeamRule {
  id: string;
  name: string;
  /** A match pattern for the pages this rule is for, e.g. "https://admin.acme.com/*". */
  matches: string;
  /** Optional regular expression the page's path + query must match. */
  urlIncludes?: string;
  kind: RecipientKind;
  source:
    | { from: 'url'; /** regular expression applied to path + query; group 1 is the identifier */ pattern: string }
    | { from: 'selector'; selector: string; /** else the element's text */ attribute?: string }
    | { from: 'label'; /** the words the page shows beside the value: "Email", "User ID" */ label: string };
  /** The shape of the values this rule reads (learned when taught); absent, any value of its kind. */
  shape?: ValueShape;
  /** Where the customer's name is shown, for the panel's heading. */
  nameSelector?: string;
  /** The Intercom workspace this console's customers are in: its id code or its name in Hailer. */
  workspace?: string;
}

const MAX_TARGET = 2048;
const MAX_ELEMENTS = 50;

/** The part of the URL rules read an id from: path + query, capped so a rule's regex never scans a huge URL. */
export const ruleTarget = (url: PageUrl) => (url.pathname + url.search).slice(0, MAX_TARGET);
/**
 * Which pages a rule applies to (`urlIncludes`): also a single-page app's route in the fragment
 * (`/admin/#/member/42`, where every record has the same path; a plain anchor is left out). Url
 * sources keep reading path + query, as the patterns written for them expect.
 */
const pageTarget = (url: PageUrl) => (url.pathname + url.search + (/^#!?\//.test(url.hash ?? '') ? url.hash : '')).slice(0, MAX_TARGET);

export function ruleAppliesTo(rule: TeamRule, url: PageUrl): boolean {
  try {
    return matchesPattern(rule.matches, url) && (!rule.urlIncludes || new RegExp(rule.urlIncludes).test(pageTarget(url)));
  } catch {
    return false;
  }
}

/** Reads the rule's identifier from the page; null when absent, ambiguous or malformed (bad rules included). */
export function applyRule(rule: TeamRule, doc: Document, url: PageUrl): DetectedRecipient | null {
  try {
    if (!ruleAppliesTo(rule, url)) return null;
    const ref = ruleValue(rule, doc, url);
    if (!ref) return null;
    const name = rule.nameSelector ? cleanName(doc.querySelector(rule.nameSelector)?.textContent) : undefined;
    // The rule's own workspace first, else the page's meta tag; a malformed one makes nothing certain.
    const named = cleanWorkspaceHint(rule.workspace);
    const workspace = named === undefined ? metaWorkspaceHint(doc) : named;
    if (workspace === null) return null;
    return withWorkspace(recipient(ref, name), workspace);
  } catch {
    return null;
  }
}

/** What the rule's source reads on this page, of its kind and shape, whatever page it is (the picker checks candidates with it). */
export function ruleValue(rule: Pick<TeamRule, 'kind' | 'shape' | 'source'>, doc: Document, url: PageUrl): RecipientRef | null {
  const source = rule.source;
  // The page itself first; its shadow roots and frames only when it shows no value. Finding them
  // costs a pass over a big page's elements, on every change of the page, and a page that shows the
  // value itself is read as rules always read it.
  let raw: string | null | undefined;
  if (source.from === 'url') raw = fromUrl(source.pattern, url);
  else {
    const read = (roots: SearchRoot[]) => agreed(roots, (root) => readRoot(root, source), rule);
    raw = read([doc]);
    if (raw === undefined) raw = read(searchRoots(doc).slice(1));
  }
  return cleanRef(rule.kind, typeof raw === 'string' ? extractValue(rule.kind, rule.shape, raw) : undefined);
}

function fromUrl(pattern: string, url: PageUrl): string | undefined {
  const captured = new RegExp(pattern).exec(ruleTarget(url))?.[1];
  return captured === undefined ? undefined : decodeURIComponent(captured);
}

/** The texts a page source reads in one root: each element the selector finds, or each value beside the label. */
export function readRoot(root: SearchRoot, source: Exclude<TeamRule['source'], { from: 'url' }>): string[] {
  if (source.from === 'label') return typeof source.label === 'string' ? labelledTexts(root, source.label) : [];
  return Array.from(root.querySelectorAll(source.selector))
    .slice(0, MAX_ELEMENTS)
    .map((el) => (source.attribute ? el.getAttribute(source.attribute) : el.textContent)?.trim() ?? '');
}

/**
 * The one value all texts agree on, after each is reduced to the rule's shape (texts with no value of
 * that shape are someone else's field, and are left out). Two different values: the page shows
 * several customers, or the rule reads another field too, so nobody.
 */
function agreed(roots: SearchRoot[], read: (root: SearchRoot) => string[], rule: Pick<TeamRule, 'kind' | 'shape'>): string | null | undefined {
  // An email however the page writes it is one person: compared without case, returned as first shown.
  const values = new Map<string, string>();
  for (const root of roots) {
    for (const text of read(root)) {
      const value = text ? extractValue(rule.kind, rule.shape, text) : undefined;
      if (value && !values.has(rule.kind === 'email' ? value.toLowerCase() : value)) values.set(rule.kind === 'email' ? value.toLowerCase() : value, value);
      // Two values: nobody, and no looking further (null: the roots disagreed; undefined: they showed nothing).
      if (values.size > 1) return null;
    }
  }
  const [only] = values.values();
  return only;
}
