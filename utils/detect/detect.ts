// Who is the customer on this page? Intercom's own pages first, then the team's rules for this
// site, then the markup convention. Runs in the content script: no zod, no protocol values.
// The rule engine (rules.ts: selectors, labels, shapes, shadow roots and frames) is passed in, so
// the resident content script loads it as a chunk only on pages that have rules.
import type { DetectedRecipient } from '../protocol';
import { detectIntercom } from './intercom';
import { detectMarkup } from './markup';
import type { TeamRule } from './rules';
import type { PageUrl } from './match-pattern';

export type ApplyRule = (rule: TeamRule, doc: Document, url: PageUrl) => DetectedRecipient | null;

export function detectWith(doc: Document, url: PageUrl, rules: readonly TeamRule[], applyRule: ApplyRule | undefined): DetectedRecipient | null {
  try {
    const intercom = detectIntercom(doc, url);
    if (intercom) return intercom;
    for (const rule of Array.isArray(rules) && applyRule ? rules : []) {
      const found = applyRule!(rule, doc, url);
      if (found) return found;
    }
    return detectMarkup(doc);
  } catch {
    return null;
  }
}
