// Issue 6's fault matrix, through the panel as an agent uses it: for each fault the simulator
// injects, the agent sees what happened and what to do, the draft is still there, and Intercom ends
// up with exactly the messages it should (never a duplicate, never a lost one). The run prints the
// matrix as a table.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, alertText, draftOf, sentLink, openCustomerPanel, storedDraftBodies, type Harness } from './harness';
import { launchExtension, waitForRuleRegistration } from './chromium.mjs';

let h: Harness;
let userDataDir: string;
const table: string[][] = [];

beforeAll(async () => {
  userDataDir = await mkdtemp(join(tmpdir(), 'hailer-faults-'));
  h = await launch({ userDataDir, demo: true });
});
afterAll(async () => {
  await h?.close();
  await rm(userDataDir, { recursive: true, force: true });
  const widths = [0, 1, 2, 3].map((i) => Math.max(...table.map((r) => r[i]!.length), 6));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
  console.log(`\nFault matrix\n${line(['fault', 'what the agent sees', 'draft kept', 'messages in Intercom'])}\n${widths.map((w) => '-'.repeat(w)).join('-|-')}\n${table.map(line).join('\n')}\n`);
});
beforeEach(() => {
  h.sim.requests.length = 0;
  h.sim.clearFaults();
});

let n = 0;
/** Opens a customer, writes a unique message, and (after `beforeSend`) clicks Send. */
async function compose(beforeSend?: () => Promise<void>): Promise<{ page: Page; text: string }> {
  const page = await openCustomerPanel(h);
  const text = `Fault matrix message ${++n} ${Date.now()}`;
  await page.getByLabel('Message', { exact: true }).fill(text);
  await expect.poll(() => storedDraftBodies(h), { timeout: 5_000 }).toContain(text); // autosaved
  await beforeSend?.();
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  return { page, text };
}
const created = (text: string) => h.sim.state.messages.filter((m: { body: string }) => m.body.includes(text)).length;

describe('definite failures: nothing sent, plain words, draft kept, Retry sends once', () => {
  it.each([
    [401, 'Intercom rejected the access token.'],
    [403, 'The access token is not allowed to do this.'],
    [404, 'This customer was not found in Intercom.'],
    [422, 'Intercom did not accept this message.'],
    [429, 'Intercom is limiting how fast messages can be sent.'],
  ])('%i', async (status, words) => {
    h.sim.injectFault({ status, method: 'POST', path: '/messages' });
    const { page, text } = await compose();
    await expect.poll(() => alertText(page)).toContain(words);
    const seen = await alertText(page);
    if (status === 429) expect(seen).toMatch(/Wait until .+ and send again/);
    expect(await draftOf(page)).toBe(text);
    expect(created(text)).toBe(0);
    await page.getByRole('button', { name: 'Retry' }).click();
    await sentLink(page).waitFor();
    expect(created(text)).toBe(1);
    table.push([String(status), seen.trim().slice(0, 90), 'yes', `0, then 1 after Retry`]);
    await page.close();
  });
});

describe('ambiguous failures: reconciled, never sent twice', () => {
  it.each([
    ['500 before Intercom stored it', { status: 500 }, false],
    ['502 after Intercom stored it', { status: 502, commit: true }, true],
    ['503 before Intercom stored it', { status: 503 }, false],
    ['slow answer past the timeout (stored)', { delayMs: 4000, commit: true }, true],
  ])('%s', async (name, fault, stored) => {
    h.sim.injectFault({ method: 'POST', path: '/messages', ...fault });
    const { page, text } = await compose();
    if (stored) {
      // Hailer finds the conversation its message started instead of sending again.
      await sentLink(page).waitFor({ timeout: 15_000 });
      expect(created(text)).toBe(1);
      table.push([name, 'Sent. (found the conversation it started)', 'cleared after confirmed send', '1']);
    } else {
      await expect.poll(() => alertText(page), { timeout: 15_000 }).toContain('The message may have been sent');
      const seen = await alertText(page);
      expect(await draftOf(page)).toBe(text);
      expect(created(text)).toBe(0);
      await page.getByRole('button', { name: 'Send again anyway' }).click();
      await sentLink(page).waitFor();
      expect(created(text)).toBe(1);
      table.push([name, seen.trim().slice(0, 90), 'yes', '0, then 1 after "Send again anyway"']);
    }
    await page.close();
  });
});

describe('the browser itself', () => {
  it('offline: nothing sent, say so, send once back online', async () => {
    const { page, text } = await compose(() => h.context.setOffline(true));
    await expect.poll(() => alertText(page)).toContain('You are offline.');
    const seen = await alertText(page);
    expect(await draftOf(page)).toBe(text);
    expect(h.sim.requests.filter((r) => r.path === '/messages')).toHaveLength(0);
    await h.context.setOffline(false);
    await page.getByRole('button', { name: 'Retry' }).click();
    await sentLink(page).waitFor();
    expect(created(text)).toBe(1);
    table.push(['browser offline', seen.trim().slice(0, 90), 'yes', '0, then 1 after Retry online']);
    await page.close();
  });

  it('connection dropped after Intercom stored it: a browser resend is detected and reported', async () => {
    h.sim.injectFault({ method: 'POST', path: '/messages', drop: 'after' });
    const { page, text } = await compose();
    await sentLink(page).waitFor({ timeout: 15_000 });
    // Hailer made one request. Chromium resends a POST by itself when a reused connection drops
    // before any answer, so Intercom may get it twice; Hailer then looks and tells the agent.
    const received = h.sim.requests.filter((r) => r.method === 'POST' && r.path === '/messages').length;
    expect(created(text)).toBe(received);
    if (received > 1) {
      const history = () => h.worker.evaluate(async () => (await (globalThis as any).chrome.storage.local.get('history')).history ?? []);
      await expect.poll(async () => (await history()).some((e: { status: string }) => e.status === 'duplicate'), { timeout: 10_000 }).toBe(true);
    }
    table.push([
      'connection dropped after the request (stored)',
      received > 1 ? 'Sent; then history + notification: "reached Intercom twice"' : 'Sent. (found the conversation it started)',
      'cleared after confirmed send',
      `${received} (${received > 1 ? 'the browser resent it; reported' : 'no resend'})`,
    ]);
    await page.close();
  });

  it('service worker stopped mid-send: the retry finds the message instead of resending', async () => {
    h.sim.injectFault({ method: 'POST', path: '/messages', delayMs: 1500, commit: true });
    const { page, text } = await compose();
    await expect.poll(() => h.sim.requests.filter((r) => r.path === '/messages').length).toBe(1);
    const cdp = await h.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await expect.poll(() => alertText(page), { timeout: 10_000 }).toContain('Hailer could not reach its background service.');
    const seen = await alertText(page);
    expect(await draftOf(page)).toBe(text);
    await expect.poll(() => created(text), { timeout: 5_000 }).toBe(1); // Intercom did get it
    await page.getByRole('button', { name: 'Retry' }).click();
    await sentLink(page).waitFor();
    expect(created(text)).toBe(1);
    table.push(['service worker stopped mid-send', seen.trim().slice(0, 90), 'yes', '1 (Retry reconciled, no resend)']);
    await page.close();
  });

  it('browser restarted with a draft open: the draft comes back', async () => {
    const page = await h.context.newPage();
    await page.goto(`${h.demo!.url}/customers/usr_1002`);
    await page.getByRole('button', { name: 'Message Marcus Lee' }).click();
    await page.getByLabel('Message', { exact: true }).fill('Half-written when the browser quit');
    await expect.poll(() => storedDraftBodies(h), { timeout: 5_000 }).toContain('Half-written when the browser quit'); // autosaved
    await h.context.close();
    const again = await launchExtension({ userDataDir });
    h.context = again.context;
    h.worker = again.worker;
    await waitForRuleRegistration(h.worker);
    const reopened = await h.context.newPage();
    await reopened.goto(`${h.demo!.url}/customers/usr_1002`);
    await reopened.getByRole('button', { name: 'Message Marcus Lee' }).click();
    await expect.poll(() => draftOf(reopened)).toBe('Half-written when the browser quit');
    table.push(['browser restarted with a draft open', 'the draft, as typed', 'yes', '0 (nothing was sent)']);
    expect(h.sim.state.messages.filter((m: { body: string }) => m.body.includes('Half-written'))).toHaveLength(0);
  });
});
