// Issue 4's end-to-end proof: the content script on the demo console (registered at run time for
// the console's preset team rule) detects the customer, the compose panel confirms them through the
// background and sends exactly once, follows single-page navigation, and keeps drafts.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, messagesPosted, storedDraftBodies, type Harness } from './harness';

const JANE = '6650a1b2c3d4e5f601000001';
const MARCUS = '6650a1b2c3d4e5f601000002';
const PRIYA = '6650a1b2c3d4e5f601000003';

let h: Harness;

beforeAll(async () => {
  h = await launch({ demo: true });
});
afterAll(async () => {
  await h?.close();
});
beforeEach(() => {
  h.sim.requests.length = 0;
});

async function openCustomer(path: string): Promise<Page> {
  const page = await h.context.newPage();
  await page.goto(`${h.demo!.url}${path}`);
  return page;
}

const launcher = (page: Page) => page.getByRole('button', { name: /^Message / });

describe('compose panel on the demo console', () => {
  it('confirms the customer, sends one valid in-app message and opens its conversation', async () => {
    const page = await openCustomer('/customers/usr_1001');
    // The launcher comes once the team rules are read (storage, then the rules chunk), which under
    // load may be after `goto` has returned: waited for, then counted (one launcher, not two).
    await page.getByRole('button', { name: 'Message Jane Cooper' }).waitFor();
    await expect(page.getByRole('button', { name: 'Message Jane Cooper' }).count()).resolves.toBe(1);
    await page.getByRole('button', { name: 'Message Jane Cooper' }).click();
    const body = page.getByLabel('Message', { exact: true });
    await expect.poll(() => body.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    await page.getByText('jane@acme.test').first().waitFor();
    await body.fill('Hi Jane, your export is ready.');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByRole('link', { name: 'Open conversation' }).waitFor();
    const posted = messagesPosted(h.sim);
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({ valid: true, body: { message_type: 'in_app', to: { type: 'user', id: JANE }, body: '<p>Hi Jane, your export is ready.</p>' } });
    const conversationId = String(h.sim.state.conversations.at(-1)!.id);
    await expect
      .poll(() => h.context.pages().some((p) => p.url().endsWith(`/inbox/conversation/${conversationId}`)))
      .toBe(true);
    await page.close();
  });

  it('sends an email with subject and template', async () => {
    const page = await openCustomer('/customers/usr_1002');
    await page.getByRole('button', { name: 'Message Marcus Lee' }).click();
    // Once Marcus is confirmed (his card in place), as an agent sees the panel: the channel does not move under the click.
    await page.locator(`.recipient[data-contact-id="${MARCUS}"]`).waitFor();
    await page.getByRole('radio', { name: 'Email' }).check();
    await page.getByLabel('Subject').fill('Your invoice');
    await page.getByLabel('Template').selectOption('personal');
    await page.getByLabel('Message', { exact: true }).fill('It is attached.');
    await page.keyboard.press('Control+Enter');
    await page.getByRole('link', { name: 'Open conversation' }).waitFor();
    const posted = messagesPosted(h.sim);
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({
      valid: true,
      body: { message_type: 'email', subject: 'Your invoice', template: 'personal', to: { type: 'user', id: MARCUS } },
    });
    await page.close();
  });

  it('sends once on a double click', async () => {
    const page = await openCustomer('/customers/usr_1001');
    await page.getByRole('button', { name: 'Message Jane Cooper' }).click();
    await page.getByLabel('Message', { exact: true }).fill('Just once.');
    await page.getByRole('button', { name: 'Send', exact: true }).dblclick();
    await page.keyboard.press('Control+Enter');
    await page.getByRole('link', { name: 'Open conversation' }).waitFor();
    await page.waitForTimeout(300); // let any second send reach the simulator before counting
    expect(messagesPosted(h.sim)).toHaveLength(1);
    await page.close();
  });

  it('keeps the draft across a reload', async () => {
    const page = await openCustomer('/customers/usr_1003');
    await page.getByRole('button', { name: /^Message Priya/ }).click();
    await page.getByLabel('Message', { exact: true }).fill('Draft that must survive');
    await expect.poll(() => storedDraftBodies(h), { timeout: 5_000 }).toContain('Draft that must survive'); // autosaved (debounced)
    await page.reload();
    await page.getByRole('button', { name: /^Message Priya/ }).click();
    await expect.poll(() => page.getByLabel('Message', { exact: true }).inputValue()).toBe('Draft that must survive');
    expect(messagesPosted(h.sim)).toHaveLength(0);
    await page.close();
  });

  it('follows single-page navigation to another customer and disappears where there is none', async () => {
    const page = await openCustomer('/app/');
    await page.getByRole('link', { name: /Jane Cooper/ }).first().click();
    await page.getByRole('button', { name: 'Message Jane Cooper' }).waitFor();
    await page.getByRole('link', { name: /Marcus Lee/ }).first().click();
    await page.getByRole('button', { name: 'Message Marcus Lee' }).waitFor();
    await expect(page.getByRole('button', { name: 'Message Jane Cooper' }).count()).resolves.toBe(0);
    await page.getByRole('link', { name: /Orders/ }).first().click();
    await expect.poll(() => launcher(page).count()).toBe(0);
    await page.close();
  });

  it('detects a customer by the team rule alone', async () => {
    const page = await openCustomer('/admin/users/usr_1003');
    await launcher(page).waitFor();
    await launcher(page).click();
    await page.getByText('priya@initech.test').first().waitFor();
    await page.getByLabel('Message', { exact: true }).fill('Found you by the rule.');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByRole('link', { name: 'Open conversation' }).waitFor();
    expect(messagesPosted(h.sim).map((r) => r.body)).toMatchObject([{ to: { type: 'user', id: PRIYA } }]);
    await page.close();
  });

  it('shows no launcher on a page without a customer', async () => {
    const page = await openCustomer('/');
    await page.waitForTimeout(500); // the content script has run by now (document_idle)
    await expect(launcher(page).count()).resolves.toBe(0);
    await page.close();
  });
});
