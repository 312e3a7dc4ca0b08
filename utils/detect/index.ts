// Who is the customer on this page? Intercom's own pages first, then the team's rules for this
// site, then the markup convention. Runs in the content script: no zod, no protocol values.
import type { DetectedRecipient } from '../protocol';
import { detectIntercom } from './intercom';
import { detectMarkup } from './markup';
import { applyRule, type TeamRule } from './rules';
import type { PageUrl } from './match-pattern';

export type { TeamRule } from './rules';
export type { RecipientKind, RecipientRef } from './sanitize';
export { matchesPattern, parseMatchPattern, hostMatches, type MatchPattern, type PageUrl } from './match-pattern';
export { ruleAppliesTo } from './rules';
export { intercomAppHosts } from './intercom';

export function detectRecipient(doc: Document, url: PageUrl, rules: readonly TeamRule[]): DetectedRecipient | null {
  try {
    const intercom = detectIntercom(doc, url);
    if (intercom) return intercom;
    for (const rule of Array.isArray(rules) ? rules : []) {
      const found = applyRule(rule, doc, url);
      if (found) return found;
    }
    return detectMarkup(doc);
  } catch {
    return null;
  }
}
