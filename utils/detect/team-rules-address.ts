// The team rules address: a team lead hosts one export file (the format of "Export rules") at an
// https address, and every agent's Hailer fetches it (team-rules-refresh.ts). Its rules apply
// read-only, like the administrator's managed ones. The address is the agent's own (options) unless
// the managed policy sets `teamRulesUrl`. This file is what the other parts read: the address, the
// last good copy and why the last check failed. It imports no validation, so listRules can use it.
import { browser } from 'wxt/browser';
import { storage } from '@wxt-dev/storage';
import type { TeamRule } from './index';

export type AddressProblem =
  | { code: 'not_https' }
  | { code: 'no_access' }
  | { code: 'unreachable' }
  | { code: 'http_status'; status: number }
  | { code: 'too_large' }
  | { code: 'invalid'; details: string[] };

export interface AddressState {
  /** The address this copy came from; a copy of another address is never used. */
  url: string;
  /** The last good copy's rules, and what the server called that version. */
  rules: TeamRule[];
  etag: string | null;
  /** When the last good copy arrived (null: none yet), and when the address was last asked. */
  fetchedAt: number | null;
  checkedAt: number;
  /** Why the last check failed (the rules above are then the copy before it); null when it worked. */
  problem: AddressProblem | null;
}

/** The agent's own address, typed in the options page ("" for none). */
export const teamRulesAddressItem = storage.defineItem<string>('local:teamRulesAddress', { fallback: '' });
/** The last good copy and the last check's outcome; the content script reads its rules too (stored-rules.ts). */
export const teamRulesFromAddressItem = storage.defineItem<AddressState | null>('local:teamRulesFromAddress', { fallback: null });

/**
 * An https address with a host. Test builds also take plain http on the loopback host, where the
 * e2e tests serve the file (no certificate to be had there).
 */
export function allowedAddress(input: string): URL | null {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return null;
  }
  if (url.username || url.password || !url.hostname) return null;
  if (url.protocol === 'https:') return url;
  // One condition, so a release build (the flag false) drops it whole, loopback names included.
  if (__HAILER_TEST_BUILD__ && url.protocol === 'http:' && ['127.0.0.1', 'localhost'].includes(url.hostname)) return url;
  return null;
}

/** The host permission the background needs to read the address without CORS: its origin, any port. */
export const addressOrigin = (url: URL) => `${url.protocol}//${url.hostname}/*`;

/** The policy's address wins over the agent's; "" when neither is set. */
export async function currentAddress(): Promise<{ url: string; managed: boolean }> {
  const policy = await browser.storage.managed.get('teamRulesUrl').catch(() => ({}) as Record<string, unknown>);
  if (typeof policy.teamRulesUrl === 'string' && policy.teamRulesUrl.trim()) return { url: policy.teamRulesUrl.trim(), managed: true };
  return { url: (await teamRulesAddressItem.getValue()).trim(), managed: false };
}

/** The address's rules in use: the last good copy of the current address. */
export async function rulesFromAddress(): Promise<TeamRule[]> {
  const [{ url }, state] = await Promise.all([currentAddress(), teamRulesFromAddressItem.getValue()]);
  return url && state?.url === url ? state.rules : [];
}
