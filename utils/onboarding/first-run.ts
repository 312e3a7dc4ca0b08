// The first day: a fresh install opens the welcome page (entrypoints/welcome/) once, where the agent
// pastes the token and Hailer finds its region. An update or a browser start opens nothing.
import { browser } from 'wxt/browser';
import { z } from 'zod';
import { isBaseUrl, simulateRegions } from '../intercom/regions';

export const WELCOME_PAGE = '/welcome.html';

const WELCOMED = 'welcomed';

/**
 * Call at the background's start (synchronously, or the install event is missed). Chromium reports
 * an extension loaded from the command line as installed again at every start, so the page opens only
 * while storage says it has not been shown (an uninstall clears storage; a reinstall welcomes again).
 */
export function openWelcomeOnInstall(): void {
  browser.runtime.onInstalled.addListener(async ({ reason }) => {
    if (reason !== 'install' || (await browser.storage.local.get(WELCOMED))[WELCOMED]) return;
    await browser.storage.local.set({ [WELCOMED]: true });
    await browser.tabs.create({ url: browser.runtime.getURL(WELCOME_PAGE) });
  });
}

// Test and demo builds only: `storage.local.simulatedRegions` says where the Intercom simulator plays
// each hosted region (`{ us: { apiBaseUrl, appBaseUrl }, … }`), so the welcome page's region search
// runs end to end against it. The background calls this only under __HAILER_TEST_BUILD__.
const BaseUrl = z.string().refine(isBaseUrl);
const SimulatedRegions = z.partialRecord(z.enum(['us', 'eu', 'au']), z.object({ apiBaseUrl: BaseUrl, appBaseUrl: BaseUrl }));
const KEY = 'simulatedRegions';

export async function simulatedRegionsInTestBuilds(): Promise<void> {
  const apply = (value: unknown) => simulateRegions(SimulatedRegions.safeParse(value ?? {}).data ?? {});
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && KEY in changes) apply(changes[KEY]!.newValue);
  });
  apply((await browser.storage.local.get(KEY))[KEY]);
}
