// Where a workspace's API and inbox live. Intercom hosts each workspace in one region; a `custom`
// pair points Hailer at a proxy or at the simulator. Free of zod so any context may import it.
import { HailerError } from '../errors';

export type Region = 'us' | 'eu' | 'au' | 'custom';
export type IntercomRegion = Exclude<Region, 'custom'>;

export interface Endpoints {
  apiBaseUrl: string;
  appBaseUrl: string;
}

const hosted: Record<IntercomRegion, Endpoints> = {
  us: { apiBaseUrl: 'https://api.intercom.io', appBaseUrl: 'https://app.intercom.com' },
  eu: { apiBaseUrl: 'https://api.eu.intercom.io', appBaseUrl: 'https://app.eu.intercom.com' },
  au: { apiBaseUrl: 'https://api.au.intercom.io', appBaseUrl: 'https://app.au.intercom.com' },
};

/** The hosted regions, in the order the welcome page asks them whether they know a token. */
export const INTERCOM_REGIONS: readonly IntercomRegion[] = ['us', 'eu', 'au'];

// Test and demo builds only (see utils/build-flags.d.ts): the Intercom simulator plays the hosted
// regions, so finding a token's region can be tested end to end. Release builds never set it.
let simulated: Partial<Record<IntercomRegion, Endpoints>> = {};
export function simulateRegions(endpoints: Partial<Record<IntercomRegion, Endpoints>>): void {
  if (__HAILER_TEST_BUILD__) simulated = endpoints;
}

/** An http(s) URL with nothing after its path and no trailing slash, so `${base}/path` is always right. */
export function isBaseUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (
    (url.protocol === 'https:' || url.protocol === 'http:') &&
    !url.username &&
    !url.password &&
    !url.search &&
    !url.hash &&
    !value.endsWith('/') &&
    // `new URL` quietly fixes odd input (spaces, backslashes); accept only what it keeps as written.
    url.href === value + (url.pathname === '/' ? '/' : '')
  );
}

export function endpointsFor(settings: { region: Region; apiBaseUrl?: string; appBaseUrl?: string }): Endpoints {
  if (settings.region !== 'custom') return simulated[settings.region] ?? hosted[settings.region];
  const { apiBaseUrl = '', appBaseUrl = '' } = settings;
  for (const [name, value] of [['apiBaseUrl', apiBaseUrl], ['appBaseUrl', appBaseUrl]] as const) {
    if (!isBaseUrl(value)) throw new HailerError('not_configured', { detail: `${name} must be an http(s) URL without a trailing slash` });
  }
  return { apiBaseUrl, appBaseUrl };
}

/** The inbox deep link of a conversation. */
export function conversationUrl(appBaseUrl: string, appIdCode: string, conversationId: string): string {
  return `${appBaseUrl}/a/inbox/${encodeURIComponent(appIdCode)}/inbox/conversation/${encodeURIComponent(conversationId)}`;
}

/** A contact's page: where to land when the conversation of a sent message cannot be found in time. */
export function contactUrl(appBaseUrl: string, appIdCode: string, contactId: string): string {
  return `${appBaseUrl}/a/apps/${encodeURIComponent(appIdCode)}/users/${encodeURIComponent(contactId)}`;
}

/** GET /me says `app.region` as `US`, `EU` or `AU`; anything else is not a region we know. */
export function regionFromApp(value: string | null | undefined): IntercomRegion | null {
  const region = value?.trim().toLowerCase();
  return region === 'us' || region === 'eu' || region === 'au' ? region : null;
}
