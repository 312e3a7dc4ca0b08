import type { Browser, ElementHandle, Page } from 'puppeteer-core';

export declare const firefoxExtensionDir: string;
export declare const firefoxPath: string;
export declare const GECKO_ID: string;
export declare const EXTENSION_UUID: string;
export declare function extensionUrl(path: string): string;
export declare function installIntoProfile(profileDir: string): Promise<void>;
export declare function launchFirefox(options: { profileDir: string; startPath?: string; headless?: boolean }): Promise<{ browser: Browser; page: Page }>;
export declare function openExtensionPage(browser: Browser, fromPage: Page, path: string): Promise<Page>;
export declare function clickContextMenu(extensionPage: Page, info: object, tabUrl: string): Promise<'panel' | 'window' | 'nothing'>;
export declare function connectThroughOptions(options: Page, sim: { token: string; apiBaseUrl: string; appBaseUrl: string }): Promise<void>;
export declare function fill(handle: ElementHandle, value: string): Promise<void>;
export declare function waitForText(page: Page, selector: string, text: string, timeoutMs?: number): Promise<void>;
export declare function presetTeamRules(extensionPage: Page, rules: unknown[]): Promise<void>;
export declare function getByRole(page: Page, role: string, name?: string, options?: { exact?: boolean; inside?: string; last?: boolean; timeoutMs?: number }): Promise<ElementHandle>;
export declare function countByRole(page: Page, role: string, name?: string, options?: { exact?: boolean }): Promise<number>;
export declare function addWorkspaceThroughOptions(
  options: Page,
  sim: { apiBaseUrl: string; appBaseUrl: string },
  workspace: { token: string; site?: string; connectedAs: string },
): Promise<void>;
