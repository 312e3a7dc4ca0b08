// Launches the built test extension in real Chromium (Debian's /usr/bin/chromium through
// playwright-core) with a fresh profile, next to a real Intercom simulator and the demo console.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { startSimulator, type Simulator, type SimulatorOptions } from '../intercom-simulator/index.mjs';

export const extensionDir = fileURLToPath(new URL('../../.output-test/chrome-mv3', import.meta.url));
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Harness {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  sim: Simulator;
  /** Opens an extension page (e.g. `options.html`). */
  extensionPage(path: string): Promise<Page>;
  close(): Promise<void>;
}

export async function launch(options: { sim?: SimulatorOptions; userDataDir?: string } = {}): Promise<Harness> {
  const sim = await startSimulator({ port: 0, ...options.sim });
  const userDataDir = options.userDataDir ?? (await mkdtemp(join(tmpdir(), 'hailer-e2e-')));
  const context = await launchChromium(userDataDir);
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    sim,
    async extensionPage(path) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      return page;
    },
    async close() {
      await context.close();
      await sim.close();
      if (!options.userDataDir) await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

export function launchChromium(userDataDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
    ],
  });
}

/** Points the extension at the simulator the way an agent would: through the options page. */
export async function configureThroughOptions(h: Harness, page?: Page): Promise<Page> {
  const options = page ?? (await h.extensionPage('options.html'));
  await options.getByLabel('Access token').fill(h.sim.token);
  await options.getByLabel('Region').selectOption({ label: 'Custom' });
  await options.getByLabel('API base URL').fill(h.sim.apiBaseUrl);
  await options.getByLabel('Inbox base URL').fill(h.sim.appBaseUrl);
  await options.getByRole('button', { name: 'Save' }).click();
  await options.getByRole('status').getByText('Saved.').waitFor();
  return options;
}

/** Calls the background from an extension page, as the popup and options do. */
export function callFromPage(page: Page, call: string, payload: unknown) {
  return page.evaluate(
    // Runs in the extension page, where `chrome` is the extension API.
    ([c, p]) => (globalThis as any).chrome.runtime.sendMessage({ hailer: 1, call: c, payload: p }),
    [call, payload] as const,
  );
}

export const messagesPosted = (sim: Simulator) => sim.requests.filter((r) => r.method === 'POST' && r.path === '/messages');
