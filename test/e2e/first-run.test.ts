// Issue 21's first day, from a fresh profile: the install opens the welcome page, the agent pastes
// the token and clicks Connect once, and Hailer finds the region that knows it. Three simulators
// play Intercom's US, EU and AU regions (test builds read where from storage.local
// `simulatedRegions`); only the EU one accepts the token. Then the first message goes out from a
// customer page, through the region that was found. The welcome page appears once.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { startSimulator, type Simulator } from '../intercom-simulator/index.mjs';
import { startDemoConsole, type DemoConsole } from '../demo-console/server.mjs';
import { demoTeamRules } from '../demo-console/rules.mjs';
import { launchExtension, presetTeamRules } from './chromium.mjs';

let regions: Record<'us' | 'eu' | 'au', Simulator>;
let demo: DemoConsole;
let userDataDir: string;
let browser: { context: BrowserContext; worker: Worker; extensionId: string };

const isWelcome = (page: Page) => page.url().endsWith('/welcome.html');

beforeAll(async () => {
  // Each region knows its own workspaces' tokens; the agent's token belongs to the EU workspace.
  regions = {
    us: await startSimulator({ port: 0, token: 'us-workspace-token-0001', app: { region: 'US', name: 'Someone else (US)' } }),
    eu: await startSimulator({ port: 0, app: { region: 'EU' } }),
    au: await startSimulator({ port: 0, token: 'au-workspace-token-0003', app: { region: 'AU', name: 'Someone else (AU)' } }),
  };
  demo = await startDemoConsole({ port: 0 });
  userDataDir = await mkdtemp(join(tmpdir(), 'hailer-first-run-'));
  browser = await launchExtension({ userDataDir });
  const simulated = Object.fromEntries(Object.entries(regions).map(([r, sim]) => [r, { apiBaseUrl: sim.apiBaseUrl, appBaseUrl: sim.appBaseUrl }]));
  await browser.worker.evaluate((value) => (globalThis as any).chrome.storage.local.set({ simulatedRegions: value }), simulated);
});
afterAll(async () => {
  await browser?.context.close();
  await Promise.all([...Object.values(regions ?? {}).map((sim) => sim.close()), demo?.close()]);
  if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
});

async function welcomePage(): Promise<Page> {
  const { context } = browser;
  return context.pages().find(isWelcome) ?? (await context.waitForEvent('page', { predicate: isWelcome, timeout: 10_000 }));
}

const meRequests = (sim: Simulator) => sim.requests.filter((r) => r.method === 'GET' && r.path === '/me');

describe('first run', () => {
  it('the install opens the welcome page; a token no region accepts is told so, with what to check', async () => {
    const welcome = await welcomePage();
    await welcome.getByLabel('Access token').fill('not-a-token-anyone-knows');
    await welcome.getByRole('button', { name: 'Connect' }).click();
    const alert = welcome.getByRole('alert');
    await alert.getByText('No Intercom region (United States, Europe, Australia) accepts this token').waitFor();
    await expect(alert.textContent()).resolves.toContain('copied all of it');
    // Every region was asked, and none of them said yes.
    for (const sim of Object.values(regions)) expect(meRequests(sim).map((r) => r.status)).toEqual([401]);
    const first = await browser.worker.evaluate(async () => (await (globalThis as any).chrome.storage.local.get('workspaces')).workspaces?.list[0]);
    expect(first?.idCode ?? null).toBeNull();
  });

  it('connects in one click: the EU region accepts the token, the others do not', async () => {
    for (const sim of Object.values(regions)) sim.requests.length = 0;
    const welcome = await welcomePage();
    await welcome.getByLabel('Access token').fill(regions.eu.token);
    await welcome.getByRole('button', { name: 'Connect' }).click();
    await welcome.getByRole('status').getByText('Connected to Acme (simulated) as Ada Admin', { exact: true }).waitFor();
    await welcome.getByText('Next: open a customer page').waitFor();
    await expect(welcome.getByLabel('Access token').inputValue()).resolves.toBe('');
    expect(meRequests(regions.us).map((r) => r.status)).toEqual([401]);
    expect(meRequests(regions.eu).map((r) => r.status)).toEqual([200]);
    expect(meRequests(regions.au).map((r) => r.status)).toEqual([401]);
    const stored = await browser.worker.evaluate(async () => (await (globalThis as any).chrome.storage.local.get('workspaces')).workspaces.list[0]);
    expect(stored).toMatchObject({ region: 'eu', idCode: 'acme42', admin: { id: '991001', name: 'Ada Admin' } });
    // The page never held on to the token: nothing in its storage or its URL.
    expect(welcome.url()).not.toContain(regions.eu.token);
  });

  it('the first message goes out through the region that was found', async () => {
    await presetTeamRules(browser.worker, demoTeamRules(demo.url));
    const page = await browser.context.newPage();
    await page.goto(`${demo.url}/customers/usr_1001`);
    await page.getByRole('button', { name: 'Message Jane Cooper' }).click();
    await page.getByText('jane@acme.test').first().waitFor();
    await page.getByLabel('Message', { exact: true }).fill('Hi Jane, welcome aboard.');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByRole('link', { name: 'Open conversation' }).waitFor();
    const posted = regions.eu.requests.filter((r) => r.method === 'POST' && r.path === '/messages');
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({ valid: true, body: { body: '<p>Hi Jane, welcome aboard.</p>' } });
    for (const other of [regions.us, regions.au]) expect(other.requests.filter((r) => r.path !== '/me')).toEqual([]);
    // The inbox link is the EU region's (the simulator's inbox page).
    await expect.poll(() => browser.context.pages().some((p) => p.url().startsWith(`${regions.eu.appBaseUrl}/a/inbox/acme42/`))).toBe(true);
    await page.close();
  });

  it('appears once: a browser restart on the same profile opens no welcome page', async () => {
    await browser.context.close();
    browser = await launchExtension({ userDataDir });
    // The background is up and has answered a call, so its start-up (where an install opens the page) is over.
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.getByRole('button', { name: 'Test connection' }).click();
    await options.getByRole('status').getByText('Connected to Acme (simulated) as Ada Admin.').waitFor();
    const tabs = await browser.worker.evaluate(async () => ((await (globalThis as any).chrome.tabs.query({})) as { url?: string }[]).map((t) => t.url ?? ''));
    expect(tabs.filter((url) => url.endsWith('/welcome.html'))).toEqual([]);
    expect(tabs.some((url) => url.endsWith('/options.html'))).toBe(true);
  });
});
