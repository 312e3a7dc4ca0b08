// Fetching the team rules address (team-rules-address.ts) for the background: at browser start,
// hourly, and when the address changes. Fetches send `If-None-Match` with the last ETag, so an
// unchanged file costs a 304; a failed fetch or a file that does not validate like an import keeps
// the last good copy, with the reason beside it for the options page.
import { browser } from 'wxt/browser';
import { parseRulesJson } from './team-rules';
import { addressOrigin, allowedAddress, currentAddress, teamRulesAddressItem, teamRulesFromAddressItem, type AddressProblem, type AddressState } from './team-rules-address';
import { oneAtATime } from '../one-at-a-time';

export const REFRESH_ALARM = 'hailer-team-rules-address';
export const REFRESH_MINUTES = 60;
/** A rules file is small (at most 100 rules); anything much larger is not one. */
const MAX_BYTES = 512 * 1024;
const TIMEOUT_MS = 15_000;

/** A copy of another address is not this address's last good copy. */
const lastGoodCopy = (url: string, previous: AddressState | null, now: number): AddressState =>
  previous?.url === url ? previous : { url, rules: [], etag: null, fetchedAt: null, checkedAt: now, problem: null };

export type Fetcher = (url: string, init: RequestInit) => Promise<Response>;

/**
 * One check of the address: the next state from the previous one. Pure apart from `fetcher`, so the
 * unit tests run it against a real local server.
 */
export async function checkAddress(url: string, previous: AddressState | null, fetcher: Fetcher, now = Date.now()): Promise<AddressState> {
  const kept = lastGoodCopy(url, previous, now);
  const failed = (problem: AddressProblem): AddressState => ({ ...kept, checkedAt: now, problem });
  if (!allowedAddress(url)) return failed({ code: 'not_https' });

  let response: Response;
  try {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (kept.etag && kept.fetchedAt !== null) headers['if-none-match'] = kept.etag;
    // `no-store`: the browser's HTTP cache stays out of it, so a 304 reaches us as one; our ETag does the saving.
    response = await fetcher(url, { headers, cache: 'no-store', credentials: 'omit', redirect: 'follow', signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch {
    return failed({ code: 'unreachable' });
  }
  if (response.status === 304 && kept.fetchedAt !== null) return { ...kept, checkedAt: now, problem: null };
  if (!response.ok) return failed({ code: 'http_status', status: response.status });
  const text = await response.text().catch(() => null);
  if (text === null) return failed({ code: 'unreachable' });
  if (text.length > MAX_BYTES) return failed({ code: 'too_large' });
  const parsed = parseRulesJson(text);
  if (!parsed.ok) return failed({ code: 'invalid', details: parsed.problems.map((p) => p.message) });
  return { url, rules: parsed.rules, etag: response.headers.get('etag'), fetchedAt: now, checkedAt: now, problem: null };
}

const checks = oneAtATime();

/**
 * Checks the current address and stores the outcome (no address: forgets the copy). Reading an
 * address needs its host permission, asked for by the options page's Save click; without it the
 * check says so instead of fetching (a cross-origin fetch would need the server's CORS headers).
 */
export function refreshTeamRules(fetcher: Fetcher = (url, init) => fetch(url, init)): Promise<AddressState | null> {
  return checks(async () => {
    const { url } = await currentAddress();
    if (!url) {
      await teamRulesFromAddressItem.setValue(null);
      return null;
    }
    const previous = await teamRulesFromAddressItem.getValue();
    const parsed = allowedAddress(url);
    const granted = parsed && (await browser.permissions.contains({ origins: [addressOrigin(parsed)] }).catch(() => false));
    const next: AddressState =
      parsed && !granted
        ? { ...lastGoodCopy(url, previous, Date.now()), checkedAt: Date.now(), problem: { code: 'no_access' } }
        : await checkAddress(url, previous, fetcher);
    await teamRulesFromAddressItem.setValue(next);
    return next;
  });
}

/**
 * For the background: check when the browser starts, every hour, and when the address (agent's or
 * policy's) changes. The worker itself starts often (it sleeps when idle): then it checks only when
 * the last check is an hour old, and keeps the alarm it has (creating it again would restart its hour).
 */
export function keepTeamRulesFresh(): void {
  const refresh = () => void refreshTeamRules().catch((e: unknown) => console.warn('Hailer: team rules address', e));
  void browser.alarms.get(REFRESH_ALARM).then((alarm) => {
    if (!alarm) return browser.alarms.create(REFRESH_ALARM, { periodInMinutes: REFRESH_MINUTES });
  });
  browser.runtime.onStartup.addListener(refresh);
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === REFRESH_ALARM) refresh();
  });
  teamRulesAddressItem.watch(refresh);
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'managed' && 'teamRulesUrl' in changes) refresh();
  });
  // The agent granting the address's site (a policy's address is granted from options, after it is set).
  browser.permissions.onAdded.addListener(async ({ origins = [] }) => {
    const address = allowedAddress((await currentAddress()).url);
    if (address && origins.includes(addressOrigin(address))) refresh();
  });
  void Promise.all([currentAddress(), teamRulesFromAddressItem.getValue()]).then(([{ url }, state]) => {
    const stale = !state || state.url !== url || Date.now() - state.checkedAt >= REFRESH_MINUTES * 60_000;
    if (url ? stale : state) refresh();
  });
}
