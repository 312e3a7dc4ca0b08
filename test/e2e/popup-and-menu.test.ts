// Issue 5 end to end: popup quick-send (typed recipient, detected customer), the context menu's
// handler, the undo window, and a send that outlives the popup. Headless Chromium can neither click
// the toolbar button nor a context menu: the popup page is opened as a tab (same page, same code),
// and the menu's click handler is called in the service worker (test builds expose it as
// `hailerTest.handleMenuClick`), with the same arguments Chrome passes it.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, messagesPosted, type Harness } from './harness';

const JANE = '6650a1b2c3d4e5f601000001';
const MARCUS = '6650a1b2c3d4e5f601000002';

let h: Harness;
let options: Page;

beforeAll(async () => {
  h = await launch({ demo: true });
  options = await h.extensionPage('options.html');
});
afterAll(async () => {
  await h?.close();
});
beforeEach(() => {
  h.sim.requests.length = 0;
  h.sim.clearFaults();
});

const history = () => h.worker.evaluate(async () => (await (globalThis as any).chrome.storage.local.get('history')).history ?? []);

async function sendFromPanel(page: Page, text: string) {
  await page.getByLabel('Message', { exact: true }).fill(text);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
}

describe('popup quick-send', () => {
  it('sends to a typed email address once', async () => {
    const popup = await h.extensionPage('popup.html');
    await popup.getByLabel('Recipient (email, user id or Intercom id)').fill('Jane Cooper <jane@acme.test>');
    await popup.getByRole('button', { name: 'Look up' }).click();
    await popup.locator('.recipient[data-contact-id]').waitFor();
    await sendFromPanel(popup, 'Quick one from the popup.');
    await popup.getByRole('dialog').getByRole('link', { name: 'Open conversation' }).waitFor();
    expect(messagesPosted(h.sim).map((r) => r.body)).toMatchObject([{ to: { id: JANE }, body: '<p>Quick one from the popup.</p>' }]);
    await popup.close();
  });

  it('says so for junk and for nobody, and can add an unknown email as a lead', async () => {
    const popup = await h.extensionPage('popup.html');
    await popup.getByLabel('Recipient (email, user id or Intercom id)').fill('two words');
    await popup.getByRole('button', { name: 'Look up' }).click();
    await popup.getByRole('alert').getByText('That is not an email address or an id Hailer understands.').waitFor();
    await popup.getByLabel('Recipient (email, user id or Intercom id)').fill('nobody@acme.test');
    await popup.getByRole('button', { name: 'Look up' }).click();
    await popup.getByText(/^Not found in Intercom/).waitFor();
    await expect(popup.getByRole('button', { name: 'Send', exact: true }).isDisabled()).resolves.toBe(true);
    // An unknown email can become a lead, if the agent asks (and Intercom allows it).
    await popup.getByRole('button', { name: 'Add nobody@acme.test to Intercom as a lead and message them' }).click();
    await popup.locator('.recipient[data-contact-id]').getByText('Lead').waitFor();
    await sendFromPanel(popup, 'Welcome aboard.');
    await popup.getByRole('dialog').getByRole('link', { name: 'Open conversation' }).waitFor();
    expect(messagesPosted(h.sim).map((r) => r.body)).toMatchObject([{ to: { type: 'lead' } }]);
    expect(h.sim.requests.find((r) => r.method === 'POST' && r.path === '/contacts')).toMatchObject({ valid: true, body: { role: 'lead', email: 'nobody@acme.test' } });
    await popup.close();
  });

  it('is prefilled with the customer detected in the active tab', async () => {
    const customer = await h.context.newPage();
    await customer.goto(`${h.demo!.url}/customers/usr_1002`);
    await customer.getByRole('button', { name: 'Message Marcus Lee' }).waitFor();
    // What the popup asks the active tab when it opens.
    const detected = await options.evaluate(async (url) => {
      const chrome = (globalThis as any).chrome;
      const [tab] = await chrome.tabs.query({ url: `${url}/*` });
      return chrome.tabs.sendMessage(tab.id, { hailer: 1, event: 'detected' });
    }, h.demo!.url);
    expect(detected).toMatchObject({ ref: { kind: 'user_id', value: 'usr_1002' }, displayName: 'Marcus Lee' });
    const popup = await h.extensionPage(`popup.html?kind=user_id&value=usr_1002`);
    await popup.getByText('marcus@globex.test').waitFor();
    await sendFromPanel(popup, 'Prefilled.');
    await popup.getByRole('dialog').getByRole('link', { name: 'Open conversation' }).waitFor();
    expect(messagesPosted(h.sim).map((r) => r.body)).toMatchObject([{ to: { id: MARCUS } }]);
    await Promise.all([popup.close(), customer.close()]);
  });

  it('delivers once and records it in history when the popup closes mid-send', async () => {
    h.sim.injectFault({ method: 'POST', path: '/messages', delayMs: 800, commit: true });
    const popup = await h.extensionPage('popup.html?kind=email&value=jane%40acme.test');
    await popup.locator('.recipient[data-contact-id]').waitFor();
    await sendFromPanel(popup, 'Sent after the popup closed.');
    await expect.poll(() => h.sim.requests.filter((r) => r.path === '/messages').length).toBe(1);
    await popup.close();
    await expect.poll(async () => (await history())[0]?.status, { timeout: 10_000 }).toBe('sent');
    expect(h.sim.state.messages.filter((m: { body: string }) => m.body.includes('Sent after the popup closed.'))).toHaveLength(1);
    // ...and the agent is told, with a link to the conversation.
    const notifications = await h.worker.evaluate(async () => Object.keys(await (globalThis as any).chrome.notifications.getAll()));
    expect(notifications.some((id: string) => id.startsWith('hailer-sent:') && id.includes('/inbox/conversation/'))).toBe(true);
  });
});

describe('context menu "Message this user"', () => {
  const click = (info: object, tabUrl: string) =>
    h.worker.evaluate(
      async ([i, url]) => {
        const chrome = (globalThis as any).chrome;
        const [tab] = await chrome.tabs.query({ url });
        return (globalThis as any).hailerTest.handleMenuClick(i, tab);
      },
      [info, tabUrl] as const,
    );

  it('opens the panel for a selected email, injecting the content script where none runs', async () => {
    // localhost is not covered by the console's rule: no content script until the menu injects it.
    const page = await h.context.newPage();
    const url = `${h.demo!.url.replace('127.0.0.1', 'localhost')}/`;
    await page.goto(url);
    await expect(click({ menuItemId: 'hailer-selection', selectionText: 'ask marcus@globex.test about it' }, url)).resolves.toBe('panel');
    await page.getByText('marcus@globex.test').first().waitFor();
    await expect(page.getByLabel('Message', { exact: true }).isVisible()).resolves.toBe(true);
    await page.close();
  });

  it('opens the panel for a mailto: link and for the customer on the page', async () => {
    const page = await h.context.newPage();
    await page.goto(`${h.demo!.url}/customers/usr_1001`);
    await page.getByRole('button', { name: 'Message Jane Cooper' }).waitFor();
    await expect(click({ menuItemId: 'hailer-mailto', linkUrl: 'mailto:priya@initech.test?subject=Hi' }, `${h.demo!.url}/customers/usr_1001`)).resolves.toBe('panel');
    await page.getByRole('dialog', { name: 'Message Priya Shah' }).waitFor();
    await page.keyboard.press('Escape');
    await page.reload();
    await page.getByRole('button', { name: 'Message Jane Cooper' }).waitFor();
    await expect(click({ menuItemId: 'hailer-page' }, `${h.demo!.url}/customers/usr_1001`)).resolves.toBe('panel');
    await page.getByRole('dialog', { name: 'Message Jane Cooper' }).waitFor();
    await page.close();
  });

  it('ignores a selection that is no recipient', async () => {
    await expect(click({ menuItemId: 'hailer-selection', selectionText: 'hello there' }, `${h.demo!.url}/*`)).resolves.toBe('nothing');
  });
});

describe('undo window', () => {
  it('sends nothing when undone, and once after the window', async () => {
    await options.getByLabel('Undo window (seconds)').fill('2');
    await options.getByRole('button', { name: 'Save' }).click();
    await options.getByRole('status').getByText('Saved.').waitFor();
    const page = await h.context.newPage();
    await page.goto(`${h.demo!.url}/customers/usr_1003`);
    await page.getByRole('button', { name: /^Message Priya/ }).click();
    await page.locator('.recipient[data-contact-id]').waitFor();
    await sendFromPanel(page, 'Second thoughts.');
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByText('Sending was undone. Nothing was sent.').waitFor();
    await page.waitForTimeout(2500); // past the window: still nothing
    expect(messagesPosted(h.sim)).toHaveLength(0);
    await expect(page.getByLabel('Message', { exact: true }).inputValue()).resolves.toBe('Second thoughts.');

    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByText(/^Sending in 2 s/).waitFor();
    await page.getByRole('link', { name: 'Open conversation' }).waitFor({ timeout: 10_000 });
    expect(messagesPosted(h.sim)).toHaveLength(1);
    await options.getByLabel('Undo window (seconds)').fill('0');
    await options.getByRole('button', { name: 'Save' }).click();
    await page.close();
  });
});

describe('saved replies', () => {
  it('fills the variables from the confirmed contact, and that is what Intercom receives', async () => {
    await options.getByLabel('Reply name').fill('Renewal');
    await options.getByLabel('Reply text').fill('Hi {{first_name | there}}, your {{custom.plan}} plan at {{company | your company}} renews soon.');
    await options.getByRole('button', { name: 'Add reply' }).click();
    await options.getByText('Reply saved.').waitFor();
    const page = await h.context.newPage();
    await page.goto(`${h.demo!.url}/customers/usr_1001`);
    await page.getByRole('button', { name: 'Message Jane Cooper' }).click();
    await page.locator('.recipient[data-contact-id]').waitFor();
    // Keyboard first: "/" in the empty message opens the picker, with its search focused.
    await page.keyboard.press('/');
    await expect.poll(() => page.getByLabel('Search macros and saved replies').evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    await page.keyboard.type('Renew');
    await page.keyboard.press('Enter');
    const expected = 'Hi Jane, your Pro plan at your company renews soon.';
    await expect(page.getByLabel('Message', { exact: true }).inputValue()).resolves.toBe(expected);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByRole('dialog').getByRole('link', { name: 'Open conversation' }).waitFor();
    expect(messagesPosted(h.sim).map((r) => (r.body as { body: string }).body)).toEqual([`<p>${expected}</p>`]);
    await page.close();
  });
});
