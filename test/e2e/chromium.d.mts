import type { BrowserContext, Page, Worker } from 'playwright-core';

export declare const extensionDir: string;
export declare const chromiumPath: string;
export declare function launchExtension(options: {
  userDataDir: string;
  headless?: boolean;
  viewport?: { width: number; height: number };
  /** The browser's UI language (e.g. `de`), which the extension's text follows. */
  locale?: string;
  /** Where the unpacked extension is (default: the test build). Its path decides the extension id. */
  extensionPath?: string;
  /** Playwright's reports of the worker's requests (default on; `context.setOffline` needs them, benches turn them off). */
  inspectWorkerNetwork?: boolean;
}): Promise<{ context: BrowserContext; worker: Worker; extensionId: string }>;
export declare function connectThroughOptions(
  context: BrowserContext,
  extensionId: string,
  sim: { token: string; apiBaseUrl: string; appBaseUrl: string },
): Promise<Page>;
export declare function callFromPage(page: Page, call: string, payload: unknown): Promise<unknown>;
export declare function presetTeamRules(worker: Worker, rules: unknown[]): Promise<void>;
export declare function waitForRuleRegistration(worker: Worker, timeoutMs?: number): Promise<void>;
