// Saving team rules and what they need from the browser: the host permission of each rule's site
// (asked for inside the click that saves), giving a site back when no rule needs it any more, and
// the one content-script registration that brings Hailer to every granted rule's site. Used by the
// background and the options and teach pages.
import { browser } from 'wxt/browser';
import { matchesPattern, parseMatchPattern, hostMatches, type TeamRule } from './index';
import { listRules, managedRules, MAX_RULES, problem, stripManaged, teamRulesItem, validateRules, validOnly, type RuleProblem } from './team-rules';
import { teamRulesFromAddressItem } from './team-rules-address';
import { loadSettings } from '../storage/settings';
import { oneAtATime } from '../one-at-a-time';

export const RULES_SCRIPT_ID = 'hailer-team-rules';
const CONTENT_SCRIPT = 'content-scripts/content.js';

export type SaveOutcome =
  | { ok: true }
  | { ok: false; reason: 'invalid'; problems: RuleProblem[] }
  | { ok: false; reason: 'managed'; ids: string[] }
  | { ok: false; reason: 'permission_denied'; origins: string[] };

/**
 * Asks for the rules' sites, and nothing else. `request` comes first and before any other await:
 * Firefox only shows the prompt while the click that started it is still being handled, and both
 * browsers answer true without a prompt for a site already granted. Chrome refuses `request` with no
 * user gesture at all; a site granted before still counts then.
 */
export function requestRuleAccess(rules: readonly TeamRule[]): Promise<boolean> {
  const origins = [...new Set(rules.map((r) => r.matches))];
  return browser.permissions.request({ origins }).catch(() => browser.permissions.contains({ origins }).catch(() => false));
}

/**
 * Adds or replaces the agent's own rules (by id). Call it from the click that saves or imports; with
 * `ask: false` (the background, which has no click) only sites granted already are accepted.
 */
export async function saveRules(input: readonly TeamRule[], { ask = true } = {}): Promise<SaveOutcome> {
  const { rules, problems } = validateRules(input);
  if (problems.length) return { ok: false, reason: 'invalid', problems };
  const origins = [...new Set(rules.map((r) => r.matches))];
  const granted = ask ? requestRuleAccess(rules) : browser.permissions.contains({ origins }).catch(() => false);
  if (!(await granted)) {
    return { ok: false, reason: 'permission_denied', origins: [...new Set(rules.map((r) => r.matches))] };
  }
  const managedIds = new Set((await managedRules()).map((r) => r.id));
  const clashes = rules.filter((r) => managedIds.has(r.id)).map((r) => r.id);
  if (clashes.length) return { ok: false, reason: 'managed', ids: clashes };
  const ids = new Set(rules.map((r) => r.id));
  const local = validOnly(await teamRulesItem.getValue()).filter((r) => !ids.has(r.id));
  if (local.length + rules.length > MAX_RULES) return { ok: false, reason: 'invalid', problems: [problem(null, '', 'too_many')] };
  await teamRulesItem.setValue([...local, ...rules]);
  // Saved either way: a registration that loses a race with the background's own sync (which runs on
  // this very change, from another context) is the background's to finish, not a failed save.
  await syncRuleRegistrations().catch((e: unknown) => console.warn('Hailer: team rules', e));
  return { ok: true };
}

export const saveRule = (rule: TeamRule) => saveRules([rule]);

export type RemoveOutcome = { ok: true; released: boolean } | { ok: false; reason: 'managed' | 'not_found' };

/** Removes one of the agent's rules, and gives its site back unless something else still needs it. */
export async function removeRule(id: string): Promise<RemoveOutcome> {
  const all = await listRules();
  const rule = all.find((r) => r.id === id);
  if (!rule) return { ok: false, reason: 'not_found' };
  if (rule.managed) return { ok: false, reason: 'managed' };
  await teamRulesItem.setValue(all.filter((r) => !r.managed && r.id !== id).map(stripManaged));
  await syncRuleRegistrations();

  const others = all.filter((r) => r.id !== id).map((r) => r.matches);
  const settings = await loadSettings();
  // A custom Intercom address (the options page asked for it) on the same host keeps the grant.
  const intercomUrls = settings.region === 'custom' ? [settings.apiBaseUrl, settings.appBaseUrl].filter(Boolean) : [];
  const stillNeeded =
    others.some((pattern) => sameSite(pattern, rule.matches)) ||
    intercomUrls.some((url) => matchesPattern(siteOf(rule.matches), url));
  if (stillNeeded) return { ok: true, released: false };
  // Removing a site the manifest requires (the test build's loopback) throws; it stays granted then.
  const released = await browser.permissions.remove({ origins: [rule.matches] }).catch(() => false);
  return { ok: true, released };
}

/** `https://admin.acme.com/users/*` → `https://admin.acme.com/*`: host permissions ignore paths. */
const siteOf = (pattern: string) => pattern.replace(/^([^:]+:\/\/[^/]*)\/.*$/, '$1/*');

function sameSite(a: string, b: string): boolean {
  const [pa, pb] = [parseMatchPattern(a), parseMatchPattern(b)];
  if (!pa || !pb) return false;
  const schemes = pa.scheme === '*' || pb.scheme === '*' || pa.scheme === pb.scheme;
  const hostOf = (h: string) => h.replace(/^\*\./, '');
  return schemes && (hostMatches(pa.host, hostOf(pb.host)) || hostMatches(pb.host, hostOf(pa.host)));
}

export interface RegistrationState {
  /** Rules whose site is granted and whose pattern is registered. */
  active: string[];
  /** Rules waiting for the agent to grant their site (managed presets, or a grant taken back). */
  needsAccess: string[];
}

const syncs = oneAtATime();

/**
 * Makes the registered content script match exactly the granted rules' patterns. For the
 * background's startup and after any change; calls are queued so two never race on one script id.
 */
export function syncRuleRegistrations(): Promise<RegistrationState> {
  return syncs(syncNow);
}

async function syncNow(): Promise<RegistrationState> {
  const rules = await listRules();
  const granted = await Promise.all(
    rules.map((r) => browser.permissions.contains({ origins: [r.matches] }).catch(() => false)),
  );
  const active = rules.filter((_, i) => granted[i]);
  const matches = [...new Set(active.map((r) => r.matches))];

  const ours = (await browser.scripting.getRegisteredContentScripts()).filter((s) => s.id.startsWith('hailer-'));
  const current = ours.find((s) => s.id === RULES_SCRIPT_ID);
  const stale = ours.filter((s) => s.id !== RULES_SCRIPT_ID || matches.length === 0).map((s) => s.id);
  // The options page and the background both sync, so the other one may have just (un)registered.
  if (stale.length) await browser.scripting.unregisterContentScripts({ ids: stale }).catch(() => {});
  const update = () => browser.scripting.updateContentScripts([{ id: RULES_SCRIPT_ID, matches, js: [CONTENT_SCRIPT] }]);
  if (matches.length && !current) {
    await browser.scripting
      .registerContentScripts([
        { id: RULES_SCRIPT_ID, matches, js: [CONTENT_SCRIPT], runAt: 'document_start', persistAcrossSessions: true },
      ])
      .catch(update);
  } else if (matches.length && current && !sameList(current.matches ?? [], matches)) {
    await update();
  }
  return { active: active.map((r) => r.id), needsAccess: rules.filter((_, i) => !granted[i]).map((r) => r.id) };
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/**
 * For the background: sync now, and again whenever the rules or the grants change (the options page
 * in another context, a new policy, the agent revoking a site in the browser's settings).
 */
export function keepRuleRegistrationsInSync(): () => void {
  const sync = () => void syncRuleRegistrations().catch((e: unknown) => console.warn('Hailer: team rules', e));
  const onManaged = (changes: Record<string, unknown>, area: string) => {
    if (area === 'managed' && 'teamRules' in changes) sync();
  };
  const unwatch = teamRulesItem.watch(sync);
  const unwatchAddress = teamRulesFromAddressItem.watch(sync);
  browser.storage.onChanged.addListener(onManaged);
  browser.permissions.onAdded.addListener(sync);
  browser.permissions.onRemoved.addListener(sync);
  // Chrome drops run-time registrations when it reinstalls or updates the extension, even
  // persistent ones, and does so after the worker first ran: sync again on those events.
  browser.runtime.onStartup.addListener(sync);
  browser.runtime.onInstalled.addListener(sync);
  sync();
  return () => {
    unwatch();
    unwatchAddress();
    browser.storage.onChanged.removeListener(onManaged);
    browser.permissions.onAdded.removeListener(sync);
    browser.permissions.onRemoved.removeListener(sync);
    browser.runtime.onStartup.removeListener(sync);
    browser.runtime.onInstalled.removeListener(sync);
  };
}
