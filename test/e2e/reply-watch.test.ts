// The reply watch in Chromium against the simulator: nothing sent from Hailer, no request; after a
// reply from the panel, a customer's answer becomes one notification "Jane Cooper replied: …" (a
// search one minute, the read the next: one request a minute), never twice; its click shows that conversation in the side panel (opened as
// a tab, as headless Chromium has no side panel); the switch in options turns it off. The minute's
// alarm is not waited for: test builds let the test run the same check (`hailerTest.checkReplies`).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, type Harness } from './harness';

const OPEN = '1001';
let h: Harness;

beforeAll(async () => {
  h = await launch({ demo: true, replyWatch: true });
  // The test runs each minute's check itself: the browser's own minute alarm is cleared (once the
  // background made it), so it cannot take a minute's request in between.
  await h.worker.evaluate(async () => {
    const alarms = (globalThis as any).chrome.alarms;
    while (!(await alarms.get('hailer-reply-watch'))) await new Promise((resolve) => setTimeout(resolve, 50));
    await alarms.clear('hailer-reply-watch');
  });
  // What the background asks the browser to show (the browser API, watched from outside).
  await h.worker.evaluate(() => {
    const notifications = (globalThis as any).chrome.notifications;
    const create = notifications.create.bind(notifications);
    (globalThis as any).shown = [];
    notifications.create = (id: string, options: { title: string; message: string }, ...rest: unknown[]) => {
      (globalThis as any).shown.push({ id, title: options.title, message: options.message });
      return create(id, options, ...rest);
    };
  });
});
afterAll(async () => {
  await h?.close();
});

const check = () => h.worker.evaluate(() => (globalThis as any).hailerTest.checkReplies()) as Promise<{ notified: number; requests: number }>;
const shown = () => h.worker.evaluate(() => (globalThis as any).shown) as Promise<{ id: string; title: string; message: string }[]>;

describe('the reply watch', () => {
  it('asks Intercom nothing while nothing was sent from Hailer', async () => {
    h.sim.requests.length = 0;
    expect(await check()).toEqual({ notified: 0, requests: 0 });
    expect(h.sim.requests).toHaveLength(0);
  });

  it('notifies a customer answer to a reply sent from Hailer once, and its click opens the conversation in the side panel', async () => {
    const page = await h.context.newPage();
    await page.goto(`${h.demo!.url}/customers/usr_1001`);
    await page.getByRole('button', { name: 'Message Jane Cooper' }).click();
    const picker = page.getByLabel('Conversation', { exact: true });
    await expect.poll(() => picker.locator('option').count()).toBeGreaterThan(1);
    await picker.selectOption(OPEN);
    await page.getByRole('list', { name: 'Conversation thread' }).getByRole('listitem').first().waitFor();
    await page.getByLabel('Message', { exact: true }).fill('Checking with engineering now.');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByRole('dialog').getByRole('link', { name: 'Open conversation' }).waitFor();
    await page.close();

    const minute = async () => {
      h.sim.requests.length = 0;
      const outcome = await check();
      return { ...outcome, asked: h.sim.requests.map((r) => `${r.method} ${r.path}`) };
    };
    // Our own reply is no answer: the search finds the conversation changed, with no customer waiting.
    expect(await minute()).toEqual({ notified: 0, requests: 1, asked: ['POST /conversations/search'] });
    h.sim.addCustomerPart(OPEN, '<p>Thanks! Any idea when it will be fixed?</p>');
    // One request a minute: the search finds the answer, the next minute reads it and notifies.
    expect(await minute()).toEqual({ notified: 0, requests: 1, asked: ['POST /conversations/search'] });
    expect(await minute()).toEqual({ notified: 1, requests: 1, asked: [`GET /conversations/${OPEN}`] });
    const notices = (await shown()).filter((n) => n.id.startsWith('hailer-reply:'));
    expect(notices).toHaveLength(1);
    expect(notices[0]!.message).toBe('Jane Cooper replied: Thanks! Any idea when it will be fixed?');
    // The next minute: nothing new, nothing shown again.
    await check();
    expect((await shown()).filter((n) => n.id.startsWith('hailer-reply:'))).toHaveLength(1);

    await h.worker.evaluate((id) => (globalThis as any).hailerTest.openReplyInSidePanel(id), notices[0]!.id);
    const side = await h.extensionPage('sidepanel.html');
    await expect.poll(() => side.getByRole('dialog').getByRole('heading', { level: 2 }).textContent()).toBe('Message Jane Cooper');
    await expect.poll(() => side.getByLabel('Conversation', { exact: true }).inputValue()).toBe(OPEN);
    await expect
      .poll(() => side.getByRole('list', { name: 'Conversation thread' }).getByRole('listitem').last().textContent())
      .toContain('Thanks! Any idea when it will be fixed?');
    await side.close();
  });

  it('is off with its switch in options: no request at all', async () => {
    const options = await h.extensionPage('options.html');
    await options.getByLabel('Tell me when a customer answers a conversation I started or answered from Hailer').uncheck();
    await options.getByRole('button', { name: 'Save' }).click();
    await options.getByRole('status').getByText('Saved.').waitFor();
    await options.close();
    h.sim.addCustomerPart(OPEN, '<p>Hello?</p>');
    h.sim.requests.length = 0;
    expect(await check()).toEqual({ notified: 0, requests: 0 });
    expect(h.sim.requests).toHaveLength(0);
  });
});
