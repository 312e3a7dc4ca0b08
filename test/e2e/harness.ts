// Each e2e file gets the built test extension in a fresh Chromium profile, a fresh Intercom
// simulator, and the demo console.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { startSimulator, type Simulator, type SimulatorOptions } from '../intercom-simulator/index.mjs';
import { launchExtension } from './chromium.mjs';

export { callFromPage } from './chromium.mjs';
import { connectThroughOptions, presetTeamRules } from './chromium.mjs';

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
  const { context, worker, extensionId } = await launchExtension({ userDataDir });
  const harness: Harness = {
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
      await sim.close();
      if (!options.userDataDir) await rm(userDataDir, { recursive: true, force: true });
    },
  };
  return harness;
}

export const configureThroughOptions = (h: Harness) => connectThroughOptions(h.context, h.extensionId, h.sim);

export const messagesPosted = (sim: Simulator) => sim.requests.filter((r) => r.method === 'POST' && r.path === '/messages');

/** Stores the demo console's team rule (as a team lead's import would) and waits until the background registered it. */
export const presetDemoRules = (h: Harness, rules: unknown[]) => presetTeamRules(h.worker, rules);
