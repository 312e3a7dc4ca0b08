// The thread in the in-page panel, in Chromium against the simulator: the chosen conversation's last
// three parts, oldest first, notes marked, events as one line, each with author and time; "Earlier"
// for more; and, while the panel is visible, a part the customer adds appears without the composer
// moving (the time it took is printed; the bound is the backoff's first step plus slack). That
// nothing is read while hidden is test/unit/live-thread.test.tsx's (headless Chromium never hides a tab).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, type Harness } from './harness';

const OPEN = '1001'; // Jane's open conversation: "Hi, the CSV export fails on large reports."
let h: Harness;

beforeAll(async () => {
  h = await launch({ demo: true });
});
afterAll(async () => {
  await h?.close();
});

/** A teammate acting in Intercom itself (through the simulator's API, as Intercom's inbox would). */
async function inIntercom(path: string, body: object) {
  const response = await fetch(`${h.sim.apiBaseUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${h.sim.token}`, 'intercom-version': '2.14', 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
}
const ben = () => h.sim.state.admins.find((a) => a.name === 'Ben Support')!.id;

async function openConversation(id = OPEN): Promise<Page> {
  const page = await h.context.newPage();
  await page.goto(`${h.demo!.url}/customers/usr_1001`);
  await page.getByRole('button', { name: 'Message Jane Cooper' }).click();
  await page.locator('.recipient[data-contact-id]').waitFor();
  const picker = page.getByLabel('Conversation', { exact: true });
  await expect.poll(() => picker.locator('option').count()).toBeGreaterThan(1);
  await picker.selectOption(id);
  return page;
}
const items = (page: Page) => page.getByRole('list', { name: 'Conversation thread' }).getByRole('listitem');

describe('the thread in the in-page panel', () => {
  it('shows the last three parts oldest first, a note marked, an event on one line, each with author and time; Earlier shows more', async () => {
    await inIntercom(`/conversations/${OPEN}/reply`, { message_type: 'comment', type: 'admin', admin_id: ben(), body: '<p>Which report size fails?</p>' });
    await inIntercom(`/conversations/${OPEN}/reply`, { message_type: 'note', type: 'admin', admin_id: ben(), body: '<p>Looks like the 10k row limit.</p>' });
    h.sim.addCustomerPart(OPEN, '<p>Anything over 10,000 rows.</p>');
    await inIntercom(`/conversations/${OPEN}/parts`, { message_type: 'close', type: 'admin', admin_id: ben() });
    const page = await openConversation();
    await expect.poll(() => items(page).count()).toBe(3);
    const texts = await items(page).allTextContents();
    expect(texts[0]).toMatch(/^Ben Support\s*Note\s*\S.*Looks like the 10k row limit\.$/);
    expect(texts[1]).toMatch(/^Jane Cooper\s*\S.*Anything over 10,000 rows\.$/);
    expect(texts[2]).toMatch(/^Ben Support closed the conversation · \S/);
    // Each has its time, as a machine-readable date.
    expect(await items(page).locator('time').count()).toBe(3);
    expect(await items(page).nth(2).locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);

    await page.getByRole('button', { name: 'Earlier', exact: true }).click();
    await expect.poll(() => items(page).count()).toBe(5); // all of it: the opening message and Ben's reply
    const all = await items(page).allTextContents();
    expect(all[0]).toContain('Hi, the CSV export fails on large reports.');
    expect(all[1]).toContain('Which report size fails?');
    expect(await page.getByRole('button', { name: 'Earlier', exact: true }).count()).toBe(0);
    await page.close();
  });

  it('shows a part the customer adds while the panel is open, without moving the composer', async () => {
    const page = await openConversation();
    await expect.poll(() => items(page).count()).toBe(3);
    const message = page.getByLabel('Message', { exact: true });
    await message.fill('Thanks, looking into it');
    const before = await message.boundingBox();
    const reads = () => h.sim.requests.filter((r) => r.method === 'GET' && r.path === `/conversations/${OPEN}`).length;
    const readsBefore = reads();
    const started = Date.now();
    h.sim.addCustomerPart(OPEN, '<p>Any news on the export?</p>');
    await expect.poll(() => items(page).last().textContent(), { timeout: 15_000, interval: 100 }).toContain('Any news on the export?');
    console.log(`customer part visible in the in-page thread after ${Date.now() - started} ms`);
    expect(await message.boundingBox()).toEqual(before);
    expect(await message.inputValue()).toBe('Thanks, looking into it');
    expect(reads() - readsBefore).toBeGreaterThanOrEqual(1);
    // The reply goes against what is shown now: no collision.
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByRole('dialog').getByRole('link', { name: 'Open conversation' }).waitFor();
    await page.close();
  });

});
