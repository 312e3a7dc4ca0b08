// Issue 13 end to end, in Chromium against the simulator: the contact card, a workspace macro
// inserted by keyboard (filled for the contact, previewed first), formatting with the shortcuts,
// and the exact HTML Intercom receives; a macro with a value missing asks before it is sent; a
// token without access to macros gets words and keeps the saved replies.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, messagesPosted, type Harness } from './harness';

let h: Harness;

beforeAll(async () => {
  h = await launch({ demo: true });
  // The team chose two attributes for the card (as the options page stores them).
  await h.worker.evaluate(() =>
    (globalThis as any).chrome.storage.local.set({
      cardAttributes: [
        { name: 'custom_attributes.plan', label: 'Plan' },
        { name: 'custom_attributes.seats', label: 'Seats' },
        { name: 'custom_attributes.timezone', label: 'Time zone' },
      ],
    }),
  );
});
afterAll(async () => {
  await h?.close();
});
beforeEach(() => {
  h.sim.requests.length = 0;
  h.sim.clearFaults();
});

async function openPanel(path: string, name: string): Promise<Page> {
  const page = await h.context.newPage();
  await page.goto(`${h.demo!.url}${path}`);
  await page.getByRole('button', { name: `Message ${name}` }).click();
  await page.locator('.recipient[data-contact-id]').waitFor();
  return page;
}

const messageBox = (page: Page) => page.getByLabel('Message', { exact: true });

describe('compose like the inbox', () => {
  it('lets the team choose the card attributes in options, from Intercom\'s contact attributes', async () => {
    const options = await h.extensionPage('options.html');
    await options.getByRole('button', { name: 'Load attributes from Intercom' }).click();
    await options.getByRole('checkbox', { name: /^Email/ }).check();
    await expect(options.getByRole('checkbox', { name: /Legacy id/ }).count()).resolves.toBe(0); // archived
    await expect(options.getByRole('checkbox', { name: /^Plan/ }).isChecked()).resolves.toBe(true);
    await options.getByRole('checkbox', { name: /^Email/ }).uncheck();
    await options.getByRole('button', { name: 'Apply card attributes' }).click();
    await options.getByText('Card attributes saved.').waitFor();
    expect(h.sim.requests.find((r) => r.path === '/data_attributes')).toMatchObject({ valid: true, query: { model: 'contact' } });
    const stored = await h.worker.evaluate(async () => (await (globalThis as any).chrome.storage.local.get('cardAttributes')).cardAttributes);
    expect(stored).toEqual([
      { name: 'custom_attributes.plan', label: 'Plan' },
      { name: 'custom_attributes.seats', label: 'Seats' },
      { name: 'custom_attributes.timezone', label: 'Time zone' },
    ]);
    await options.close();
  });

  it('loads the panel chunk only for the launcher: a page cannot fetch it by the extension\'s URL', async () => {
    const page = await openPanel('/customers/usr_1003', 'Priya Shah');
    // The launcher imported it (the panel is open), through the per-session URL (use_dynamic_url).
    const reachable = await page.evaluate(
      (url) => fetch(url).then(() => true, () => false),
      `chrome-extension://${h.extensionId}/content-scripts/panel.js`,
    );
    expect(reachable).toBe(false);
    await page.close();
  });

  it('says why there are no workspace macros, and keeps the saved replies', async () => {
    await h.worker.evaluate(() =>
      (globalThis as any).chrome.storage.local.set({ savedReplies: [{ id: 'thanks', name: 'Thanks', body: 'Thanks {{first_name | there}}!' }] }),
    );
    h.sim.injectFault({ path: '/macros', status: 403, times: 5, body: { type: 'error.list', request_id: 'r403', errors: [{ code: 'forbidden', message: 'Missing required scope' }] } });
    const page = await openPanel('/customers/usr_1003', 'Priya Shah');
    await page.getByRole('button', { name: 'Insert macro' }).click();
    await page.getByText("Intercom did not let Hailer read your workspace's macros").waitFor();
    await page.keyboard.type('thanks');
    await page.keyboard.press('Enter');
    await expect.poll(() => messageBox(page).inputValue()).toBe('Thanks Priya!');
    await page.close();
  });

  it('shows the card, inserts a macro by keyboard, formats with shortcuts, and Intercom gets exactly that HTML', async () => {
    const page = await openPanel('/customers/usr_1001', 'Jane Cooper');
    const card = page.getByRole('region', { name: 'About Jane Cooper' });
    await card.getByText('Acme Inc').waitFor();
    for (const text of ['San Francisco, California, United States', 'VIP, Beta tester', 'Pro', '12']) await card.getByText(text, { exact: true }).waitFor();
    await card.getByText(/\(America\/Los_Angeles\)$/).waitFor(); // local time, from the time-zone attribute
    // The card fetched the contact, its companies and its tags: one round trip, three requests.
    expect(h.sim.requests.filter((r) => /^\/contacts\/[^/]+(\/companies|\/tags)?$/.test(r.path) && r.method === 'GET').map((r) => [r.operationId, r.valid])).toEqual(
      expect.arrayContaining([
        ['ShowContact', true],
        ['listCompaniesForAContact', true],
        ['listTagsForAContact', true],
      ]),
    );

    // Keyboard only: the button, then the picker's combobox (type to filter, Enter inserts).
    await page.getByRole('button', { name: 'Insert macro' }).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.type('export');
    const preview = page.getByRole('region', { name: 'Preview before inserting' });
    await preview.getByText('Your export is ready on the Pro plan.').waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => messageBox(page).inputValue()).toBe('Hi Jane,\nYour **export** is ready on the Pro plan.');
    // Only the macros call names 2.16, and it validated against the 2.16 description.
    const macroCalls = h.sim.requests.filter((r) => r.path === '/macros');
    expect(macroCalls.map((r) => [r.version, r.valid, r.query.per_page])).toEqual([['2.16', true, '150']]);

    await messageBox(page).press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+B');
    await page.keyboard.type('Thanks');
    await page.keyboard.press('End');
    await page.keyboard.type(', see ');
    await page.keyboard.press('Control+K');
    await page.keyboard.type('https://acme.test/help');
    await expect.poll(() => messageBox(page).inputValue()).toBe('Hi Jane,\nYour **export** is ready on the Pro plan.\n**Thanks**, see [link](https://acme.test/help)');
    await page.getByRole('button', { name: 'Preview' }).click();
    const html = '<p>Hi Jane,</p><p>Your <b>export</b> is ready on the Pro plan.</p><p><b>Thanks</b>, see <a href="https://acme.test/help">link</a></p>';
    await page.getByRole('region', { name: 'What the customer gets' }).getByRole('link', { name: 'link' }).waitFor();

    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByRole('link', { name: 'Open conversation' }).waitFor();
    const posted = messagesPosted(h.sim);
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({ valid: true, body: { message_type: 'in_app', body: html } });
    await page.close();
  });

  it('highlights a placeholder with no value and asks before sending it', async () => {
    const page = await openPanel('/customers/usr_1002', 'Marcus Lee');
    await page.getByRole('button', { name: 'Insert macro' }).click();
    await page.keyboard.type('order');
    await page.getByRole('region', { name: 'Preview before inserting' }).locator('mark').getByText('[order.number]').waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => messageBox(page).inputValue()).toBe('Hi Marcus Lee, your order #[order.number] is on its way.');
    await page.getByText('No value for: [order.number]').waitFor();
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByRole('alert').getByText('These placeholders still have no value: order.number. Send anyway?').waitFor();
    expect(messagesPosted(h.sim)).toHaveLength(0);
    await page.getByRole('button', { name: 'Send anyway' }).click();
    await page.getByRole('link', { name: 'Open conversation' }).waitFor();
    expect(messagesPosted(h.sim).map((r) => (r.body as { body: string }).body)).toEqual(['<p>Hi Marcus Lee, your order #[order.number] is on its way.</p>']);
    await page.close();
  });

  it('keeps an email with the Plain template plain text unless formatting is turned on', async () => {
    const page = await openPanel('/customers/usr_1003', 'Priya Shah');
    await page.getByRole('radio', { name: 'Email' }).check();
    await page.getByLabel('Subject').fill('Plain one');
    await expect(page.getByRole('button', { name: 'Bold' }).count()).resolves.toBe(0);
    await messageBox(page).fill('Keep **this** as typed');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByRole('link', { name: 'Open conversation' }).waitFor();
    await page.getByRole('radio', { name: 'Email' }).check(); // a sent draft starts over, in-app
    await page.getByRole('checkbox', { name: 'Formatting' }).check();
    await page.getByRole('button', { name: 'Bold' }).waitFor();
    await page.getByLabel('Subject').fill('Formatted one');
    await messageBox(page).fill('Now **this** is bold');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => messagesPosted(h.sim).length).toBe(2);
    expect(messagesPosted(h.sim).map((r) => (r.body as { template: string; body: string }))).toMatchObject([
      { template: 'plain', body: '<p>Keep **this** as typed</p>' },
      { template: 'plain', body: '<p>Now <b>this</b> is bold</p>' },
    ]);
    await page.close();
  });
});
