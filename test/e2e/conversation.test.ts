// Continuing a conversation through the panel, in Chromium against the simulator: reply, note,
// follow-ups (assign to me, close, snooze), the collision check and "Send anyway", and the fault
// matrix for replies (each row: the words shown, the draft kept, the exact number of parts Intercom
// holds), printed as a table. Also: nothing arriving late moves Send.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, alertText, draftOf, sentLink, openCustomerPanel, storedDraftBodies, type Harness } from './harness';

const OPEN = '1001'; // Jane's open conversation: "Hi, the CSV export fails on large reports."
let h: Harness;
const table: string[][] = [];

beforeAll(async () => {
  h = await launch({ demo: true });
});
afterAll(async () => {
  await h?.close();
  if (table.length === 0) return;
  const widths = [0, 1, 2, 3].map((i) => Math.max(...table.map((r) => r[i]!.length), 6));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
  console.log(`\nReply fault matrix\n${line(['fault', 'what the agent sees', 'draft kept', 'replies in Intercom'])}\n${widths.map((w) => '-'.repeat(w)).join('-|-')}\n${table.map(line).join('\n')}\n`);
});
beforeEach(() => {
  h.sim.clearFaults();
  h.sim.requests.length = 0;
});

const conversation = (id = OPEN) => h.sim.state.conversations.find((c) => c.id === id)!;
const partsOf = (id = OPEN) => conversation(id)?.conversation_parts.conversation_parts ?? [];
const byText = (text: string, id = OPEN) => partsOf(id).filter((p) => p.body?.includes(text));
const dialog = (page: Page) => page.getByRole('dialog');

const openPanel = () => openCustomerPanel(h);

let n = 0;
/** Opens the panel, chooses the conversation, writes a unique text; Send is left to the test. */
async function compose(id = OPEN): Promise<{ page: Page; text: string }> {
  const page = await openPanel();
  const picker = page.getByLabel('Conversation', { exact: true });
  await expect.poll(() => picker.locator('option').count()).toBeGreaterThan(1);
  await picker.selectOption(id);
  await page.getByRole('list', { name: 'Conversation thread' }).getByRole('listitem').first().waitFor();
  const text = `Reply ${++n} ${Date.now()}`;
  await page.getByLabel('Message', { exact: true }).fill(text);
  await expect.poll(() => storedDraftBodies(h), { timeout: 5_000 }).toContain(text); // autosaved
  return { page, text };
}
/** axe-core's serious and critical findings in the panel (its shadow root is open in test builds). */
async function seriousViolations(page: Page): Promise<unknown[]> {
  await page.evaluate(readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));
  const { serious, passed } = await page.evaluate(async () => {
    const result = await (globalThis as any).axe.run(document.querySelector('hailer-compose'));
    const serious = result.violations.filter((v: { impact: string }) => v.impact === 'serious' || v.impact === 'critical').map((v: { id: string }) => v.id);
    return { serious, passed: result.passes.length as number };
  });
  expect(passed, 'axe looked into the panel').toBeGreaterThan(5);
  return serious;
}
const send = (page: Page) => page.getByRole('button', { name: 'Send', exact: true }).click();

describe('the panel', () => {
  it('keeps Send where it is while the conversation list loads, then lists open conversations first', async () => {
    h.sim.injectFault({ method: 'POST', path: '/conversations/search', delayMs: 1500 });
    const page = await openPanel();
    const sendButton = page.getByRole('button', { name: 'Send', exact: true });
    const before = await sendButton.boundingBox();
    await expect.poll(() => page.getByLabel('Conversation', { exact: true }).locator('option').count(), { timeout: 10_000 }).toBeGreaterThan(1);
    expect(await sendButton.boundingBox()).toEqual(before);
    const labels = await page.getByLabel('Conversation', { exact: true }).locator('option').allTextContents();
    expect(labels[0]).toBe('New conversation');
    expect(labels[1]).toMatch(/^Hi, the CSV export fails on large reports\. · open · Ada Admin · \d+ d ago$/);
    expect(labels[2]).toMatch(/^How do I add a teammate to our plan\? · closed · Ben Support · /);
    // Choosing a conversation hides channel and subject, and says what will happen.
    await page.getByLabel('Conversation', { exact: true }).selectOption(OPEN);
    await expect.poll(() => dialog(page).textContent()).toContain('Reply to Jane Cooper in “Hi, the CSV export fails on large reports.”');
    expect(await page.getByRole('radio', { name: 'Email' }).count()).toBe(0);
    await page.getByRole('checkbox', { name: 'Internal note' }).check();
    await expect.poll(() => dialog(page).textContent()).toContain('Note for your team, Jane Cooper will not see it.');
    await page.close();
  });

  it('starts on the options’ default conversation (the latest open one) and default follow-up', async () => {
    const setDefaults = async (conversation: string, followUp: string) => {
      const options = await h.extensionPage('options.html');
      await options.getByLabel('Default conversation').selectOption({ label: conversation });
      await options.getByLabel('Default follow-up').selectOption({ label: followUp });
      await options.getByRole('button', { name: 'Save' }).click();
      await options.getByRole('status').getByText('Saved.').waitFor();
      await options.close();
    };
    await setDefaults('The latest open conversation', 'Close');
    try {
      const page = await openPanel();
      await expect.poll(() => page.getByLabel('Conversation', { exact: true }).inputValue()).toBe(OPEN);
      expect(await page.getByLabel('Follow-up').inputValue()).toBe('close');
      await page.close();
    } finally {
      await setDefaults('New conversation', 'Leave as is');
    }
  });

  it('keeps a draft per conversation', async () => {
    const { page, text } = await compose();
    const picker = page.getByLabel('Conversation', { exact: true });
    await picker.selectOption('');
    await expect.poll(() => draftOf(page)).toBe('');
    await picker.selectOption(OPEN);
    await expect.poll(() => draftOf(page)).toBe(text);
    await page.close();
  });
});

describe('reply, note and follow-ups', () => {
  it('replies, then "Assign to me" assigns to the admin who replied', async () => {
    const { page, text } = await compose();
    await page.getByLabel('From').selectOption({ label: 'Ben Support' });
    await page.getByLabel('Follow-up').selectOption({ label: 'Assign to me' });
    await send(page);
    await sentLink(page).waitFor();
    expect(await dialog(page).getByRole('status').textContent()).toContain('Reply sent.');
    expect(byText(text).map((p) => [p.part_type, p.author.id])).toEqual([['comment', '991002']]);
    expect(partsOf().at(-1)).toMatchObject({ part_type: 'assignment', assigned_to: { type: 'admin', id: '991002' } });
    expect(conversation().admin_assignee_id).toBe(991002);
    expect(await draftOf(page)).toBe('');
    await page.close();
    // Starting a new conversation now warns that an open one was updated in the last hour.
    const next = await openPanel();
    await expect.poll(() => next.locator('#hailer-thread').textContent()).toContain('Jane Cooper has an open conversation updated in the last hour.');
    await next.close();
  });

  it('leaves an internal note, then closes the conversation', async () => {
    const { page, text } = await compose();
    await page.getByRole('checkbox', { name: 'Internal note' }).check();
    await page.getByLabel('Follow-up').selectOption({ label: 'Close' });
    await send(page);
    await sentLink(page).waitFor();
    expect(await dialog(page).getByRole('status').textContent()).toContain('Note added.');
    expect(byText(text).map((p) => p.part_type)).toEqual(['note']);
    expect(conversation()).toMatchObject({ state: 'closed', open: false });
    const history = await h.worker.evaluate(async () => (await (globalThis as any).chrome.storage.local.get('history')).history ?? []);
    expect(history[0]).toMatchObject({ kind: 'note', status: 'sent', to: 'Jane Cooper', conversationUrl: expect.stringMatching(/\/inbox\/conversation\/1001$/) });
    await page.close();
  });

  it('replies and snoozes until tomorrow 9:00 in the agent’s time zone', async () => {
    const { page, text } = await compose();
    await page.getByLabel('Follow-up').selectOption({ label: 'Snooze until tomorrow 9:00' });
    await send(page);
    await sentLink(page).waitFor();
    const nine = await page.evaluate(() => {
      const d = new Date();
      return Math.floor(new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1, 9).getTime() / 1000);
    });
    expect(byText(text)).toHaveLength(1);
    expect(conversation()).toMatchObject({ state: 'snoozed', snoozed_until: nine });
    await page.close();
  });

  it('a customer message that arrives before Send blocks the reply; "Send anyway" sends exactly one', async () => {
    const { page, text } = await compose();
    h.sim.addCustomerPart(OPEN, '<p>Actually it works now, thanks!</p>');
    await send(page);
    await expect.poll(() => alertText(page)).toContain('New in this conversation since you opened it. Nothing was sent');
    expect(await alertText(page)).toContain('Jane Cooper: Actually it works now, thanks!');
    expect(byText(text)).toHaveLength(0);
    expect(await draftOf(page)).toBe(text);
    expect(await seriousViolations(page)).toEqual([]); // the reply controls and the collision view
    await page.getByRole('button', { name: 'Send anyway' }).click();
    await sentLink(page).waitFor();
    expect(byText(text)).toHaveLength(1);
    expect(h.sim.requests.filter((r) => r.method === 'POST' && r.path === '/conversations/1001/reply')).toHaveLength(1);
    table.push(['customer wrote before Send', 'the new message, "Send anyway"', 'yes', '0, then 1 after "Send anyway"']);
    await page.close();
  });
});

describe('the popup', () => {
  it('shares the picker: an internal note from the toolbar popup', async () => {
    const popup = await h.extensionPage('popup.html?kind=email&value=jane%40acme.test');
    await popup.locator('.recipient[data-contact-id]').waitFor();
    const picker = popup.getByLabel('Conversation', { exact: true });
    await expect.poll(() => picker.locator('option').count()).toBeGreaterThan(1);
    await picker.selectOption(OPEN);
    await popup.getByRole('list', { name: 'Conversation thread' }).getByRole('listitem').first().waitFor();
    const text = `Popup note ${Date.now()}`;
    await popup.getByRole('checkbox', { name: 'Internal note' }).check();
    await popup.getByLabel('Message', { exact: true }).fill(text);
    await send(popup);
    await popup.getByRole('status').getByText('Note added.').waitFor();
    expect(byText(text).map((p) => p.part_type)).toEqual(['note']);
    await popup.close();
  });
});

describe('follow-ups on their own', () => {
  it('a new conversation gets its follow-up once its id is known (assign to a team)', async () => {
    const page = await openPanel();
    const text = `New with follow-up ${Date.now()}`;
    await page.getByLabel('Message', { exact: true }).fill(text);
    await page.getByLabel('Follow-up').selectOption({ label: 'Assign to Billing' });
    await send(page);
    await sentLink(page).waitFor();
    const message = h.sim.state.messages.find((m) => m.body.includes(text))!;
    await expect.poll(() => conversation(message.conversation_id!)?.team_assignee_id).toBe(814001);
    expect(partsOf(message.conversation_id!).map((p) => p.part_type)).toEqual(['assignment']);
    await page.close();
  });

  it('a follow-up that fails is said, without hiding that the reply was sent', async () => {
    h.sim.injectFault({ status: 403, method: 'POST', path: '/conversations/1001/parts' });
    const { page, text } = await compose();
    await page.getByLabel('Follow-up').selectOption({ label: 'Close' });
    await send(page);
    await sentLink(page).waitFor();
    expect(await dialog(page).getByRole('status').textContent()).toContain('Reply sent.');
    await expect.poll(() => alertText(page)).toContain('It was sent, but the follow-up was not applied: The access token is not allowed to do this.');
    const seen = await alertText(page);
    expect(byText(text)).toHaveLength(1);
    expect(partsOf().at(-1)!.part_type).toBe('comment');
    table.push(['403 on the follow-up (close)', `Reply sent. + ${seen.trim().slice(0, 70)}`, 'cleared (the reply was sent)', '1 reply, not closed']);
    await page.close();
  });
});

describe('reply fault matrix', () => {
  it.each([
    [401, 'Intercom rejected the access token.'],
    [409, 'Intercom refused the reply because the conversation changed.'],
    [422, 'Intercom did not accept this message.'],
    [429, 'Intercom is limiting how fast messages can be sent.'],
  ])('%i: nothing sent, plain words, draft kept, Retry sends once', async (status, words) => {
    h.sim.injectFault({ status, method: 'POST', path: '/conversations/1001/reply' });
    const { page, text } = await compose();
    await send(page);
    await expect.poll(() => alertText(page)).toContain(words);
    const seen = await alertText(page);
    expect(await draftOf(page)).toBe(text);
    expect(byText(text)).toHaveLength(0);
    await page.getByRole('button', { name: 'Retry' }).click();
    await sentLink(page).waitFor();
    expect(byText(text)).toHaveLength(1);
    table.push([String(status), seen.trim().slice(0, 90), 'yes', '0, then 1 after Retry']);
    await page.close();
  });

  it('404: the conversation was deleted after the panel showed it', async () => {
    const { page, text } = await compose('1000');
    const gone = h.sim.state.conversations.findIndex((c) => c.id === '1000');
    const [removed] = h.sim.state.conversations.splice(gone, 1);
    await send(page);
    await expect.poll(() => alertText(page)).toContain('This conversation no longer exists in Intercom.');
    const seen = await alertText(page);
    expect(await draftOf(page)).toBe(text);
    expect(removed!.conversation_parts.conversation_parts.filter((p) => p.body?.includes(text))).toHaveLength(0);
    expect(h.sim.requests.filter((r) => r.path.endsWith('/reply'))).toHaveLength(0);
    table.push(['404 conversation deleted', seen.trim().slice(0, 90), 'yes', '0 (nothing posted)']);
    await page.close();
  });

  it('503 before Intercom stored it: "may have been sent", nothing resent until the agent says so', async () => {
    h.sim.injectFault({ status: 503, method: 'POST', path: '/conversations/1001/reply' });
    const { page, text } = await compose();
    await send(page);
    await expect.poll(() => alertText(page), { timeout: 15_000 }).toContain('may have been sent');
    const seen = await alertText(page);
    expect(await draftOf(page)).toBe(text);
    expect(byText(text)).toHaveLength(0);
    await page.getByRole('button', { name: 'Send again anyway' }).click();
    await sentLink(page).waitFor();
    expect(byText(text)).toHaveLength(1);
    table.push(['503 (not stored)', seen.trim().slice(0, 90), 'yes', '0, then 1 after "Send again anyway"']);
    await page.close();
  });

  it('connection dropped after Intercom stored it: recognised as sent', async () => {
    h.sim.injectFault({ method: 'POST', path: '/conversations/1001/reply', drop: 'after' });
    const { page, text } = await compose();
    await send(page);
    await sentLink(page).waitFor({ timeout: 15_000 });
    // Chromium may resend a POST whose reused connection dropped before any answer: Intercom then
    // holds what it received, and Hailer itself sent one.
    const received = h.sim.requests.filter((r) => r.method === 'POST' && r.path === '/conversations/1001/reply').length;
    expect(byText(text)).toHaveLength(received);
    if (received > 1) await expect.poll(() => alertText(page)).toContain(`the conversation now holds this reply ${received} times`);
    const seen = received > 1 ? 'Reply sent; "the browser resent it … holds this reply 2 times"' : 'Reply sent. (found among the parts)';
    table.push(['connection dropped (stored)', seen, 'cleared after confirmed send', `${received}${received > 1 ? ' (the browser resent it; told)' : ''}`]);
    await page.close();
  });

  it('service worker stopped mid-reply: Retry finds the reply instead of sending again', async () => {
    h.sim.injectFault({ method: 'POST', path: '/conversations/1001/reply', delayMs: 1500, commit: true });
    const { page, text } = await compose();
    await send(page);
    await expect.poll(() => h.sim.requests.filter((r) => r.path === '/conversations/1001/reply').length).toBe(1);
    const cdp = await h.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await expect.poll(() => alertText(page), { timeout: 10_000 }).toContain('Hailer could not reach its background service.');
    const seen = await alertText(page);
    expect(await draftOf(page)).toBe(text);
    await expect.poll(() => byText(text).length, { timeout: 5_000 }).toBe(1); // Intercom did get it
    await page.getByRole('button', { name: 'Retry' }).click();
    await sentLink(page).waitFor();
    expect(byText(text)).toHaveLength(1);
    expect(h.sim.requests.filter((r) => r.path === '/conversations/1001/reply')).toHaveLength(1);
    table.push(['service worker stopped mid-reply', seen.trim().slice(0, 90), 'yes', '1 (Retry reconciled, no resend)']);
    await page.close();
  });
});
