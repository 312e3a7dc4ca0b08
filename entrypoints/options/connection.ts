// What the options page needs to connect Hailer to Intercom: the site access a custom Intercom
// address needs, and what to tell the agent when saving or testing fails. The background's error
// words are written for a draft being sent ("your draft is kept"); here there is no draft, so each
// failure is said again for this page, without internal codes.
import { t } from '@/utils/i18n';
import type { WireError } from '@/utils/protocol';

// The `detail` utils/intercom/errors.ts gives a request with no answer; repeated here so this page
// does not load ofetch (the unit test checks they agree).
const NETWORK_FAILURE = 'network';

/** `https://host:port/path/` → `https://host:port/path`, or null when it is not an http(s) URL. */
export function baseUrl(input: string): string | null {
  try {
    const url = new URL(input.trim());
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    if (url.username || url.password || url.search || url.hash) return null;
    return (url.origin + url.pathname).replace(/\/+$/, '');
  } catch {
    return null;
  }
}

/**
 * The host permissions to ask for, one per host and without the port. A port in a match pattern is
 * not portable: Firefox answers `contains` false for `http://127.0.0.1:8080/*` even when the host is
 * granted, and its match patterns take no port at all. `scheme://host/*` covers every port of the
 * host and both browsers answer it correctly.
 */
export const originPatterns = (...urls: string[]) => [...new Set(urls.map((u) => `${new URL(u).protocol}//${new URL(u).hostname}/*`))];

export type CustomAddress = { apiBaseUrl: string; appBaseUrl: string; origins: string[] };

/** Both custom URLs cleaned up, with the access they need; null when either is not a usable URL. */
export function customAddress(api: string, app: string): CustomAddress | null {
  const [apiBaseUrl, appBaseUrl] = [baseUrl(api), baseUrl(app)];
  if (!apiBaseUrl || !appBaseUrl) return null;
  return { apiBaseUrl, appBaseUrl, origins: originPatterns(apiBaseUrl, appBaseUrl) };
}

/**
 * Asks for the custom address's sites. Call it first thing in the click handler, before any await:
 * Firefox shows the prompt only while the click is being handled. Both browsers answer true at once,
 * without a prompt, for sites already granted; a refused or failed request falls back to `contains`.
 */
export function requestAccess(
  permissions: { request(p: { origins: string[] }): Promise<boolean>; contains(p: { origins: string[] }): Promise<boolean> },
  origins: string[],
): Promise<boolean> {
  const fallback = () => permissions.contains({ origins }).catch(() => false);
  try {
    return permissions.request({ origins }).catch(fallback);
  } catch {
    return fallback();
  }
}

/** What went wrong while saving or testing, said for the options page (what happened, what to do). */
export function connectionProblem(error: WireError | null, where: { apiBaseUrl: string }): string {
  switch (error?.code) {
    case 'not_configured':
      return t('optionsProblem_not_configured');
    case 'token_rejected':
      return t('optionsProblem_token_rejected');
    case 'forbidden':
      return t('optionsProblem_forbidden');
    case 'recipient_not_found':
      return t('optionsProblem_not_intercom', where.apiBaseUrl);
    case 'rate_limited':
      return t('optionsProblem_rate_limited', new Date(error.retryAt ?? Date.now()).toLocaleTimeString());
    case 'timeout':
    case 'offline':
      return t('optionsProblem_unreachable', where.apiBaseUrl);
    case 'unreadable_answer':
      // Testing the connection asks GET /me: an answer it cannot read is not Intercom's API.
      return t('optionsProblem_not_intercom', where.apiBaseUrl);
    case 'intercom_unavailable':
      // No answer at all (a wrong address, no network) and a 5xx need different next steps.
      if (error.detail === NETWORK_FAILURE) return t('optionsProblem_unreachable', where.apiBaseUrl);
      return t('optionsProblem_intercom_unavailable');
    case 'bad_request':
      return t('optionsProblem_token_shape');
    default:
      return t('optionsProblem_unexpected');
  }
}
