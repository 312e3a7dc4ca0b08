// Starting Chromium with the built extension, shared by the e2e tests, `npm run demo` and
// `npm run bench` (plain ESM so the scripts run on Node without a build step).
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const extensionDir = fileURLToPath(new URL('../../.output-test/chrome-mv3', import.meta.url));
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Chromium's flags for a profile with only our extension, kept off the network (also scripts/bench-undebugged.mjs's). */
export const extensionArgs = (extensionPath = extensionDir, locale) => [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  `--disable-extensions-except=${extensionPath}`,
  `--load-extension=${extensionPath}`,
  `--lang=${locale ?? 'en-US'}`,
];

/**
 * A fresh profile with only our extension, in Debian's Chromium; the flags keep it off the network.
 * `locale` (e.g. `de`) sets the browser's UI language, which extensions read their text in: on
 * Linux that takes LANGUAGE as well as --lang, and Debian's chromium-l10n package.
 * `inspectWorkerNetwork: false` for benches: the worker's requests as an agent's browser makes them.
 */
export async function launchExtension({ userDataDir, headless = true, viewport, locale, extensionPath = extensionDir, inspectWorkerNetwork = true } = {}) {
  // Playwright reports every request of the extension's service worker over the debugging protocol
  // (what `context.setOffline` needs for the worker). An agent's browser has no debugger attached, so
  // the benches turn it off (it costs a bulk send of a thousand about a tenth of its time here). Read
  // by Playwright whenever it attaches to a worker: one setting per process.
  if (inspectWorkerNetwork) delete process.env.PLAYWRIGHT_DISABLE_SERVICE_WORKER_NETWORK;
  else process.env.PLAYWRIGHT_DISABLE_SERVICE_WORKER_NETWORK = '1';
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless,
    ...(viewport ? { viewport } : {}),
    // English unless asked: the tests find controls by their English names, whatever the machine's locale.
    env: { ...process.env, LANGUAGE: locale ?? 'en_US' },
    args: extensionArgs(extensionPath, locale),
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return { context, worker, extensionId: new URL(worker.url()).host };
}

/** Points the extension at the simulator the way an agent would: through the options page. */
export async function connectThroughOptions(context, extensionId, sim) {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByLabel('Access token').fill(sim.token);
  await options.getByLabel('Region').selectOption({ label: 'Custom' });
  await options.getByLabel('API base URL').fill(sim.apiBaseUrl);
  await options.getByLabel('Inbox base URL').fill(sim.appBaseUrl);
  await options.getByRole('button', { name: 'Save' }).click();
  await options.getByRole('status').getByText('Saved.').waitFor();
  return options;
}

/** Calls the background from an extension page, as the popup and options do. */
export function callFromPage(page, call, payload) {
  // Runs in the extension page, where `chrome` is the extension API.
  return page.evaluate(([c, p]) => globalThis.chrome.runtime.sendMessage({ hailer: 1, call: c, payload: p }), [call, payload]);
}

/** Stores team rules as a team lead's import would, and waits until the background registered the content script for them. */
export async function presetTeamRules(worker, rules) {
  await worker.evaluate((r) => globalThis.chrome.storage.local.set({ teamRules: r }), rules);
  await waitForRuleRegistration(worker);
}

/** Waits until the background has registered the content script for the stored team rules. */
export async function waitForRuleRegistration(worker, timeoutMs = 10_000) {
  const registered = () => worker.evaluate(async () => (await globalThis.chrome.scripting.getRegisteredContentScripts()).length > 0);
  const end = Date.now() + timeoutMs;
  while (!(await registered())) {
    if (Date.now() > end) throw new Error('the background did not register the content script for the team rules');
    await new Promise((r) => setTimeout(r, 50));
  }
}
