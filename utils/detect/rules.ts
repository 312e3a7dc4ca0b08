// Team rules: how a team tells Hailer where the customer is on a console it cannot change. The zod
// schema that validates rules on import lives in utils/detect/team-rules.ts; here, in the content script,
// rules are applied defensively instead, because managed (policy) rules reach the page unvalidated.
import type { DetectedRecipient } from '../protocol';
import { matchesPattern, type PageUrl } from './match-pattern';
import { cleanName, cleanRef, recipient, withWorkspace, type RecipientKind } from './sanitize';
import { cleanWorkspaceHint, metaWorkspaceHint } from './workspace-hint';

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
    | { from: 'selector'; selector: string; /** else the element's text */ attribute?: string };
  /** Where the customer's name is shown, for the panel's heading. */
  nameSelector?: string;
  /** The Intercom workspace this console's customers are in: its id code or its name in Hailer. */
  workspace?: string;
}

const MAX_TARGET = 2048;
const MAX_ELEMENTS = 50;

/** The part of the URL rules look at: path + query, capped so a rule's regex never scans a huge URL. */
export const ruleTarget = (url: PageUrl) => (url.pathname + url.search).slice(0, MAX_TARGET);

export function ruleAppliesTo(rule: TeamRule, url: PageUrl): boolean {
  try {
    return matchesPattern(rule.matches, url) && (!rule.urlIncludes || new RegExp(rule.urlIncludes).test(ruleTarget(url)));
  } catch {
    return false;
  }
}

/** Reads the rule's identifier from the page; null when absent, ambiguous or malformed (bad rules included). */
export function applyRule(rule: TeamRule, doc: Document, url: PageUrl): DetectedRecipient | null {
  try {
    if (!ruleAppliesTo(rule, url)) return null;
    const ref = cleanRef(rule.kind, rule.source.from === 'url' ? fromUrl(rule.source.pattern, url) : fromPage(doc, rule.source));
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

function fromUrl(pattern: string, url: PageUrl): string | undefined {
  const captured = new RegExp(pattern).exec(ruleTarget(url))?.[1];
  return captured === undefined ? undefined : decodeURIComponent(captured);
}

/** Every element the selector finds must agree: two different values mean the page shows several customers. */
function fromPage(doc: Document, source: { selector: string; attribute?: string }): string | undefined {
  const values = new Set<string>();
  for (const el of Array.from(doc.querySelectorAll(source.selector)).slice(0, MAX_ELEMENTS)) {
    const value = (source.attribute ? el.getAttribute(source.attribute) : el.textContent)?.trim();
    if (value) values.add(value);
  }
  const [only] = values;
  return values.size === 1 ? only : undefined;
}
