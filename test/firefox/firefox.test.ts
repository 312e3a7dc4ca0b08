// Hailer in Firefox ESR (issue 11): the Firefox test build in Debian's Firefox, driven over WebDriver
// BiDi, against the simulator and the demo console. One browser for the file; each test leaves the
// settings as it found them. What Firefox does differently is said where it matters.
import { createServer } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'puppeteer-core';
import { startSimulator, type Simulator } from '../intercom-simulator/index.mjs';
import { startDemoConsole } from '../demo-console/server.mjs';
import { openCustomer as openCustomerIn, startFirefoxSession, write, type FirefoxSession } from './session.js';
import { addWorkspaceThroughOptions, clickContextMenu, connectThroughOptions, countByRole, fill, getByRole, openExtensionPage, waitForText } from '../e2e/firefox.mjs';

const JANE = '6650a1b2c3d4e5f601000001';
const MARCUS = '6650a1b2c3d4e5f601000002';

let sim: Simulator;
let demo: { url: string; close(): Promise<void> };
let session: FirefoxSession;
let browser: Browser;
let options: Page;

beforeAll(async () => {
  session = await startFirefoxSession({});
  ({ sim, demo, browser, options } = session);
});
afterAll(() => session?.close());
beforeEach(() => {
  sim.requests.length = 0;
  sim.clearFaults();
});

const posted = () => sim.requests.filter((r) => r.method === 'POST' && r.path === '/messages');
const stored = (key: string) => options.evaluate(async (k) => (await (globalThis as any).browser.storage.local.get(k))[k], key);
const alertText = (page: Page) =>
  page.evaluate(() => {
    const all = (root: Document | ShadowRoot): Element[] => [...root.querySelectorAll('*')].flatMap((el) => [el, ...(el.shadowRoot ? all(el.shadowRoot) : [])]);
    return all(document).filter((el) => el.getAttribute('role') === 'alert').map((el) => el.textContent).join(' ').trim();
  });
const save = async () => (await getByRole(options, 'button', 'Save')).click();

const openCustomer = (path: string, name: string) => openCustomerIn(session, path, name);

describe('Firefox: options', () => {
  it('saves every region and a custom address; the custom host is asked for without its port', async () => {
    for (const region of ['eu', 'au', 'us']) {
      await (await getByRole(options, 'combobox', 'Region')).select(region);
      await save();
      await options.waitForFunction(
        async (r) => ((await (globalThis as any).browser.storage.local.get('settings')).settings?.region === r),
        { polling: 100, timeout: 10_000 },
        region,
      );
    }
    await connectThroughOptions(options, sim);
    expect(await stored('settings')).toMatchObject({ region: 'custom', apiBaseUrl: sim.apiBaseUrl, appBaseUrl: sim.appBaseUrl });
    // Why the pattern has no port: Firefox answers false for the same host with its port.
    const port = new URL(sim.apiBaseUrl).port;
    const answers = await options.evaluate(
      async (p) => {
        const permissions = (globalThis as any).browser.permissions;
        return [await permissions.contains({ origins: ['http://127.0.0.1/*'] }), await permissions.contains({ origins: [`http://127.0.0.1:${p}/*`] })];
      },
      port,
    );
    expect(answers).toEqual([true, false]);
    await (await getByRole(options, 'button', 'Test connection')).click();
    await waitForText(options, '[role="status"]', 'Connected to Acme (simulated) as Ada Admin.');
  });

  it('a failed Test connection is an alert in words for this page, and the page stays usable', async () => {
    const server = createServer().listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const dead = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    await new Promise((r) => server.close(r));
    await fill(await getByRole(options, 'textbox', 'API base URL'), dead);
    await save();
    await waitForText(options, '[role="status"]', 'Saved.');
    await (await getByRole(options, 'button', 'Test connection')).click();
    await waitForText(options, '[role="alert"]', `Hailer could not reach Intercom at ${dead}.`);
    expect(await alertText(options)).not.toMatch(/\bnetwork\b(?! connection)|draft|send/i);
    expect(await options.$eval('form', (f: Element) => f.getAttribute('aria-busy'))).toBe('false');
    // Back to the simulator: Save works again at once.
    await fill(await getByRole(options, 'textbox', 'API base URL'), sim.apiBaseUrl);
    await save();
    await options.waitForFunction(
      async (url) => (await (globalThis as any).browser.storage.local.get('settings')).settings?.apiBaseUrl === url,
      { polling: 100, timeout: 10_000 },
      sim.apiBaseUrl,
    );
    expect(await alertText(options)).toBe('');
  });

  it('the token stays in the background: not in storage a content script can read, not in any page', async () => {
    const everything = await options.evaluate(async () => JSON.stringify(await (globalThis as any).browser.storage.local.get(null)));
    expect(everything).not.toContain(sim.token);
    const page = await openCustomer('/customers/usr_1001', 'Jane Cooper');
    const pageText = await page.evaluate(() => document.documentElement.outerHTML + document.querySelector('hailer-compose')!.shadowRoot!.innerHTML);
    expect(pageText).not.toContain(sim.token);
    // The page's own script cannot reach the background at all in Firefox (no externally_connectable).
    expect(await page.evaluate(() => typeof (globalThis as any).browser?.runtime?.sendMessage)).toBe('undefined');
    await page.close();
  });
});

describe('Firefox: the panel on the demo console', () => {
  it('sends in-app once and opens the conversation (deep link)', async () => {
    const page = await openCustomer('/customers/usr_1001', 'Jane Cooper');
    await write(page, 'Hi Jane, from Firefox.');
    await (await getByRole(page, 'button', 'Send')).click();
    await getByRole(page, 'link', 'Open conversation', { inside: 'dialog' });
    expect(posted()).toHaveLength(1);
    expect(posted()[0]).toMatchObject({ valid: true, body: { message_type: 'in_app', to: { id: JANE }, body: '<p>Hi Jane, from Firefox.</p>' } });
    const conversationId = String(sim.state.conversations.at(-1)!.id);
    await expect.poll(() => sim.inboxViews.includes(conversationId), { timeout: 10_000 }).toBe(true);
    await page.close();
  });

  it('sends an email once', async () => {
    const page = await openCustomer('/customers/usr_1002', 'Marcus Lee');
    await (await getByRole(page, 'radio', 'Email')).click();
    await fill(await getByRole(page, 'textbox', 'Subject'), 'Your invoice');
    await write(page, 'It is attached.');
    await (await getByRole(page, 'button', 'Send')).click();
    await getByRole(page, 'link', 'Open conversation', { inside: 'dialog' });
    expect(posted()).toHaveLength(1);
    expect(posted()[0]).toMatchObject({ valid: true, body: { message_type: 'email', subject: 'Your invoice', to: { id: MARCUS } } });
    await page.close();
  });

  it('a 503 on send: the agent is told it may have been sent, the draft is kept, nothing is sent twice', async () => {
    sim.injectFault({ method: 'POST', path: '/messages', status: 503 });
    const page = await openCustomer('/customers/usr_1003', 'Priya Shah');
    const text = `Firefox fault ${Date.now()}`;
    await write(page, text);
    await (await getByRole(page, 'button', 'Send')).click();
    await waitForText(page, '[role="alert"]', 'The message may have been sent');
    expect(await (await getByRole(page, 'textbox', 'Message')).evaluate((el) => (el as HTMLTextAreaElement).value)).toBe(text);
    expect(sim.state.messages.filter((m) => m.body.includes(text))).toHaveLength(0);
    expect(posted()).toHaveLength(1);
    await page.close();
  });
});

describe('Firefox: popup and context menu', () => {
  it('popup quick-send to a typed email, once', async () => {
    const popup = await openExtensionPage(browser, options, 'popup.html');
    await fill(await getByRole(popup, 'textbox', 'Recipient (email, user id or Intercom id)'), 'jane@acme.test');
    await (await getByRole(popup, 'button', 'Look up')).click();
    await popup.waitForSelector('.recipient[data-contact-id]');
    await write(popup, 'Quick one from the Firefox popup.');
    await (await getByRole(popup, 'button', 'Send')).click();
    await getByRole(popup, 'link', 'Open conversation', { inside: 'dialog' });
    expect(posted().map((r) => r.body)).toMatchObject([{ to: { id: JANE }, body: '<p>Quick one from the Firefox popup.</p>' }]);
    await popup.close();
  });

  it('"Message this user" on a selected email opens the panel in the page', async () => {
    const page = await browser.newPage();
    await page.goto(`${demo.url}/customers/usr_1001`);
    await getByRole(page, 'button', 'Message Jane Cooper');
    await expect(clickContextMenu(options, { menuItemId: 'hailer-selection', selectionText: 'ask marcus@globex.test' }, `${demo.url}/customers/usr_1001`)).resolves.toBe('panel');
    await waitForText(page, '.recipient', 'marcus@globex.test');
    expect(await countByRole(page, 'textbox', 'Message')).toBe(1);
    await page.close();
  });
});

describe('Firefox: Send later', () => {
  it('from the Send button\'s menu; the popup lists it under Scheduled, and Cancel sends nothing', async () => {
    const page = await openCustomer('/customers/usr_1002', 'Marcus Lee');
    await write(page, 'Firefox: answer at their morning.');
    await (await getByRole(page, 'button', 'Send later')).click();
    await (await getByRole(page, 'menuitem', 'Tomorrow 9:00')).click();
    await waitForText(page, '[role="status"]', 'Scheduled for ');
    const popup = await openExtensionPage(browser, options, 'popup.html');
    await waitForText(popup, 'li', 'Firefox: answer at their morning.');
    expect(await countByRole(popup, 'button', 'Send now')).toBe(1);
    await (await getByRole(popup, 'button', 'Cancel')).click();
    await waitForText(popup, 'li', 'Nothing is waiting to be sent.');
    expect(posted()).toHaveLength(0);
    await Promise.all([page.close(), popup.close()]);
  });
});

describe('Firefox: the sidebar', () => {
  // Opened as a tab on the customer page's tab (`?tab=`, test builds), as headless Firefox shows no sidebar.
  it('renders the chosen conversation\'s thread and sends a reply from it', async () => {
    const page = await browser.newPage();
    await page.goto(`${demo.url}/customers/usr_1001`);
    await getByRole(page, 'button', 'Message Jane Cooper');
    // By its whole URL: Firefox's match patterns (tabs.query's `url`) have no port.
    const tabId = await options.evaluate(async (url) => (await (globalThis as any).browser.tabs.query({})).find((tab: { url?: string }) => tab.url === url).id, page.url());
    const side = await openExtensionPage(browser, options, `sidepanel.html?tab=${tabId}`);
    await side.waitForFunction(() => document.querySelectorAll('#hailer-conversation option').length > 1, { polling: 100, timeout: 15_000 });
    await (await getByRole(side, 'combobox', 'Conversation')).select('1001');
    await getByRole(side, 'list', 'Conversation thread');
    await waitForText(side, 'ol li', 'Hi, the CSV export fails on large reports.');
    await write(side, 'Firefox: a reply from the sidebar.');
    await (await getByRole(side, 'button', 'Send')).click();
    await waitForText(side, 'a', 'Open conversation');
    const parts = sim.state.conversations.find((c) => c.id === '1001')!.conversation_parts.conversation_parts;
    expect(parts.filter((p) => p.body === '<p>Firefox: a reply from the sidebar.</p>')).toHaveLength(1);
    await waitForText(side, 'ol li', 'Firefox: a reply from the sidebar.');
    await side.close();
    await page.close();
  });
});

describe('Firefox: two workspaces', () => {
  const TOKEN_B = 'brand-b-simulated-token-ffbb';
  let simB: Simulator;
  let consoleB: { url: string; close(): Promise<void> };
  beforeAll(async () => {
    [simB, consoleB] = await Promise.all([
      startSimulator({ port: 0, token: TOKEN_B, app: { id_code: 'brandb7', name: 'Brand B (simulated)', region: 'Europe' } }),
      startDemoConsole({ port: 0 }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([simB?.close(), consoleB?.close()]);
  });

  it('a workspace added in options gets its own token; its site\'s pages send through it and nothing else does; removing it deletes the token', async () => {
    await addWorkspaceThroughOptions(options, simB, { token: TOKEN_B, site: new URL(consoleB.url).origin, connectedAs: 'Brand B (simulated) as Ada Admin.' });

    const page = await browser.newPage();
    await page.goto(`${consoleB.url}/customers/usr_1001`);
    await (await getByRole(page, 'button', 'Message Jane Cooper')).click();
    await waitForText(page, '.workspace-badge', 'Brand B (simulated)');
    await page.waitForSelector('hailer-compose >>> .recipient[data-contact-id]');
    await write(page, 'Hello from Brand B, in Firefox.');
    await (await getByRole(page, 'button', 'Send')).click();
    const link = await getByRole(page, 'link', 'Open conversation', { inside: 'dialog' });
    expect(await link.evaluate((a) => a.getAttribute('href'))).toContain(`${simB.appBaseUrl}/a/inbox/brandb7/`);
    const postedB = simB.requests.filter((r) => r.method === 'POST' && r.path === '/messages');
    expect(postedB).toHaveLength(1);
    expect(postedB[0]).toMatchObject({ valid: true, tokenEnd: 'ffbb', body: { body: '<p>Hello from Brand B, in Firefox.</p>' } });
    expect(posted()).toHaveLength(0);
    await page.close();

    // Remove it with the call the options button makes (the button's confirm() stalls a BiDi click
    // for seconds; Chromium's e2e clicks it), and its token goes with it.
    const workspaceB = ((await stored('workspaces')) as { list: { id: string; idCode: string }[] }).list.find((w) => w.idCode === 'brandb7')!.id;
    const removed = await options.evaluate(
      (workspaceId) => (globalThis as any).browser.runtime.sendMessage({ hailer: 1, call: 'workspace.remove', payload: { workspaceId } }),
      workspaceB,
    );
    expect(removed).toMatchObject({ ok: true, data: { removed: true } });
    expect(((await stored('workspaces')) as { list: unknown[] }).list).toHaveLength(1);
    const tokenOfB = await options.evaluate(
      (workspaceId) => (globalThis as any).browser.runtime.sendMessage({ hailer: 1, call: 'token.status', payload: {}, workspaceId }),
      workspaceB,
    );
    expect(tokenOfB).toMatchObject({ ok: false, error: { code: 'workspace_unknown' } });
    // Nothing of it is left but the sent history, the agent's record of what went out.
    const { history, ...rest } = await options.evaluate(async () => (globalThis as any).browser.storage.local.get(null));
    expect(JSON.stringify(rest)).not.toContain('brandb7');
    expect(JSON.stringify(history)).toContain('/a/inbox/brandb7/');
  });
});

describe('Firefox: sends that survive closing the browser (same profile, relaunched past their time)', () => {
  const created = (text: string) => sim.state.messages.filter((m) => m.body.includes(text)).length;
  const queued = async () => Object.values((await stored('sendQueue')) ?? {});
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  async function restart(awayMs: number) {
    await session.relaunch(awayMs);
    ({ browser, options } = session);
  }

  it('a scheduled send goes out exactly once after the restart', async () => {
    const reply = await options.evaluate(
      (payload) => (globalThis as any).browser.runtime.sendMessage({ hailer: 1, call: 'message.schedule', payload }),
      { draftId: `ff-queue-${Date.now()}`, recipient: { kind: 'contact_id', value: JANE }, draft: { channel: 'in_app', body: 'Firefox: scheduled across a restart.' }, sendAt: Date.now() + 2_000 },
    );
    expect(reply).toMatchObject({ ok: true });
    await restart(2_500);
    await expect.poll(() => created('Firefox: scheduled across a restart.'), { timeout: 15_000 }).toBe(1);
    await sleep(1_000);
    expect(created('Firefox: scheduled across a restart.')).toBe(1);
    expect(await queued()).toEqual([]);
  });

  it('a send cut off in its undo window goes out exactly once after the restart', async () => {
    await fill(await getByRole(options, 'spinbutton', 'Undo window (seconds)'), '3');
    await save();
    await waitForText(options, '[role="status"]', 'Saved.');
    const page = await openCustomer('/customers/usr_1001', 'Jane Cooper');
    await write(page, 'Firefox: sent in the undo window, then the browser quit.');
    await (await getByRole(page, 'button', 'Send')).click();
    await waitForText(page, '[role="status"]', 'Sending in 3 s');
    await expect.poll(async () => (await queued()).length).toBe(1);
    await restart(3_500);
    await expect.poll(() => created('then the browser quit'), { timeout: 15_000 }).toBe(1);
    await sleep(1_000);
    expect(created('then the browser quit')).toBe(1);
    expect(await queued()).toEqual([]);
    await fill(await getByRole(options, 'spinbutton', 'Undo window (seconds)'), '0');
    await save();
    await waitForText(options, '[role="status"]', 'Saved.');
  });
});

describe('Firefox: bulk send', () => {
  it('selects 20 of the demo list page’s affected customers in the popup and sends to each once', async () => {
    sim.setOptions({ affectedCustomers: 200 });
    const list = `${demo.url}/incidents/billing-run`;
    const page = await browser.newPage();
    await page.goto(list);
    // Firefox's match patterns have no port: the tab is found by its URL among all.
    const tabId = await options.evaluate(async (url) => (await (globalThis as any).browser.tabs.query({})).find((t: { url?: string }) => t.url === url).id, list);
    const popup = await openExtensionPage(browser, options, `popup.html?tab=${tabId}`);
    // The list page has 200: the first 20 in the list (#1 to #20, in the page's order) are ticked.
    await getByRole(popup, 'checkbox', 'Select Olivia Garcia');
    const boxes = await popup.$$('section.people ul input[type="checkbox"]');
    expect(boxes).toHaveLength(200);
    for (const box of boxes.slice(0, 20)) await box.click();
    await (await getByRole(popup, 'button', 'Message selected')).click();
    let bulk: Page | undefined;
    for (let i = 0; i < 150 && !bulk; i++) {
      // BiDi may report a new tab's URL late: ask the page itself.
      for (const p of await browser.pages()) if ((await p.evaluate(() => location.href).catch(() => '')).includes('/bulk.html')) bulk = p;
      if (!bulk) await new Promise((r) => setTimeout(r, 100));
    }
    const marker = `Firefox bulk ${Date.now()}`;
    await write(bulk!, `Hi {{user.first_name|fallback:"there"}}, ${marker}.`);
    // #14 is a user and a lead ("Two contacts"): the other 19 get it.
    await (await getByRole(bulk!, 'button', 'Send to 19 people')).click();
    await waitForText(bulk!, 'h2', 'Done', 60_000);
    const mine = sim.state.messages.filter((m: { body: string }) => m.body.includes(marker));
    expect(mine).toHaveLength(19);
    expect(new Set(mine.map((m: { to: { id: string }[] }) => m.to[0]!.id)).size).toBe(19);
    expect(mine.map((m: { body: string }) => m.body)).toContain(`<p>Hi Olivia, ${marker}.</p>`);
    sim.setOptions({ affectedCustomers: 0 });
    await Promise.all([page.close(), popup.close(), bulk!.close()]);
  });
});
