// Issue 11's durable queue in Chromium: Send later from the panel, the popup's Scheduled list (edit,
// Send now, Cancel), sends that survive closing the browser (a scheduled one, and one cut off in its
// undo window: relaunched on the same profile past their time, each goes out exactly once), and a
// scheduled send the customer overtook by writing first.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { callFromPage, launch, openCustomerPanel, type Harness } from './harness';
import { launchExtension, waitForRuleRegistration } from './chromium.mjs';

const JANE = '6650a1b2c3d4e5f601000001';

let h: Harness;
let userDataDir: string;

beforeAll(async () => {
  userDataDir = await mkdtemp(join(tmpdir(), 'hailer-queue-'));
  h = await launch({ userDataDir, demo: true });
});
afterAll(async () => {
  await h?.close();
  await rm(userDataDir, { recursive: true, force: true });
});
beforeEach(() => {
  h.sim.requests.length = 0;
  h.sim.clearFaults();
});

const created = (text: string) => h.sim.state.messages.filter((m: { body: string }) => m.body.includes(text)).length;
const queued = () => h.worker.evaluate(async () => Object.values((await (globalThis as any).chrome.storage.local.get('sendQueue')).sendQueue ?? {}));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const openJane = () => openCustomerPanel(h);

/** Closes the browser and, after `awayMs`, starts it again on the same profile. */
async function restart(awayMs: number) {
  await h.context.close();
  await sleep(awayMs);
  const again = await launchExtension({ userDataDir });
  h.context = again.context;
  h.worker = again.worker;
  await waitForRuleRegistration(h.worker);
}

/** Schedules through the protocol, as the panel does, for a time seconds away. */
async function scheduleSoon(text: string, inMs: number) {
  const page = await h.extensionPage('options.html');
  const reply = (await callFromPage(page, 'message.schedule', {
    draftId: `e2e-queue-${Date.now()}`,
    recipient: { kind: 'contact_id', value: JANE },
    draft: { channel: 'in_app', body: text },
    sendAt: Date.now() + inMs,
  })) as { ok: boolean };
  expect(reply.ok).toBe(true);
  await page.close();
}

describe('Send later', () => {
  it('from the Send button\'s menu; the popup lists it under Scheduled; edit, then Send now sends it once', async () => {
    const page = await openJane();
    await page.getByLabel('Message', { exact: true }).fill('Good morning Jane, about your export.');
    await page.getByRole('button', { name: 'Send later', exact: true }).click();
    await expect(page.getByRole('menuitem').allTextContents()).resolves.toEqual(['In 1 hour', 'Tomorrow 9:00', 'Pick a time…']);
    await page.getByRole('menuitem', { name: 'In 1 hour' }).click();
    await page.getByText(/^Scheduled for /).waitFor();
    await expect(page.getByLabel('Message', { exact: true }).inputValue()).resolves.toBe(''); // it lives in the queue now
    // Queued as the HTML it will send; the popup shows and edits it as text.
    expect(await queued()).toMatchObject([{ kind: 'scheduled', draft: { body: '<p>Good morning Jane, about your export.</p>', bodyFormat: 'html' } }]);
    const [entry] = (await queued()) as { dueAt: number }[];
    expect(Math.abs(entry!.dueAt - (Date.now() + 3_600_000))).toBeLessThan(60_000);

    const popup = await h.extensionPage('popup.html');
    const scheduled = popup.getByRole('region', { name: 'Scheduled' });
    await scheduled.getByText('Good morning Jane, about your export.').waitFor();
    await scheduled.getByRole('button', { name: 'Edit', exact: true }).click();
    await scheduled.getByLabel('Message', { exact: true }).fill('Good morning Jane, your export is ready.');
    await scheduled.getByRole('button', { name: 'Save changes' }).click();
    await scheduled.getByText('Good morning Jane, your export is ready.').waitFor();
    await scheduled.getByRole('button', { name: 'Send now', exact: true }).click();
    await expect.poll(() => created('your export is ready'), { timeout: 10_000 }).toBe(1);
    expect(h.sim.state.messages.at(-1)!.body).toBe('<p>Good morning Jane, your export is ready.</p>');
    await scheduled.getByText('Nothing is waiting to be sent.').waitFor();
    expect(created('about your export')).toBe(0);
    await Promise.all([page.close(), popup.close()]);
  });

  it('Cancel in the popup: nothing is sent', async () => {
    const page = await openJane();
    await page.getByLabel('Message', { exact: true }).fill('Never mind this one.');
    await page.getByRole('button', { name: 'Send later', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Tomorrow 9:00' }).click();
    await page.getByText(/^Scheduled for /).waitFor();
    const [entry] = (await queued()) as { dueAt: number }[];
    const at = new Date(entry!.dueAt);
    expect([at.getHours(), at.getMinutes(), at.getDate()]).toEqual([9, 0, new Date(Date.now() + 86_400_000).getDate()]);
    const popup = await h.extensionPage('popup.html');
    await popup.getByRole('region', { name: 'Scheduled' }).getByRole('button', { name: 'Cancel', exact: true }).click();
    await popup.getByText('Nothing is waiting to be sent.').waitFor();
    expect(await queued()).toEqual([]);
    expect(created('Never mind this one.')).toBe(0);
    await Promise.all([page.close(), popup.close()]);
  });

  it('is not sent, and the agent is told, when the customer wrote since it was scheduled', async () => {
    await scheduleSoon('Following up on my last message.', 1_500);
    const conversation = h.sim.state.conversations.find((c) => c.contacts.contacts[0]?.id === JANE)!;
    const at = Math.floor(Date.now() / 1000);
    const parts = conversation.conversation_parts as { conversation_parts: object[]; total_count: number };
    parts.conversation_parts.push({
      type: 'conversation_part',
      id: `customer-${at}`,
      part_type: 'comment',
      body: '<p>Never mind, I found it!</p>',
      created_at: at,
      updated_at: at,
      notified_at: at,
      assigned_to: null,
      author: { type: 'user', id: JANE, name: 'Jane Cooper', email: 'jane@acme.test' },
      attachments: [],
      external_id: null,
      redacted: false,
    });
    parts.total_count++;
    conversation.updated_at = at;
    await expect.poll(async () => (await queued()).length, { timeout: 10_000 }).toBe(0);
    expect(created('Following up on my last message.')).toBe(0);
    const notifications = await h.worker.evaluate(async () => Object.keys(await (globalThis as any).chrome.notifications.getAll()));
    expect(notifications.some((id: string) => id.startsWith('hailer-queued-'))).toBe(true);
  });
});

describe('sends that survive closing the browser (same profile, relaunched past their time)', () => {
  it('a scheduled send goes out exactly once after the restart', async () => {
    await scheduleSoon('Scheduled across a restart.', 2_000);
    await restart(2_500);
    await expect.poll(() => created('Scheduled across a restart.'), { timeout: 15_000 }).toBe(1);
    await sleep(1_000); // any second send would have reached the simulator by now
    expect(created('Scheduled across a restart.')).toBe(1);
    expect(await queued()).toEqual([]);
  });

  it('a send cut off in its undo window goes out exactly once after the restart', async () => {
    const options = await h.extensionPage('options.html');
    await options.getByLabel('Undo window (seconds)').fill('3');
    await options.getByRole('button', { name: 'Save', exact: true }).click();
    await options.getByRole('status').getByText('Saved.', { exact: true }).waitFor();
    const page = await openJane();
    await page.getByLabel('Message', { exact: true }).fill('Sent in the undo window, then the browser quit.');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByText(/^Sending in 3 s/).waitFor();
    await expect.poll(async () => (await queued()).length).toBe(1);
    await restart(3_500);
    await expect.poll(() => created('then the browser quit'), { timeout: 15_000 }).toBe(1);
    await sleep(1_000);
    expect(created('then the browser quit')).toBe(1);
    expect(await queued()).toEqual([]);
    // The sent draft is cleared, as the panel would have: reopening Jane starts a new message.
    const drafts = await h.worker.evaluate(async () =>
      Object.entries(await (globalThis as any).chrome.storage.local.get(null)).filter(([key]) => key.startsWith('draft:v1:')).map(([, value]) => value),
    );
    expect(JSON.stringify(drafts)).not.toContain('then the browser quit');
    const again = await h.extensionPage('options.html');
    await again.getByLabel('Undo window (seconds)').fill('0');
    await again.getByRole('button', { name: 'Save', exact: true }).click();
    await again.getByRole('status').getByText('Saved.', { exact: true }).waitFor();
  });
});

describe('a service worker stopped inside the undo window', () => {
  it('its alarm wakes the next worker, which sends it once; Retry then finds it instead of resending', async () => {
    const options = await h.extensionPage('options.html');
    await options.getByLabel('Undo window (seconds)').fill('3');
    await options.getByRole('button', { name: 'Save', exact: true }).click();
    await options.getByRole('status').getByText('Saved.', { exact: true }).waitFor();
    const stored = () => options.evaluate(async () => Object.keys((await (globalThis as any).chrome.storage.local.get('sendQueue')).sendQueue ?? {}).length);
    const page = await openJane();
    const text = `Sent in the undo window, then the worker stopped ${Date.now()}.`;
    await page.getByLabel('Message', { exact: true }).fill(text);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByText(/^Sending in 3 s/).waitFor();
    await expect.poll(stored).toBe(1);
    const cdp = await h.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await expect.poll(() => created(text), { timeout: 15_000 }).toBe(1);
    await expect.poll(stored).toBe(0);
    // The panel lost its answer with the worker; sending the same draft again joins the first send.
    await page.getByRole('button', { name: /^(Retry|Send)$/ }).first().click();
    await page.getByRole('dialog').getByRole('link', { name: 'Open conversation' }).waitFor({ timeout: 15_000 });
    expect(created(text)).toBe(1);
    await options.getByLabel('Undo window (seconds)').fill('0');
    await options.getByRole('button', { name: 'Save', exact: true }).click();
    await options.getByRole('status').getByText('Saved.', { exact: true }).waitFor();
    await Promise.all([page.close(), options.close()]);
  });
});
