// Every flow through the built extension in Chromium, against the simulator answering as Intercom's
// documentation does (its `documentedAnswers` mode: numeric part ids; bot, team and integration
// parts; a part assigned to a contact; ticket and AI-agent fields). Before Hailer read these shapes,
// a reply, a note and every follow-up ended in "Intercom is having trouble right now." here.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, messagesPosted, alertText, sentLink, openCustomerPanel, type Harness } from './harness';

const OPEN = '1001';
let h: Harness;

beforeAll(async () => {
  h = await launch({ demo: true, sim: { documentedAnswers: true } });
});
afterAll(async () => {
  await h?.close();
});
beforeEach(() => {
  h.sim.clearFaults();
  h.sim.requests.length = 0;
});

const partsOf = (id = OPEN) => h.sim.state.conversations.find((c) => c.id === id)!.conversation_parts.conversation_parts;
const byText = (text: string) => partsOf().filter((p) => p.body?.includes(text));
const dialog = (page: Page) => page.getByRole('dialog');
const send = (page: Page) => page.getByRole('button', { name: 'Send', exact: true }).click();

const openJane = () => openCustomerPanel(h);

let n = 0;
async function composeReply(): Promise<{ page: Page; text: string }> {
  const page = await openJane();
  const picker = page.getByLabel('Conversation', { exact: true });
  await expect.poll(() => picker.locator('option').count()).toBeGreaterThan(1);
  await picker.selectOption(OPEN);
  await page.getByRole('list', { name: 'Conversation thread' }).getByRole('listitem').first().waitFor();
  const text = `Documented reply ${++n} ${Date.now()}`;
  await page.getByLabel('Message', { exact: true }).fill(text);
  return { page, text };
}

describe('with answers shaped as Intercom documents them', () => {
  it('the simulator really answers so: numeric part ids, a bot and a team among the authors', async () => {
    const page = await openJane();
    await page.getByLabel('Conversation', { exact: true }).selectOption(OPEN);
    await page.getByRole('list', { name: 'Conversation thread' }).getByRole('listitem').first().waitFor();
    const read = h.sim.requests.find((r) => r.method === 'GET' && r.path === `/conversations/${OPEN}`)!;
    const parts = (read.response as { conversation_parts: { conversation_parts: { id: unknown; author: { type: string } }[] } }).conversation_parts.conversation_parts;
    expect(parts.length).toBeGreaterThan(2);
    expect(parts.every((p) => typeof p.id === 'number')).toBe(true);
    expect(parts.map((p) => p.author.type)).toEqual(expect.arrayContaining(['bot', 'team']));
    await page.close();
  });

  it('starts a new conversation', async () => {
    const page = await openJane();
    await page.getByLabel('Message', { exact: true }).fill('A documented hello');
    await send(page);
    await sentLink(page).waitFor();
    expect(messagesPosted(h.sim).map((r) => r.body)).toMatchObject([{ body: '<p>A documented hello</p>' }]);
    await page.close();
  });

  it('replies, then "Assign to me"', async () => {
    const { page, text } = await composeReply();
    await page.getByLabel('Follow-up').selectOption({ label: 'Assign to me' });
    await send(page);
    await sentLink(page).waitFor();
    expect(await dialog(page).getByRole('status').textContent()).toContain('Reply sent.');
    expect(byText(text).map((p) => p.part_type)).toEqual(['comment']);
    expect(partsOf().at(-1)).toMatchObject({ part_type: 'assignment', assigned_to: { type: 'admin', id: '991001' } });
    await page.close();
  });

  it('leaves an internal note, then closes', async () => {
    const { page, text } = await composeReply();
    await page.getByRole('checkbox', { name: 'Internal note' }).check();
    await page.getByLabel('Follow-up').selectOption({ label: 'Close' });
    await send(page);
    await sentLink(page).waitFor();
    expect(await dialog(page).getByRole('status').textContent()).toContain('Note added.');
    expect(byText(text).map((p) => p.part_type)).toEqual(['note']);
    expect(h.sim.state.conversations.find((c) => c.id === OPEN)).toMatchObject({ state: 'closed' });
    await page.close();
  });

  it('replies and snoozes; then assigns to a team', async () => {
    const snooze = await composeReply();
    await snooze.page.getByLabel('Follow-up').selectOption({ label: 'Snooze until tomorrow 9:00' });
    await send(snooze.page);
    await sentLink(snooze.page).waitFor();
    expect(h.sim.state.conversations.find((c) => c.id === OPEN)).toMatchObject({ state: 'snoozed' });
    await snooze.page.close();
    const team = await composeReply();
    await team.page.getByLabel('Follow-up').selectOption({ label: 'Assign to Billing' });
    await send(team.page);
    await sentLink(team.page).waitFor();
    expect(h.sim.state.conversations.find((c) => c.id === OPEN)).toMatchObject({ team_assignee_id: 814001 });
    await team.page.close();
  });

  it('the collision check stops a reply the customer overtook; "Send anyway" sends exactly one', async () => {
    const { page, text } = await composeReply();
    h.sim.addCustomerPart(OPEN, '<p>Found it myself, thanks</p>');
    await send(page);
    await expect.poll(() => alertText(page)).toContain('New in this conversation since you opened it. Nothing was sent');
    expect(byText(text)).toHaveLength(0);
    await page.getByRole('button', { name: 'Send anyway' }).click();
    await sentLink(page).waitFor();
    expect(byText(text)).toHaveLength(1);
    await page.close();
  });

  it('Send later, then Send now from the popup: sent once', async () => {
    // Marcus, not Jane: Jane wrote in the test before, and a scheduled send whose customer wrote in the
    // same second it was scheduled (Intercom's times are whole seconds) is held back as "they wrote since".
    const page = await openCustomerPanel(h, '/customers/usr_1002', 'Marcus Lee');
    const text = `Later, documented ${Date.now()}`;
    await page.getByLabel('Message', { exact: true }).fill(text);
    await page.getByRole('button', { name: 'Send later', exact: true }).click();
    await page.getByRole('menuitem', { name: 'In 1 hour' }).click();
    await page.getByText(/^Scheduled for /).waitFor();
    const popup = await h.extensionPage('popup.html');
    const scheduled = popup.getByRole('region', { name: 'Scheduled' });
    await scheduled.getByText(text).waitFor();
    await scheduled.getByRole('button', { name: 'Send now', exact: true }).click();
    await expect.poll(() => h.sim.state.messages.filter((m: { body: string }) => m.body.includes(text)).length, { timeout: 10_000 }).toBe(1);
    await Promise.all([page.close(), popup.close()]);
  });

  it('People on this page looks people up and sends', async () => {
    const page = await h.context.newPage();
    const desk = `${h.demo!.url.replace('127.0.0.1', 'localhost')}/desk/tickets/5001`;
    await page.goto(desk);
    const tabId = await h.worker.evaluate(async (url) => (await (globalThis as any).chrome.tabs.query({ url }))[0].id, desk);
    const popup = await h.extensionPage(`popup.html?tab=${tabId}`);
    const list = popup.getByRole('list', { name: 'People on this page' });
    await list.getByRole('button', { name: /Marcus Lee/ }).click();
    await popup.locator('.recipient[data-contact-id]').waitFor();
    await popup.getByLabel('Message', { exact: true }).fill('Documented refund note.');
    await popup.getByRole('button', { name: 'Send', exact: true }).click();
    await dialog(popup).getByRole('link', { name: 'Open conversation' }).waitFor();
    expect(messagesPosted(h.sim).map((r) => r.body)).toMatchObject([{ body: '<p>Documented refund note.</p>' }]);
    await Promise.all([popup.close(), page.close()]);
  });

  it('an answer Hailer cannot read: the panel says so and that nothing was sent; options name the operation and field, not the text', async () => {
    const { page, text } = await composeReply();
    h.sim.injectFault({ method: 'GET', path: `/conversations/${OPEN}`, status: 200, body: { type: 'conversation', id: OPEN, state: 'open', updated_at: 1, conversation_parts: { conversation_parts: [] } } });
    await send(page);
    await expect.poll(() => alertText(page)).toContain('Intercom answered in a way Hailer could not read.');
    expect(await alertText(page)).toContain('Nothing was sent.');
    expect(await alertText(page)).not.toContain('Intercom is having trouble');
    expect(byText(text)).toHaveLength(0);
    expect(await page.getByLabel('Message', { exact: true }).inputValue()).toBe(text);
    const options = await h.extensionPage('options.html');
    const diagnostics = options.locator('#diagnostics');
    await expect.poll(() => diagnostics.textContent()).toContain("Hailer could not read Intercom's answer to GET /conversations/{id} (created_at: expected number, received undefined).");
    expect(await diagnostics.textContent()).not.toContain(text);
    await Promise.all([page.close(), options.close()]);
  });
});
