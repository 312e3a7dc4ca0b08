// `npm run bench` rows for the side panel, the live thread and the request budget (called from
// scripts/bench.mjs, same table). The side panel's page is opened as a tab on the customer page's
// tab (`?tab=`, test build), as the e2e tests do; times are taken in the page (performance.now()
// from its navigation), requests counted at the simulator. The warm open is measured twice: in a
// browser with no debugger attached to the page, as an agent's (scripts/bench-undebugged.mjs; the
// row against the budget), and with Playwright attached, as the other rows are. The budget cases each watch one real
// minute (five of them), so these rows take about eight minutes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { connectThroughOptions, presetTeamRules } from '../test/e2e/chromium.mjs';
import { demoTeamRules } from '../test/demo-console/rules.mjs';
import { bareCdp, launchUndebugged } from './bench-undebugged.mjs';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(1)} ms`;
const mostFrequent = (xs) => [...new Set(xs)].sort((a, b) => xs.filter((x) => x === b).length - xs.filter((x) => x === a).length)[0] ?? 'none';
const MINUTE_MS = 60_000;
const OPEN = '1001';

/** The round trip the extension really sees: the median of 10 GET /me from an extension page. */
export async function measuredRtt(page, sim) {
  const rtts = [];
  for (let i = 0; i < 10; i++) {
    rtts.push(
      await page.evaluate(async ({ url, token }) => {
        const start = performance.now();
        await fetch(`${url}/me`, { headers: { Authorization: `Bearer ${token}`, 'Intercom-Version': '2.14', Accept: 'application/json' } });
        return performance.now() - start;
      }, { url: sim.url, token: sim.token }),
    );
  }
  return median(rtts);
}

/** Notes in the page when the thread first lists a part (and, given a text, when a part with it appears). */
export const watchThread = (text) => {
  const marks = (globalThis.__hailerThread = {});
  addEventListener('DOMContentLoaded', () => (marks.loaded = performance.now()));
  new MutationObserver(() => {
    const items = document.querySelectorAll('ol[aria-label="Conversation thread"] li');
    if (items.length) marks.shown ??= performance.now();
    if (text && [...items].some((li) => li.textContent.includes(text))) marks.part ??= performance.now();
  }).observe(document, { childList: true, subtree: true, characterData: true });
};

/** The customer page's tab (and its id) and a way to open the side panel on it (as a tab with `?tab=`), watched by `watchThread`. */
export async function customerTab({ context, worker, extensionId, demoUrl }) {
  const customer = await context.newPage();
  await customer.goto(`${demoUrl}/customers/usr_1001`);
  await customer.getByRole('button', { name: 'Message Jane Cooper' }).waitFor();
  const tabId = await worker.evaluate(async (url) => (await chrome.tabs.query({ url }))[0].id, customer.url());
  const openSidePanel = async (text) => {
    const side = await context.newPage();
    await side.addInitScript(watchThread, text);
    await side.goto(`chrome-extension://${extensionId}/sidepanel.html?tab=${tabId}`);
    await side.waitForFunction(() => globalThis.__hailerThread.shown);
    return side;
  };
  return { customer, tabId, openSidePanel };
}

const settingsOf = (worker) => async (patch) =>
  worker.evaluate(async (patch) => {
    const { settings = {} } = await chrome.storage.local.get('settings');
    await chrome.storage.local.set({ settings: { ...settings, ...patch } });
  }, patch);

/** The warm open's settings: the options' Default conversation on "latest open" (so the thread comes without a click). */
export const warmOpenSettings = (worker) => settingsOf(worker)({ defaultConversation: 'latest_open', replyWatch: true });

/** A warm open through Playwright's page: `watchThread`'s marks and the page's time origin, the page closed. */
export const playwrightOpen = (openSidePanel) => async () => {
  const side = await openSidePanel();
  const marks = await side.evaluate(() => ({ ...globalThis.__hailerThread, origin: performance.timeOrigin }));
  await side.close();
  return marks;
};

/**
 * Opened (the page's navigation start) → thread shown, after `warmOpenSettings`; warm: the first
 * open fills the caches (the confirmed contact, the contact's conversation list, the thread) and is
 * not counted. Beside it: how much of that is the page loading (navigation start → DOMContentLoaded,
 * before any of Hailer's calls), and which Intercom requests went out before the thread was shown.
 * `open()` opens the side panel once and answers `watchThread`'s marks with the page's time origin;
 * `how` says how it was opened, `budget` whether the row is the one held to the issue's bound.
 * Answers the medians.
 */
export async function warmOpenRows({ sim, rtt, row, how, budget = true }, open, opens = 10) {
  const toThread = [];
  const afterLoad = [];
  const pageLoad = [];
  const before = [];
  for (let i = 0; i <= opens; i++) {
    const from = sim.requests.length;
    const { shown, loaded, origin } = await open();
    // The requests Intercom had answered before the thread was on screen, the ones it could have waited
    // for (one clock: the page and the simulator are on the same machine).
    const shownAfter = sim.requests
      .slice(from)
      .filter((r) => r.answeredAt <= origin + shown)
      .map((r) => `${r.method} ${r.path.replace(/[0-9a-f]{24}|\d+/g, '{id}')}`);
    if (i > 0) toThread.push(shown), afterLoad.push(shown - loaded), pageLoad.push(loaded), before.push(shownAfter.join(', '));
  }
  row(`side panel opened → thread shown, warm (median of ${opens}, ${how})`, `${ms(median(toThread))} = ${(median(toThread) / rtt).toFixed(2)} × RTT`, budget ? `≤ 1 RTT + 50 ms = ${ms(rtt + 50)}` : 'beside the row above: what the debugger adds');
  row('  of which after the page loaded (DOMContentLoaded → thread shown)', `${ms(median(afterLoad))} = ${(median(afterLoad) / rtt).toFixed(2)} × RTT`, `the page load takes the rest`);
  row('  the page load (navigation start → DOMContentLoaded)', ms(median(pageLoad)), 'before any of Hailer’s calls');
  row(`  Intercom requests answered before the thread was shown (the most frequent of the ${opens} opens)`, mostFrequent(before) || 'none', 'none on the path: the thread read a moment ago is shown, and read again at once');
  return { toThread: median(toThread), afterLoad: median(afterLoad), pageLoad: median(pageLoad) };
}

/** How the undebugged rows open the side panel. */
export const UNDEBUGGED = 'no debugger on the page but one bare CDP session';

/**
 * A Chromium of its own with no debugger on the side panel's page (scripts/bench-undebugged.mjs),
 * set up through Playwright as the other rows are (options, team rules, the customer tab, the
 * settings), which then disconnects. Answers `open` (one warm open over bare CDP, for
 * `warmOpenRows`) and `close`. `extensionPath`: another build to measure.
 */
export async function undebuggedSidePanel({ sim, demoUrl, extensionPath }) {
  const userDataDir = mkdtempSync(join(tmpdir(), 'hailer-bench-undebugged-'));
  const browser = await launchUndebugged({ userDataDir, ...(extensionPath ? { extensionPath } : {}) });
  const close = async () => {
    await browser.close();
    rmSync(userDataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 }); // its helpers may still be writing as it exits
  };
  try {
    const playwright = await chromium.connectOverCDP(browser.endpoint);
    const context = playwright.contexts()[0];
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const extensionId = new URL(worker.url()).host;
    await (await connectThroughOptions(context, extensionId, sim)).close();
    await presetTeamRules(worker, demoTeamRules(demoUrl));
    const { tabId } = await customerTab({ context, worker, extensionId, demoUrl });
    await warmOpenSettings(worker);
    await playwright.close(); // disconnects: the browser, its tabs and the background's memory stay
    const pages = await bareCdp(browser.webSocketUrl);
    const url = `chrome-extension://${extensionId}/sidepanel.html?tab=${tabId}`;
    const marks = 'globalThis.__hailerThread?.shown ? { ...globalThis.__hailerThread, origin: performance.timeOrigin } : null';
    return {
      open: () => pages.open(url, `(${watchThread})()`, marks),
      close: async () => {
        pages.close();
        await close();
      },
    };
  } catch (error) {
    await close();
    throw error;
  }
}

export async function sidePanelRows({ context, worker, extensionId, sim, demoUrl, rtt, row }) {
  const settings = settingsOf(worker);
  // The browser of its own is set up first and measured second, so it is not measured while it starts.
  const undebugged = await undebuggedSidePanel({ sim, demoUrl });
  const { customer, openSidePanel } = await customerTab({ context, worker, extensionId, demoUrl });
  await warmOpenSettings(worker);
  try {
    const playwrightRows = [];
    await warmOpenRows({ sim, rtt, row: (...cells) => playwrightRows.push(cells), how: 'Playwright attached to the page', budget: false }, playwrightOpen(openSidePanel));
    await warmOpenRows({ sim, rtt, row, how: UNDEBUGGED }, undebugged.open);
    for (const cells of playwrightRows) row(...cells);
  } finally {
    await undebugged.close();
  }
  // The same thread after choosing it in the picker: the one round trip of conversation.get.
  const toChosen = [];
  for (let i = 0; i < 10; i++) {
    const side = await openSidePanel();
    const picker = side.getByLabel('Conversation', { exact: true });
    await picker.selectOption('');
    await side.getByRole('list', { name: 'Conversation thread' }).waitFor({ state: 'detached' });
    await side.evaluate(() => delete globalThis.__hailerThread.shown);
    const chosenAt = await side.evaluate(() => performance.now());
    await picker.selectOption(OPEN);
    await side.waitForFunction(() => globalThis.__hailerThread.shown);
    toChosen.push((await side.evaluate(() => globalThis.__hailerThread.shown)) - chosenAt);
    await side.close();
  }
  row('  conversation chosen → its thread shown (median of 10)', `${ms(median(toChosen))} = ${(median(toChosen) / rtt).toFixed(2)} × RTT`, '1 round trip');

  // 2. A customer part added while the thread is open → shown, under the default backoff: the part
  // arrives 0, 2, … 18 s after the thread was shown (where the backoff stands then varies).
  const toPart = [];
  for (let i = 0; i < 10; i++) {
    const text = `Bench customer part ${i} ${Date.now()}`;
    const side = await openSidePanel(text);
    await side.waitForTimeout(i * 2000);
    const addedAt = await side.evaluate(() => performance.now());
    sim.addCustomerPart(OPEN, `<p>${text}</p>`);
    await side.waitForFunction(() => globalThis.__hailerThread.part, null, { timeout: 90_000 });
    toPart.push((await side.evaluate(() => globalThis.__hailerThread.part)) - addedAt);
    await side.close();
  }
  row('customer part added → visible in the open thread (median of 10, default backoff)', `${(median(toPart) / 1000).toFixed(1)} s (max ${(Math.max(...toPart) / 1000).toFixed(1)} s)`, '≤ 10 s');

  // 3. Requests a minute, counted at the simulator. The reply watch has conversations to watch: the
  // replies the bench sent above are in the history.
  const perMinute = async () => {
    const before = sim.requests.length;
    await new Promise((resolve) => setTimeout(resolve, MINUTE_MS));
    return sim.requests.slice(before);
  };
  const listed = (requests) => `${requests.length} (${[...new Set(requests.map((r) => `${r.method} ${r.path.replace(/\d+/g, '{id}')}`))].join(', ') || 'none'})`;
  const side = await openSidePanel();
  row('requests a minute: one thread visible (side panel), the first minute after it was shown', listed(await perMinute()), '≤ 15');
  await side.close();
  await customer.close();
  // The reply watch in the minutes after a customer answered a watched conversation: a search finds
  // it, the next minute reads it (and notifies), so each minute holds one request at most.
  sim.addCustomerPart(OPEN, '<p>Bench: a customer answer for the reply watch</p>');
  for (const which of ['first', 'second', 'third']) {
    row(`requests a minute: no thread visible (reply watch only), the ${which} minute after a customer answered`, listed(await perMinute()), '≤ 1');
  }
  await settings({ replyWatch: false, defaultConversation: 'new' });
  row('requests a minute: neither (reply watch off, no thread visible)', listed(await perMinute()), '0');
}
