// Each e2e file gets the built test extension in a fresh Chromium profile, a fresh Intercom
// simulator, and the demo console.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { startSimulator, type Simulator, type SimulatorOptions } from '../intercom-simulator/index.mjs';
import { startDemoConsole } from '../demo-console/server.mjs';
import { demoTeamRules } from '../demo-console/rules.mjs';

export { callFromPage } from './chromium.mjs';
import { connectThroughOptions, launchExtension, presetTeamRules } from './chromium.mjs';

export interface Harness {
  /** The demo support console, connected and with its team rule preset, when launched with `demo`. */
  demo: { url: string; close(): Promise<void> } | null;
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  sim: Simulator;
  /** Opens an extension page (e.g. `options.html`). */
  extensionPage(path: string): Promise<Page>;
  close(): Promise<void>;
}

/**
 * `replyWatch`: the reply watch's switch (Options → Sending), off unless a test asks for it: its
 * minute's search would otherwise land among the requests of any test that sent something and runs
 * across a minute. Turned off the way an agent does, with the setting; the build is the same.
 */
export async function launch(options: { sim?: SimulatorOptions; userDataDir?: string; demo?: boolean; locale?: string; replyWatch?: boolean } = {}): Promise<Harness> {
  const sim = await startSimulator({ port: 0, ...options.sim });
  const userDataDir = options.userDataDir ?? (await mkdtemp(join(tmpdir(), 'hailer-e2e-')));
  const { context, worker, extensionId } = await launchExtension({ userDataDir, locale: options.locale });
  await worker.evaluate(async (on) => {
    const { settings = {} } = await (globalThis as any).chrome.storage.local.get('settings');
    await (globalThis as any).chrome.storage.local.set({ settings: { ...settings, replyWatch: on } });
  }, options.replyWatch ?? false);
  const harness: Harness = {
    demo: null,
    context,
    worker,
    extensionId,
    sim,
    async extensionPage(path) {
      const page = await harness.context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      return page;
    },
    // A test may restart the browser on the same profile and put the new context here.
    async close() {
      await harness.context.close();
      await harness.demo?.close();
      await sim.close();
      if (!options.userDataDir) await rm(userDataDir, { recursive: true, force: true });
    },
  };
  if (options.demo) {
    // Connected through the options page, with the console's team rule as a team lead would preset it.
    harness.demo = await startDemoConsole({ port: 0 });
    await (await configureThroughOptions(harness)).close();
    await presetTeamRules(worker, demoTeamRules(harness.demo.url));
  }
  return harness;
}

export const configureThroughOptions = (h: Harness) => connectThroughOptions(h.context, h.extensionId, h.sim);

export const messagesPosted = (sim: Simulator) => sim.requests.filter((r) => r.method === 'POST' && r.path === '/messages');

/** A demo console customer's page with the panel opened from its launcher and the customer confirmed. */
export async function openCustomerPanel(h: Harness, path = '/customers/usr_1001', name = 'Jane Cooper'): Promise<Page> {
  const page = await h.context.newPage();
  await page.goto(`${h.demo!.url}${path}`);
  await page.getByRole('button', { name: `Message ${name}` }).click();
  await page.locator('.recipient[data-contact-id]').waitFor();
  return page;
}

/**
 * The text of every draft the extension's storage holds. The autosave is debounced and asynchronous:
 * a test polls this rather than sleeping, so a loaded machine cannot make it reload before the save.
 */
export const storedDraftBodies = (h: Harness): Promise<unknown[]> =>
  h.worker.evaluate(async () => {
    const all: Record<string, { body?: unknown }> = await (globalThis as any).chrome.storage.local.get(null);
    return Object.entries(all)
      .filter(([key]) => key.startsWith('draft:v1:'))
      .map(([, value]) => value?.body);
  });

/** Everything the page's alerts say, in one line, read without waiting (the panel re-renders while a send settles). */
export const alertText = async (page: Page) => (await page.getByRole('alert').allTextContents()).join(' ');
/** What the panel's message box holds. */
export const draftOf = (page: Page) => page.getByLabel('Message', { exact: true }).inputValue();
/** The link a sent message or reply leaves in the panel. */
export const sentLink = (page: Page) => page.getByRole('dialog').getByRole('link', { name: 'Open conversation' });
