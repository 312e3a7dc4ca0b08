// The flows added after Firefox first ran (issue 18), in Debian's Firefox ESR over WebDriver BiDi,
// against the simulator answering as Intercom documents (numeric part ids, bot and team parts):
// reply with a follow-up, an internal note through the collision check and "Send anyway", People on
// this page, Teach Hailer this page up to Save rule, and switching workspaces in the panel.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'puppeteer-core';
import { startSimulator, type Simulator } from '../intercom-simulator/index.mjs';
import { openCustomer as openCustomerIn, startFirefoxSession, write, type FirefoxSession } from './session.js';
import { addWorkspaceThroughOptions, getByRole, openExtensionPage, waitForText } from '../e2e/firefox.mjs';

const OPEN = '1001';
const MARCUS = '6650a1b2c3d4e5f601000002';

let sim: Simulator;
let demo: { url: string; close(): Promise<void> };
let session: FirefoxSession;
let browser: Browser;
let options: Page;

beforeAll(async () => {
  session = await startFirefoxSession({ documentedAnswers: true });
  ({ sim, demo, browser, options } = session);
});
afterAll(() => session?.close());
beforeEach(() => {
  sim.requests.length = 0;
  sim.clearFaults();
});

const posted = (s = sim) => s.requests.filter((r) => r.method === 'POST' && r.path === '/messages');
const partsWith = (text: string) => sim.state.conversations.find((c) => c.id === OPEN)!.conversation_parts.conversation_parts.filter((p) => p.body?.includes(text));

const openCustomer = (path: string, name: string) => openCustomerIn(session, path, name);

/** Jane's panel on her open conversation, its thread read. */
async function openConversation(): Promise<Page> {
  const page = await openCustomer('/customers/usr_1001', 'Jane Cooper');
  const picker = await getByRole(page, 'combobox', 'Conversation');
  await page.waitForFunction((el) => (el as HTMLSelectElement).options.length > 1, { polling: 100, timeout: 15_000 }, picker);
  await picker.select(OPEN);
  await page.waitForSelector('hailer-compose >>> ol[aria-label="Conversation thread"] li');
  return page;
}

/** The tab of a page opened at `url`, as the popup's `?tab=` takes it. */
async function tabOf(url: string): Promise<number> {
  return options.evaluate(async (u) => (await (globalThis as any).browser.tabs.query({})).find((t: { url: string }) => t.url === u).id, url);
}

describe('Firefox: replies, notes and follow-ups on documented answers', () => {
  it('replies, then "Assign to me"', async () => {
    const page = await openConversation();
    const text = `Firefox reply ${Date.now()}`;
    await write(page, text);
    await (await getByRole(page, 'combobox', 'Follow-up')).select('assign_me');
    await (await getByRole(page, 'button', 'Send')).click();
    await getByRole(page, 'link', 'Open conversation', { inside: 'dialog' });
    expect(partsWith(text).map((p) => p.part_type)).toEqual(['comment']);
    expect(sim.state.conversations.find((c) => c.id === OPEN)).toMatchObject({ admin_assignee_id: 991001 });
    await page.close();
  });

  it('an internal note the customer overtook: the collision check stops it, "Send anyway" adds exactly one, then it closes', async () => {
    const page = await openConversation();
    const text = `Firefox note ${Date.now()}`;
    await (await getByRole(page, 'checkbox', 'Internal note')).click();
    await write(page, text);
    await (await getByRole(page, 'combobox', 'Follow-up')).select('close');
    sim.addCustomerPart(OPEN, '<p>Never mind, found it</p>');
    await (await getByRole(page, 'button', 'Send')).click();
    await waitForText(page, '[role="alert"]', 'New in this conversation since you opened it. Nothing was sent');
    expect(partsWith(text)).toHaveLength(0);
    await (await getByRole(page, 'button', 'Send anyway')).click();
    await getByRole(page, 'link', 'Open conversation', { inside: 'dialog' });
    expect(partsWith(text).map((p) => p.part_type)).toEqual(['note']);
    expect(sim.state.conversations.find((c) => c.id === OPEN)).toMatchObject({ state: 'closed' });
    await page.close();
  });
});

describe('Firefox: pages nobody prepared', () => {
  // localhost: the console's preset rule names 127.0.0.1, so no content script runs on the helpdesk.
  const desk = () => `${demo.url.replace('127.0.0.1', 'localhost')}/desk/tickets`;

  it('People on this page: looked up with Intercom names, and one sends', async () => {
    const page = await browser.newPage();
    await page.goto(`${desk()}/5001`);
    const popup = await openExtensionPage(browser, options, `popup.html?tab=${await tabOf(`${desk()}/5001`)}`);
    await (await getByRole(popup, 'button', 'Marcus Lee', { exact: false })).click();
    await popup.waitForSelector('.recipient[data-contact-id]');
    await write(popup, 'Firefox: your refund is on its way.');
    await (await getByRole(popup, 'button', 'Send')).click();
    await getByRole(popup, 'link', 'Open conversation', { inside: 'dialog' });
    expect(posted().map((r) => r.body)).toMatchObject([{ to: { id: MARCUS }, body: '<p>Firefox: your refund is on its way.</p>' }]);
    await Promise.all([popup.close(), page.close()]);
  });

  it('Teach Hailer this page by keyboard: pick the requester, Enter on Save rule; the panel appears without a reload', async () => {
    const url = `${desk()}/5002`;
    const page = await browser.newPage();
    await page.goto(url);
    await page.evaluate(() => ((globalThis as any).__notReloaded = true));
    const popup = await openExtensionPage(browser, options, `popup.html?tab=${await tabOf(url)}`);
    await (await getByRole(popup, 'button', 'Teach Hailer this page')).click();
    await page.waitForSelector('hailer-picker >>> [role="status"]', { timeout: 15_000 });
    if (!popup.isClosed()) await popup.close();
    // The popup tab is gone: the page's tab must be the active one for the teach frame to take the focus.
    await page.bringToFront();
    await page.click('.requester-email');
    const frame = (await (await page.waitForSelector('hailer-picker >>> iframe', { timeout: 15_000 }))!.contentFrame())!;
    await waitForText(frame as unknown as Page, '[role="status"]', 'Found priya@initech.test');
    // The frame takes the focus on "Save rule". (A BiDi mouse click on it, inside the picker's shadow
    // root, lands beside it; the keyboard is what an agent without a mouse uses anyway.)
    await frame.waitForFunction(() => document.activeElement?.textContent === 'Save rule' && document.hasFocus(), { polling: 100, timeout: 10_000 });
    await page.keyboard.press('Enter');
    await page.waitForSelector('hailer-compose >>> .recipient', { timeout: 15_000 });
    await waitForText(page, '.recipient', 'priya@initech.test');
    expect(await page.evaluate(() => (globalThis as any).__notReloaded)).toBe(true);
    const rules = (await options.evaluate(async () => (await (globalThis as any).browser.storage.local.get('teamRules')).teamRules)) as { matches: string; source: unknown }[];
    expect(rules.at(-1)).toMatchObject({ matches: 'http://localhost/*', source: { from: 'selector', selector: 'p.requester-email' } });
    await page.close();
  });
});

describe('Firefox: switching workspaces in the panel', () => {
  const TOKEN_B = 'brand-b-simulated-token-ffcc';
  let simB: Simulator;
  beforeAll(async () => {
    simB = await startSimulator({ port: 0, token: TOKEN_B, app: { id_code: 'brandb7', name: 'Brand B (simulated)', region: 'Europe' } });
  });
  afterAll(async () => {
    await simB?.close();
  });

  it('re-resolves the customer in the chosen workspace, says so, and sends through its token only', async () => {
    await addWorkspaceThroughOptions(options, simB, { token: TOKEN_B, connectedAs: 'Brand B (simulated) as Ada Admin.' });
    const page = await openCustomer('/customers/usr_1002', 'Marcus Lee');
    const select = await getByRole(page, 'combobox', 'Workspace');
    const brandB = await select.evaluate((el) => [...(el as HTMLSelectElement).options].find((o) => o.text === 'Brand B (simulated)')!.value);
    await select.select(brandB);
    await waitForText(page, 'p.hint', 'Now sending through Brand B (simulated): the customer was looked up again there.');
    expect(simB.requests.filter((r) => r.path === '/contacts/search')).toHaveLength(1);
    await page.waitForSelector('hailer-compose >>> .recipient[data-contact-id]');
    await write(page, 'Firefox, switched to Brand B.');
    await (await getByRole(page, 'button', 'Send')).click();
    await getByRole(page, 'link', 'Open conversation', { inside: 'dialog' });
    expect(posted(simB)).toHaveLength(1);
    expect(posted(simB)[0]).toMatchObject({ valid: true, tokenEnd: 'ffcc', body: { body: '<p>Firefox, switched to Brand B.</p>' } });
    expect(posted()).toHaveLength(0);
    await page.close();
  });
});
