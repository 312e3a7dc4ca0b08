// `npm run demo`'s first run, as a new agent has it: the install opens the welcome page, the token
// is pasted and Connect finds the region. Two more simulators play the US and AU regions with other
// workspaces' tokens, so the demo token is accepted by the EU one only (test and demo builds read
// where each region is from storage.local `simulatedRegions`). With --headless, the light and dark
// screenshots README shows are written into docs/ (docsScreenshots).
import { join } from 'node:path';
import { startSimulator } from '../test/intercom-simulator/index.mjs';

const THEMES = ['light', 'dark'];

/** Starts the US and AU simulators and points the three hosted regions at them and at `eu`. */
export async function simulateRegions(worker, eu) {
  const others = await Promise.all([
    startSimulator({ port: 0, token: 'another-workspace-token-us01', app: { region: 'US', name: 'Someone else (US)' } }),
    startSimulator({ port: 0, token: 'another-workspace-token-au03', app: { region: 'AU', name: 'Someone else (AU)' } }),
  ]);
  const at = (sim) => ({ apiBaseUrl: sim.apiBaseUrl, appBaseUrl: sim.appBaseUrl });
  await worker.evaluate((value) => globalThis.chrome.storage.local.set({ simulatedRegions: value }), { us: at(others[0]), eu: at(eu), au: at(others[1]) });
  return { close: () => Promise.all(others.map((sim) => sim.close())) };
}

/** The welcome page the install opened: paste the token, one click on Connect. */
export async function connectThroughWelcome(context, token, { beforeConnect } = {}) {
  const isWelcome = (page) => page.url().endsWith('/welcome.html');
  const welcome = context.pages().find(isWelcome) ?? (await context.waitForEvent('page', { predicate: isWelcome, timeout: 10_000 }));
  await welcome.getByLabel('Access token').waitFor();
  await beforeConnect?.(welcome);
  await welcome.getByLabel('Access token').fill(token);
  await welcome.getByRole('button', { name: 'Connect' }).click();
  await welcome.getByRole('status').getByText(/^Connected to /).waitFor({ timeout: 15_000 });
  console.log(`  welcome page: ${await welcome.getByRole('status').innerText()}`);
  return welcome;
}

/** Light and dark screenshots of one surface into docs/<name>-<theme>.png. */
export async function shootThemes(page, docsDir, name, target = (p) => p) {
  for (const colorScheme of THEMES) {
    await page.emulateMedia({ colorScheme });
    const file = join(docsDir, `${name}-${colorScheme}.png`);
    await target(page).screenshot({ path: file, animations: 'disabled' });
    console.log(`  docs: ${file}`);
  }
  await page.emulateMedia({ colorScheme: null });
}

/** The options page, the popup on a customer's page and the panel there, in both themes. */
export async function docsScreenshots({ context, worker, extensionId, consoleUrl, docsDir }) {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByRole('button', { name: 'Test connection' }).waitFor();
  await shootThemes(options, docsDir, 'options', (p) => p.locator('main'));
  await options.close();

  const url = `${consoleUrl}/customers/usr_1002`;
  const page = await context.newPage();
  await page.goto(url);
  const tabId = await worker.evaluate(async (u) => (await globalThis.chrome.tabs.query({ url: u }))[0].id, url);
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
  await popup.locator('.recipient[data-contact-id]').waitFor({ timeout: 10_000 });
  await popup.getByRole('list', { name: 'People on this page' }).waitFor({ timeout: 10_000 });
  await shootThemes(popup, docsDir, 'popup', (p) => p.locator('main'));
  await popup.close();

  await page.bringToFront();
  await page.getByRole('button', { name: /^Message / }).click();
  await page.locator('.recipient[data-contact-id]').waitFor();
  await page.getByLabel('Message', { exact: true }).fill('Hi Marcus, your invoice is attached.');
  await shootThemes(page, docsDir, 'panel');
  await page.close();
}
