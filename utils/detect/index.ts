// Detection with the rule engine (detect.ts, rules.ts), for everything but the resident content
// script, which imports detect.ts and loads the rule engine only where rules apply.
import type { DetectedRecipient } from '../protocol';
import { applyRule, type TeamRule } from './rules';
import { detectWith } from './detect';
import type { PageUrl } from './match-pattern';

export type { TeamRule } from './rules';
export type { RecipientKind, RecipientRef } from './sanitize';
export { matchesPattern, parseMatchPattern, hostMatches, type MatchPattern, type PageUrl } from './match-pattern';
export { ruleAppliesTo } from './rules';
export { intercomAppHosts } from './intercom';

export function detectRecipient(doc: Document, url: PageUrl, rules: readonly TeamRule[]): DetectedRecipient | null {
  return detectWith(doc, url, rules, applyRule);
}
