// The side panel in Chromium against the simulator and the demo console. Headless Chromium shows no
// side panel, so (as with the popup) its page is opened as a tab, and test builds let it start on the
// page's tab (`?tab=`); from there it follows tab switches like the real one. Covered: a tab switch
// and a single-page navigation, the tab without a customer, a draft kept across the switch (also one
// typed before the panel confirmed its customer), the
// whole thread in order with notes and events, a reply from the side panel, a customer part added
// while it is open (the time printed; the composer does not move), Send in the viewport at
// 1280×800 and 1280×600 in both modes, "Open in side panel" in the in-page panel and the popup, and
// a warm open showing the thread read a moment ago at once, then the customer's newer part.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, storedDraftBodies, type Harness } from './harness';

const OPEN = '1001'; // Jane's open conversation: "Hi, the CSV export fails on large reports."
let h: Harness;

beforeAll(async () => {
  h = await launch({ demo: true });
});
afterAll(async () => {
  await h?.close();
});

async function customerTab(path: string): Promise<{ page: Page; tabId: number }> {
  const page = await h.context.newPage();
  await page.goto(`${h.demo!.url}${path}`);
  const tabId = await h.worker.evaluate(async (url) => (await (globalThis as any).chrome.tabs.query({ url }))[0].id, page.url());
  return { page, tabId };
}
const sidePanelFor = (tabId: number) => h.extensionPage(`sidepanel.html?tab=${tabId}`);
const title = (side: Page) => side.getByRole('dialog').getByRole('heading', { level: 2 });
const items = (side: Page) => side.getByRole('list', { name: 'Conversation thread' }).getByRole('listitem');
const message = (side: Page) => side.getByLabel('Message', { exact: true });

async function inIntercom(path: string, body: object) {
  const response = await fetch(`${h.sim.apiBaseUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${h.sim.token}`, 'intercom-version': '2.14', 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
}

async function chooseConversation(side: Page, id = OPEN) {
  await side.locator('.recipient[data-contact-id]').waitFor();
  const picker = side.getByLabel('Conversation', { exact: true });
  await expect.poll(() => picker.locator('option').count()).toBeGreaterThan(1);
  await picker.selectOption(id);
  await expect.poll(() => items(side).count()).toBeGreaterThan(0);
}

describe('the side panel', () => {
  it('keeps a draft typed before the panel has confirmed its customer, across a tab switch', async () => {
    const jane = await customerTab('/customers/usr_1001');
    const marcus = await customerTab('/customers/usr_1002');
    // Intercom answers slowly, so the text is typed while the panel still checks who Jane is.
    h.sim.setOptions({ latencyMs: 300 }); // well under the test build's 2.5 s timeout, with the first open's requests queued per host
    // Jane's lookup (the first contact search from here) the slowest of all, still under that timeout:
    // the typing below must come before her confirmation even on a loaded machine.
    h.sim.injectFault({ method: 'POST', path: '/contacts/search', delayMs: 1500 });
    try {
      const side = await sidePanelFor(jane.tabId);
      await message(side).fill('Typed before Jane was confirmed');
      expect(await side.locator('.recipient[data-contact-id]').count()).toBe(0);
      await marcus.page.bringToFront(); // at once, before the confirmation and the debounce
      await expect.poll(() => title(side).textContent()).toBe('Message Marcus Lee');
      await jane.page.bringToFront();
      await expect.poll(() => message(side).inputValue(), { timeout: 10_000 }).toBe('Typed before Jane was confirmed');
      // Confirmed now: the draft is Jane's, kept under her key (a new panel finds it there).
      await side.locator('.recipient[data-contact-id]').waitFor({ timeout: 10_000 });
      await side.close();
      const again = await sidePanelFor(jane.tabId);
      await again.locator('.recipient[data-contact-id]').waitFor({ timeout: 10_000 });
      await expect.poll(() => message(again).inputValue()).toBe('Typed before Jane was confirmed');
      await message(again).fill('');
      await expect.poll(() => storedDraftBodies(h), { timeout: 5_000 }).not.toContain('Typed before Jane was confirmed'); // the emptied draft saved
      await again.close();
    } finally {
      h.sim.setOptions({ latencyMs: 0 });
      h.sim.clearFaults();
    }
    for (const p of [jane.page, marcus.page]) await p.close();
  });

  it('follows a tab switch and a single-page navigation, says when the tab has no customer, and keeps the draft', async () => {
    const jane = await customerTab('/customers/usr_1001');
    const marcus = await customerTab('/customers/usr_1002');
    const app = await customerTab('/');
    const side = await sidePanelFor(jane.tabId);
    await expect.poll(() => title(side).textContent()).toBe('Message Jane Cooper');
    // Typed once the panel knows its workspace and customer (the draft's key), as an agent would see it.
    await side.locator('.recipient[data-contact-id]').waitFor();
    await message(side).fill('Draft for Jane, not sent');

    await marcus.page.bringToFront(); // at once: the draft has not been saved by the debounce yet
    await expect.poll(() => title(side).textContent()).toBe('Message Marcus Lee');
    expect(await message(side).inputValue()).toBe('');

    await app.page.bringToFront();
    await expect.poll(() => side.getByRole('status').first().textContent()).toContain('This tab shows no customer.');
    expect(await side.getByRole('dialog').count()).toBe(0);

    // The dashboard tab goes to the single-page app, then to Priya there: no reload.
    await app.page.goto(`${h.demo!.url}/app/`);
    await app.page.getByRole('link', { name: /Priya Shah/ }).first().click();
    await expect.poll(() => title(side).textContent(), { timeout: 10_000 }).toBe('Message Priya Shah');
    await app.page.getByRole('link', { name: /Marcus Lee/ }).first().click();
    await expect.poll(() => title(side).textContent(), { timeout: 10_000 }).toBe('Message Marcus Lee');

    await jane.page.bringToFront();
    await expect.poll(() => title(side).textContent()).toBe('Message Jane Cooper');
    await expect.poll(() => message(side).inputValue()).toBe('Draft for Jane, not sent');
    for (const p of [side, jane.page, marcus.page, app.page]) await p.close();
  });

  it('shows the whole thread in order with notes and events, and replies from the side panel', async () => {
    const ben = h.sim.state.admins.find((a) => a.name === 'Ben Support')!.id;
    await inIntercom(`/conversations/${OPEN}/reply`, { message_type: 'note', type: 'admin', admin_id: ben, body: '<p>Escalated to engineering.</p>' });
    await inIntercom(`/conversations/${OPEN}/parts`, { message_type: 'snoozed', type: 'admin', admin_id: ben, snoozed_until: Math.floor(Date.now() / 1000) + 3600 });
    h.sim.addCustomerPart(OPEN, '<p>Still failing today.</p>');
    const jane = await customerTab('/customers/usr_1001');
    const side = await sidePanelFor(jane.tabId);
    await chooseConversation(side);
    const parts = h.sim.state.conversations.find((c) => c.id === OPEN)!.conversation_parts.conversation_parts;
    await expect.poll(() => items(side).count()).toBe(parts.length + 1); // and the opening message
    const texts = await items(side).allTextContents();
    expect(texts[0]).toContain('Hi, the CSV export fails on large reports.');
    expect(texts.at(-3)).toMatch(/^Ben Support\s*Note.*Escalated to engineering\.$/);
    expect(texts.at(-2)).toMatch(/^Ben Support snoozed the conversation · /);
    expect(texts.at(-1)).toMatch(/^Jane Cooper.*Still failing today\.$/);
    expect(await side.getByRole('button', { name: 'Earlier', exact: true }).count()).toBe(0); // fewer than 50
    // axe-core: no serious or critical findings in the side panel with its thread.
    await side.evaluate(readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));
    const axe = await side.evaluate(async () => {
      const result = await (globalThis as any).axe.run(document);
      return { serious: result.violations.filter((v: { impact: string }) => v.impact === 'serious' || v.impact === 'critical').map((v: { id: string }) => v.id), passed: result.passes.length as number };
    });
    expect(axe.passed).toBeGreaterThan(5);
    expect(axe.serious).toEqual([]);

    const before = parts.length;
    await message(side).fill('We shipped a fix for large exports.');
    await side.getByRole('button', { name: 'Send', exact: true }).click();
    await side.getByRole('dialog').getByRole('link', { name: 'Open conversation' }).waitFor();
    expect(parts.length).toBe(before + 1);
    expect(parts.at(-1)).toMatchObject({ part_type: 'comment', body: '<p>We shipped a fix for large exports.</p>' });
    await expect.poll(() => items(side).last().textContent()).toContain('We shipped a fix for large exports.');
    await side.close();
    await jane.page.close();
  });

  it('shows a part the customer adds while it is open, without moving the composer', async () => {
    const jane = await customerTab('/customers/usr_1001');
    const side = await sidePanelFor(jane.tabId);
    await chooseConversation(side);
    await message(side).fill('Typing while Jane writes');
    const before = await message(side).boundingBox();
    const sendBox = await side.getByRole('button', { name: 'Send', exact: true }).boundingBox();
    const started = Date.now();
    h.sim.addCustomerPart(OPEN, '<p>Never mind, it works now!</p>');
    await expect.poll(() => items(side).last().textContent(), { timeout: 15_000, interval: 100 }).toContain('Never mind, it works now!');
    console.log(`customer part visible in the side panel's thread after ${Date.now() - started} ms`);
    expect(await message(side).boundingBox()).toEqual(before);
    expect(await side.getByRole('button', { name: 'Send', exact: true }).boundingBox()).toEqual(sendBox);
    expect(await message(side).inputValue()).toBe('Typing while Jane writes');
    await side.close();
    await jane.page.close();
  });

  it('opened again a moment later, shows the thread it read at once, then what the customer added since, from one read', async () => {
    const settings = (patch: object) =>
      h.worker.evaluate(async (patch) => {
        const chrome = (globalThis as any).chrome;
        const { settings = {} } = await chrome.storage.local.get('settings');
        await chrome.storage.local.set({ settings: { ...settings, ...patch } });
      }, patch);
    await settings({ defaultConversation: 'latest_open' }); // the thread comes without a click…
    await h.worker.evaluate(async () => {
      // …while the agent has not written anything: the drafts earlier tests left for Jane go.
      const chrome = (globalThis as any).chrome;
      await chrome.storage.local.remove(Object.keys(await chrome.storage.local.get(null)).filter((key) => key.startsWith('draft:')));
    });
    try {
      const jane = await customerTab('/customers/usr_1001');
      const first = await sidePanelFor(jane.tabId);
      await expect.poll(() => items(first).count()).toBeGreaterThan(0);
      await first.close();
      h.sim.addCustomerPart(OPEN, '<p>Written between two opens</p>');
      const from = h.sim.requests.length;
      const side = await h.context.newPage();
      // What the thread showed first, noted in the page the moment it appeared.
      await side.addInitScript(() => {
        new MutationObserver((_, observer) => {
          const list = document.querySelector('ol[aria-label="Conversation thread"]');
          if (!list?.querySelector('li')) return;
          (globalThis as any).firstThread = list.textContent;
          observer.disconnect();
        }).observe(document, { childList: true, subtree: true });
      });
      await side.goto(first.url());
      // The re-read goes out at once: well within the 5 s a live thread waits between reads.
      await expect.poll(() => items(side).last().textContent(), { timeout: 3_000, interval: 100 }).toContain('Written between two opens');
      const firstThread = await side.evaluate(() => (globalThis as any).firstThread as string);
      expect(firstThread).toContain('CSV export fails'); // the thread as read a moment ago…
      expect(firstThread).not.toContain('Written between two opens'); // …shown before Intercom answered
      const reads = h.sim.requests.slice(from).filter((r) => r.method === 'GET' && r.path === `/conversations/${OPEN}`);
      expect(reads).toHaveLength(1);
      await side.close();
      await jane.page.close();
    } finally {
      await settings({ defaultConversation: 'new' });
    }
  });

  for (const height of [800, 600]) {
    it(`keeps Send in the viewport at 1280×${height}, new conversation and reply`, async () => {
      const jane = await customerTab('/customers/usr_1001');
      const side = await sidePanelFor(jane.tabId);
      await side.setViewportSize({ width: 1280, height });
      await side.locator('.recipient[data-contact-id]').waitFor();
      const send = side.getByRole('button', { name: 'Send', exact: true });
      const inReach = async () => {
        const box = (await send.boundingBox())!;
        expect(box.y).toBeGreaterThanOrEqual(0);
        expect(box.y + box.height).toBeLessThanOrEqual(height);
        const hit = await side.evaluate(({ x, y }) => ({ text: document.elementFromPoint(x, y)?.textContent, scrolled: scrollY }), { x: box.x + box.width / 2, y: box.y + box.height / 2 });
        expect(hit).toEqual({ text: 'Send', scrolled: 0 });
      };
      await inReach();
      mkdirSync('.output-test/screenshots', { recursive: true });
      await chooseConversation(side);
      await message(side).fill(Array.from({ length: 25 }, (_, i) => `Line ${i + 1}`).join('\n'));
      await inReach();
      // For the docs: a side panel's usual width, the top of its body in view.
      await side.setViewportSize({ width: 420, height });
      await side.locator('.panel-body').evaluate((body) => body.scrollTo(0, 0));
      await inReach();
      await side.screenshot({ path: `.output-test/screenshots/side-panel-${height}.png` });
      await side.close();
      await jane.page.close();
    });
  }

  it('"Open in side panel" is in the in-page panel header and in the popup', async () => {
    const jane = await customerTab('/customers/usr_1001');
    await jane.page.getByRole('button', { name: 'Message Jane Cooper' }).click();
    const header = jane.page.getByRole('dialog').locator('header');
    await header.getByRole('button', { name: 'Open in side panel' }).click();
    // Headless Chromium has no side panel to show: either it opened, or the panel says how to open it.
    const opened = async () => (await h.worker.evaluate(async () => (await (globalThis as any).chrome.runtime.getContexts({ contextTypes: ['SIDE_PANEL'] })).length)) > 0;
    const refused = () => jane.page.getByRole('dialog').getByText("The browser did not open the side panel. Open it from Hailer's toolbar button.").count();
    await expect.poll(async () => (await opened()) || (await refused()) > 0).toBe(true);
    console.log(`Open in side panel from the in-page panel: ${(await opened()) ? 'the side panel opened' : 'refused, the panel says how to open it'}`);
    const popup = await h.extensionPage(`popup.html?tab=${jane.tabId}`);
    expect(await popup.getByRole('button', { name: 'Open in side panel' }).count()).toBe(1);
    await popup.close();
    await jane.page.close();
  });
});
