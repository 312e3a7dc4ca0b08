// The content script's read of the team rules, zod-free: the local rules and the team rules
// address's (validated when saved or fetched) and the administrator's managed ones (never validated
// by us, hence the shape check and the defensive applyRule). Same merge as listRules in
// utils/detect/team-rules.ts: managed, then the address's, then local; an id seen earlier hides a later one.
import { browser } from 'wxt/browser';
import { matchesPattern, type PageUrl } from './match-pattern';
import type { TeamRule } from './rules';

const isRuleShaped = (r: unknown): r is TeamRule =>
  typeof r === 'object' &&
  r !== null &&
  ['id', 'matches', 'kind'].every((k) => typeof (r as Record<string, unknown>)[k] === 'string') &&
  typeof (r as { source?: unknown }).source === 'object' &&
  (r as { source?: unknown }).source !== null &&
  // Optional; applyRule checks its value (utils/detect/workspace-hint.ts).
  ['undefined', 'string'].includes(typeof (r as { workspace?: unknown }).workspace);

const rulesIn = (list: unknown) => (Array.isArray(list) ? (list as unknown[]).filter(isRuleShaped) : []);
const read = (area: 'local' | 'managed') =>
  // Managed storage rejects when no policy schema or policy exists (Firefox without a policy).
  browser.storage[area].get('teamRules').then((items) => rulesIn(items.teamRules), () => []);
/** The last good copy of the team rules address (team-rules-address.ts), cleared when the address is. */
const readFromAddress = () =>
  browser.storage.local.get('teamRulesFromAddress').then((items) => rulesIn((items.teamRulesFromAddress as { rules?: unknown } | null)?.rules), () => []);

/**
 * The rules for this site, managed ones first. Only the site is checked here: a single-page app may
 * move to a path a rule's filter accepts later; detection applies the path filter on every look.
 */
export async function rulesForPage(url: PageUrl): Promise<TeamRule[]> {
  const [managed, fromAddress, local] = await Promise.all([read('managed'), readFromAddress(), read('local')]);
  const seen = new Set<string>();
  return [...managed, ...fromAddress, ...local]
    .filter((r) => !seen.has(r.id) && seen.add(r.id))
    .filter((r) => matchesPattern(r.matches, url));
}
