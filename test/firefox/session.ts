// One Firefox session for a test file: the simulator, the demo console with its team rules, and
// Firefox ESR with the test build, connected through Options. Both Firefox files start the same way;
// they differ only in how the simulator answers.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { startSimulator, type Simulator } from '../intercom-simulator/index.mjs';
import { startDemoConsole } from '../demo-console/server.mjs';
import { demoTeamRules } from '../demo-console/rules.mjs';
import { connectThroughOptions, fill, getByRole, launchFirefox, presetTeamRules } from '../e2e/firefox.mjs';

export interface FirefoxSession {
  sim: Simulator;
  demo: { url: string; close(): Promise<void> };
  browser: Browser;
  /** The options page, connected to the simulator; also where tests read extension storage. */
  options: Page;
  /** Quits Firefox and starts it again on the same profile, as an agent reopening the browser would. */
  relaunch(awayMs: number): Promise<void>;
  close(): Promise<void>;
}

export async function startFirefoxSession(simulator: { documentedAnswers?: boolean } = {}): Promise<FirefoxSession> {
  const [sim, demo] = await Promise.all([startSimulator({ port: 0, ...simulator }), startDemoConsole({ port: 0 })]);
  const profileDir = await mkdtemp(join(tmpdir(), 'hailer-firefox-'));
  const { browser, page: options } = await launchFirefox({ profileDir });
  await connectThroughOptions(options, sim);
  await presetTeamRules(options, demoTeamRules(demo.url));
  const session: FirefoxSession = {
    sim,
    demo,
    browser,
    options,
    async relaunch(awayMs) {
      await session.browser.close();
      await new Promise((r) => setTimeout(r, awayMs));
      ({ browser: session.browser, page: session.options } = await launchFirefox({ profileDir }));
    },
    async close() {
      await session.browser.close();
      await Promise.all([sim.close(), demo.close()]);
      await rm(profileDir, { recursive: true, force: true });
    },
  };
  return session;
}

/** A demo customer page with its panel open and its customer confirmed. */
export async function openCustomer(session: FirefoxSession, path: string, name: string): Promise<Page> {
  const page = await session.browser.newPage();
  await page.goto(`${session.demo.url}${path}`);
  await (await getByRole(page, 'button', `Message ${name}`)).click();
  await page.waitForSelector('hailer-compose >>> .recipient[data-contact-id]');
  return page;
}

export const write = async (page: Page, text: string) => fill(await getByRole(page, 'textbox', 'Message'), text);
