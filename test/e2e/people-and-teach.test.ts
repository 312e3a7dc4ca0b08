// Issue 9 end to end, on the demo console's helpdesk (/desk/tickets/…), which nobody prepared for
// Hailer. It is opened on localhost, where no content script runs at all (the console's preset rule
// names 127.0.0.1): the popup's page scan lists the people with their Intercom names and sends; the
// picker teaches Hailer the page by keyboard and by mouse, the panel appears without a reload, and
// the next ticket gets its own requester. Esc leaves the page as it was.
// Headless Chromium cannot click the toolbar button: the popup page is opened as a tab, and test
// builds let it take the page's tab id (`?tab=`) instead of "the active tab".
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { launch, messagesPosted, type Harness } from './harness';
import { demoTeamRules } from '../demo-console/rules.mjs';
import { waitForRuleRegistration } from './chromium.mjs';

const MARCUS = '6650a1b2c3d4e5f601000002';

let h: Harness;
let desk: string;

beforeAll(async () => {
  h = await launch({ demo: true });
  desk = `${h.demo!.url.replace('127.0.0.1', 'localhost')}/desk/tickets`;
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  h.sim.requests.length = 0;
  // Only the console's preset rule: each test teaches the helpdesk afresh.
  await h.worker.evaluate((rules) => (globalThis as any).chrome.storage.local.set({ teamRules: rules }), demoTeamRules(h.demo!.url));
});

async function openTicket(id: string): Promise<{ page: Page; tabId: number }> {
  const page = await h.context.newPage();
  await page.goto(`${desk}/${id}`);
  const tabId = await h.worker.evaluate(async (url) => (await (globalThis as any).chrome.tabs.query({ url }))[0].id, `${desk}/${id}`);
  return { page, tabId };
}

const popupFor = (tabId: number) => h.extensionPage(`popup.html?tab=${tabId}`);

/** The popup's "Teach Hailer this page" on this tab; the picker's bar appears in the page. */
async function startTeaching(page: Page, tabId: number) {
  const popup = await popupFor(tabId);
  await popup.getByRole('button', { name: 'Teach Hailer this page' }).click();
  await page.locator('hailer-picker').getByRole('status').waitFor();
  if (!popup.isClosed()) await popup.close();
}

const teachFrame = (page: Page) => page.frameLocator('hailer-picker iframe');

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** axe-core's serious and critical violations in a page or frame (optionally under one element). */
async function seriousViolations(target: Page | Frame, selector?: string) {
  await target.evaluate(axeSource);
  const result = await target.evaluate(async (sel) => {
    const r = await (globalThis as any).axe.run(sel ? document.querySelector(sel) : document);
    return { passes: r.passes.length, violations: r.violations.filter((v: any) => ['serious', 'critical'].includes(v.impact)).map((v: any) => `${v.id}: ${v.help}`) };
  }, selector);
  expect(result.passes, 'axe checked something').toBeGreaterThan(3);
  return result.violations;
}

describe('People on this page', () => {
  it('lists the people of an unprepared page with their Intercom names, leaves the team out, and sends', async () => {
    const { page, tabId } = await openTicket('5001');
    expect(await page.locator('hailer-compose').count()).toBe(0); // nothing resident here
    const popup = await popupFor(tabId);
    const list = popup.getByRole('list', { name: 'People on this page' });
    await list.getByRole('button', { name: /Marcus Lee/ }).waitFor();
    const items = await list.getByRole('listitem').allInnerTexts();
    expect(items.join('\n')).not.toMatch(/acme\.test/); // agent, teammate, support@ (our domain)
    expect(items[0]).toMatch(/^Marcus Lee\s+marcus@globex\.test · User/);
    // One lookup for every candidate, valid against the 2.14 description.
    const searches = h.sim.requests.filter((r) => r.path === '/contacts/search');
    expect(searches).toHaveLength(1);
    expect(searches[0]).toMatchObject({ valid: true, body: { query: { field: 'email', value: 'marcus@globex.test' } } });
    await popup.getByText('Your team is left out (3 on this page).').waitFor();

    await list.getByRole('button', { name: /Marcus Lee/ }).click();
    await expect(list.getByRole('button', { name: /Marcus Lee/ }).getAttribute('aria-pressed')).resolves.toBe('true');
    await popup.locator('.recipient[data-contact-id]').waitFor();
    await popup.getByLabel('Message', { exact: true }).fill('Your refund is on its way.');
    await popup.getByRole('button', { name: 'Send', exact: true }).click();
    await popup.getByRole('dialog').getByRole('link', { name: 'Open conversation' }).waitFor();
    expect(messagesPosted(h.sim).map((r) => r.body)).toMatchObject([{ to: { id: MARCUS }, body: '<p>Your refund is on its way.</p>' }]);
    await Promise.all([popup.close(), page.close()]);
  });

  it('keeps a detected recipient first and preselected', async () => {
    const page = await h.context.newPage();
    await page.goto(`${h.demo!.url}/admin/users/usr_1003`);
    await page.getByRole('button', { name: 'Message Priya Shah' }).waitFor();
    const tabId = await h.worker.evaluate(async (url) => (await (globalThis as any).chrome.tabs.query({ url }))[0].id, page.url());
    const popup = await popupFor(tabId);
    const first = popup.getByRole('list', { name: 'People on this page' }).getByRole('listitem').first();
    await first.getByText('Detected').waitFor();
    await expect(first.getByRole('button').getAttribute('aria-pressed')).resolves.toBe('true');
    await Promise.all([popup.close(), page.close()]);
  });
});

describe('Teach Hailer this page', () => {
  it('by keyboard: Tab to the requester, Enter, Save rule; the panel appears without a reload; the next ticket is found', async () => {
    const { page, tabId } = await openTicket('5002');
    await page.evaluate(() => ((globalThis as any).__notReloaded = true));
    await startTeaching(page, tabId);
    const status = page.locator('hailer-picker').getByRole('status');
    // The requester's address is the first candidate: the page's likeliest person.
    await page.keyboard.press('Tab');
    await expect.poll(() => status.innerText()).toMatch(/^priya@initech\.test, 1 of \d+/);
    await page.keyboard.press('Enter');
    const frame = teachFrame(page);
    await frame.getByText('Found priya@initech.test').waitFor();
    await frame.getByText('Pages like localhost/desk/tickets/*').waitFor();
    // Keyboard only: the frame takes the focus, on "Save rule".
    const save = frame.getByRole('button', { name: 'Save rule' });
    await expect.poll(() => save.evaluate((el) => el === document.activeElement && document.hasFocus())).toBe(true);
    await page.keyboard.press('Enter');

    await page.getByLabel('Message', { exact: true }).waitFor();
    await page.getByText('priya@initech.test').first().waitFor();
    expect(await page.evaluate(() => (globalThis as any).__notReloaded)).toBe(true);
    await expect.poll(() => page.locator('hailer-picker').count()).toBe(0);
    const rules = await h.worker.evaluate(async () => (await (globalThis as any).chrome.storage.local.get('teamRules')).teamRules);
    expect(rules[1]).toMatchObject({ matches: 'http://localhost/*', kind: 'email', source: { from: 'selector', selector: 'p.requester-email' } });

    // Another ticket of the same helpdesk: found by the new rule, on a fresh load.
    await waitForRuleRegistration(h.worker);
    const next = await openTicket('5003');
    await next.page.getByRole('button', { name: 'Message sam.rivera@example.test' }).waitFor();
    await Promise.all([page.close(), next.page.close()]);
  });

  it('by mouse: hover outline, click, Save rule', async () => {
    const { page, tabId } = await openTicket('5001');
    await startTeaching(page, tabId);
    const email = page.locator('.requester-email');
    await email.hover();
    const outline = page.locator('hailer-picker .outline');
    await expect(outline.isVisible()).resolves.toBe(true);
    const [box, target] = [await outline.boundingBox(), await email.boundingBox()];
    expect(Math.abs(box!.x - target!.x)).toBeLessThan(5);
    await email.click();
    await teachFrame(page).getByText('Found marcus@globex.test').waitFor();
    // The raw pattern, one click away.
    await teachFrame(page).getByRole('button', { name: 'Show the pattern' }).click();
    await teachFrame(page).getByText('http://localhost/*').waitFor();
    await teachFrame(page).getByRole('button', { name: 'Save rule' }).click();
    await page.getByLabel('Message', { exact: true }).waitFor();
    await page.getByText('marcus@globex.test').first().waitFor();
    const next = await openTicket('5002');
    await next.page.getByRole('button', { name: 'Message priya@initech.test' }).waitFor();
    await Promise.all([page.close(), next.page.close()]);
  });

  it('Esc cancels and leaves the page untouched', async () => {
    const { page, tabId } = await openTicket('5003');
    const before = await page.evaluate(() => document.documentElement.outerHTML);
    await startTeaching(page, tabId);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('hailer-picker').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.outerHTML)).toBe(before);
    // The page answers clicks and keys again, and no rule was saved.
    await page.getByRole('link', { name: 'Helpdesk', exact: true }).first().click();
    await page.waitForURL(/\/desk\/tickets\/5001$/);
    const rules = await h.worker.evaluate(async () => (await (globalThis as any).chrome.storage.local.get('teamRules')).teamRules);
    expect(rules).toHaveLength(1);
    await page.close();
  });
});

describe('Teach Hailer this page, from the panel on a page a team rule covers', () => {
  it('closes the panel and starts the picker in that page; Esc leaves it as it was', async () => {
    const page = await h.context.newPage();
    await page.goto(`${h.demo!.url}/admin/users/usr_1003`); // the console's preset rule finds Priya here
    await page.getByRole('button', { name: /^Message / }).click();
    await page.getByText('priya@initech.test').first().waitFor();
    await page.getByRole('button', { name: 'Teach Hailer this page', exact: true }).click();
    await page.locator('hailer-picker').getByRole('status').waitFor();
    await expect(page.getByLabel('Message', { exact: true }).count()).resolves.toBe(0); // the panel made way
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('hailer-picker').count()).toBe(0);
    await page.close();
  });
});

describe('accessibility (axe-core) and cancelling from the teach frame', () => {
  it('the people list, the picker bar and the teach frame have no serious violations; Cancel leaves no rule', async () => {
    const { page, tabId } = await openTicket('5001');
    const popup = await popupFor(tabId);
    await popup.getByRole('list', { name: 'People on this page' }).getByRole('button', { name: /Marcus Lee/ }).waitFor();
    expect(await seriousViolations(popup)).toEqual([]);
    await popup.close();

    await startTeaching(page, tabId);
    await page.keyboard.press('Tab');
    expect(await seriousViolations(page, 'hailer-picker')).toEqual([]);
    await page.keyboard.press('Enter');
    await teachFrame(page).getByText('Found marcus@globex.test').waitFor();
    const frame = page.frames().find((f) => f.url().includes('/teach.html'))!;
    expect(await seriousViolations(frame)).toEqual([]);
    await teachFrame(page).getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => page.locator('hailer-picker').count()).toBe(0);
    const rules = await h.worker.evaluate(async () => (await (globalThis as any).chrome.storage.local.get('teamRules')).teamRules);
    expect(rules).toHaveLength(1);
    expect(await page.locator('hailer-compose').count()).toBe(0);
    await page.close();
  });
});
