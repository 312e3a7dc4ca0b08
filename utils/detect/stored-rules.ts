// The content script's read of the team rules, zod-free: the local rules (validated when saved) and
// the administrator's managed ones (never validated by us, hence the shape check and the defensive
// applyRule). Same merge as listRules in utils/detect/team-rules.ts: a managed rule hides a local one with its id.
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

const read = (area: 'local' | 'managed') =>
  // Managed storage rejects when no policy schema or policy exists (Firefox without a policy).
  browser.storage[area].get('teamRules').then(
    (items) => (Array.isArray(items.teamRules) ? (items.teamRules as unknown[]).filter(isRuleShaped) : []),
    () => [],
  );

/**
 * The rules for this site, managed ones first. Only the site is checked here: a single-page app may
 * move to a path a rule's filter accepts later; detection applies the path filter on every look.
 */
export async function rulesForPage(url: PageUrl): Promise<TeamRule[]> {
  const [managed, local] = await Promise.all([read('managed'), read('local')]);
  const managedIds = new Set(managed.map((r) => r.id));
  return [...managed, ...local.filter((r) => !managedIds.has(r.id))].filter((r) => matchesPattern(r.matches, url));
}
