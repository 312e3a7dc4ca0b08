// Issue 19 end to end: one message to many customers, in real Chromium against the simulator. The
// demo console's list of affected customers (200; #4 and #9 unsubscribed from emails, #6 without a
// name, #14 also a lead) → popup "Select all" → "Message selected" → the bulk page → "Send to N
// people"; the Recipients box with a CSV; leads created only when ticked; the cap; Pause/Resume;
// Cancel; a 429 storm; 503s that had gone through; a browser restart mid-job. Every message is
// counted in the simulator's state.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { configureThroughOptions, launch, messagesPosted, type Harness } from './harness';
import { launchExtension } from './chromium.mjs';

let h: Harness;
let userDataDir: string;
/** The demo console's list page shows 200 affected customers (AFFECTED_COUNT); the simulator holds them. */
const AFFECTED = 200;

beforeAll(async () => {
  userDataDir = await mkdtemp(join(tmpdir(), 'hailer-bulk-'));
  h = await launch({ userDataDir, demo: true, sim: { affectedCustomers: AFFECTED } });
});
afterAll(async () => {
  await h?.close();
  await rm(userDataDir, { recursive: true, force: true });
});
beforeEach(() => {
  h.sim.requests.length = 0;
  h.sim.clearFaults();
  h.sim.setOptions({ latencyMs: 0 });
});

const email = (i: number) => `customer-${String(i).padStart(4, '0')}@affected.test`;
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => from + k);
/** Messages the simulator holds whose body includes `text`. */
const created = (text: string) => h.sim.state.messages.filter((m: { body: string }) => m.body.includes(text));
const counts = async (page: Page) => {
  const el = page.locator('p.counts');
  return { sent: Number(await el.getAttribute('data-sent')), skipped: Number(await el.getAttribute('data-skipped')), failed: Number(await el.getAttribute('data-failed')), left: Number(await el.getAttribute('data-left')) };
};
const settled = (page: Page) => page.getByRole('heading', { name: /^(Done|Cancelled)$/ }).waitFor({ timeout: 60_000 });

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** axe-core's serious and critical violations on a page. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const r = await (globalThis as any).axe.run(document);
    return { passes: r.passes.length, violations: r.violations.filter((v: any) => ['serious', 'critical'].includes(v.impact)).map((v: any) => `${v.id}: ${v.help}`) };
  });
  expect(result.passes, 'axe checked something').toBeGreaterThan(3);
  return result.violations;
}

/** The bulk page with these recipients pasted and looked up, and a message written. */
async function bulkPage(recipients: string, message: string, channel: 'In-app' | 'Email' = 'In-app'): Promise<Page> {
  const page = await h.extensionPage('bulk.html');
  await page.getByRole('textbox', { name: 'Recipients' }).fill(recipients);
  await page.getByRole('button', { name: 'Look up recipients' }).click();
  await page.getByRole('textbox', { name: 'Message', exact: true }).waitFor();
  if (channel === 'Email') {
    await page.getByRole('radio', { name: 'Email' }).check();
    await page.getByLabel('Subject').fill('About your invoice');
  }
  await page.getByRole('textbox', { name: 'Message', exact: true }).fill(message);
  return page;
}

/** A job of 40 (from customer `from` on) started at 250 ms a request, once its first message is out. */
async function sendingToForty(from: number, what: string): Promise<{ page: Page; text: string }> {
  h.sim.setOptions({ latencyMs: 250 });
  const text = `${what} ${Date.now()}`;
  const page = await bulkPage(range(from, from + 39).map(email).join('\n'), text);
  await page.getByRole('button', { name: 'Send to 40 people' }).click();
  await expect.poll(async () => (await counts(page)).sent, { timeout: 20_000 }).toBeGreaterThan(0);
  return { page, text };
}

describe('bulk send', () => {
  it('messages the 200 selected on the demo list page: counts, links, one search per 150, one history entry', async () => {
    const page = await h.context.newPage();
    const list = `${h.demo!.url}/incidents/billing-run`;
    await page.goto(list);
    const tabId = await h.worker.evaluate(async (url) => (await (globalThis as any).chrome.tabs.query({ url }))[0].id, list);
    const popup = await h.extensionPage(`popup.html?tab=${tabId}`);
    await popup.getByRole('checkbox', { name: 'Select Olivia Garcia' }).waitFor();
    const people = popup.getByRole('list', { name: 'People on this page' });
    expect(await people.getByRole('listitem').count()).toBe(AFFECTED);
    await popup.getByRole('checkbox', { name: 'Select all' }).check();
    expect(await people.getByRole('checkbox', { checked: true }).count()).toBe(AFFECTED);
    const opened = h.context.waitForEvent('page');
    await popup.getByRole('button', { name: 'Message selected' }).click();
    const bulk = await opened;
    await bulk.getByRole('textbox', { name: 'Message', exact: true }).waitFor();
    // The popup's list and the bulk page's lookup: 200 people are two searches of at most 150 each,
    // the first followed to its next page (#14 is two contacts: 151 for a page of 150).
    const searches = h.sim.requests.filter((r) => r.path === '/contacts/search');
    expect(searches).toHaveLength(6);
    expect(searches.filter((r) => (r.body as { pagination: { starting_after?: string } }).pagination.starting_after)).toHaveLength(2);
    expect(searches.every((r) => r.valid)).toBe(true);
    h.sim.requests.length = 0;
    const text = `The billing run failed ${Date.now()}`;
    await bulk.getByRole('textbox', { name: 'Message', exact: true }).fill(`Hi {{user.first_name|fallback:"there"}}, ${text} for {{user.custom_attributes.invoice}}.`);
    // #14 is a user and a lead: "Two contacts", skipped; everyone else gets it.
    await expect.poll(() => bulk.getByRole('row').filter({ hasText: 'Two contacts' }).count()).toBe(1);
    await bulk.getByText('199 people in Acme (simulated) get this message in the app.').waitFor();
    const preview = bulk.getByRole('region', { name: 'Preview for the first three' });
    await preview.getByText(`Hi Olivia, ${text} for INV-20261.`).waitFor();
    // Each new conversation is closed once its message is in (the optional follow-up).
    await bulk.getByLabel('Follow-up').selectOption({ label: 'Close' });
    await bulk.getByRole('button', { name: 'Send to 199 people' }).click();
    await settled(bulk);
    expect(await counts(bulk)).toEqual({ sent: 199, skipped: 1, failed: 0, left: 0 });
    const links = await bulk.getByRole('link', { name: 'Open' }).evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(links).toHaveLength(199);
    for (const link of links) expect(link).toMatch(/\/a\/inbox\/acme42\/inbox\/conversation\/\d+$/);
    expect(new Set(links).size).toBe(199);
    const conversationIds = links.map((l) => l.split('/').pop());
    const states = h.sim.state.conversations.filter((c: { id: string }) => conversationIds.includes(c.id)).map((c: { state: string }) => c.state);
    expect(states).toEqual(Array(199).fill('closed'));
    const mine = created(text);
    expect(mine).toHaveLength(199);
    expect(new Set(mine.map((m: { to: { id: string }[] }) => m.to[0]!.id)).size).toBe(199);
    expect(mine.map((m: { body: string }) => m.body)).toContain(`<p>Hi there, ${text} for INV-20266.</p>`); // #6 has no name
    expect(messagesPosted(h.sim).every((r) => r.valid)).toBe(true);
    const history = await h.worker.evaluate(async () => (await (globalThis as any).chrome.storage.local.get('history')).history);
    expect(history.filter((e: { kind?: string }) => e.kind === 'bulk')[0]).toMatchObject({ kind: 'bulk', bulk: { total: 200, sent: 199, skipped: 1, failed: 0 } });
    await bulk.close();
    await popup.close();
    await page.close();
  });

  it('reads a pasted CSV by its header, leaves out duplicates, the team and junk, and skips the unsubscribed for email', async () => {
    const csv = ['Name,Email,Plan', `One,${email(1)},Pro`, `Four,${email(4)},Pro`, 'Ada,ada@acme.test,—', `Again,${email(1).toUpperCase()},Pro`, 'Junk,not an email,', 'Nobody,nobody@nowhere.test,'].join('\n');
    const text = `Email to the affected ${Date.now()}`;
    const page = await bulkPage(csv, `Hello {{user.first_name}}, ${text}.`, 'Email');
    await page.getByText('Read from the column “Email”.').waitFor();
    await page.getByText('Left out: 1 duplicates, 1 of your team, 1 not readable.').waitFor();
    await page.getByRole('row').filter({ hasText: email(4) }).getByText('Unsubscribed from emails').waitFor();
    await page.getByRole('row').filter({ hasText: 'nobody@nowhere.test' }).getByText('Not in Intercom').waitFor();
    await page.getByText('1 people in Acme (simulated) get this message by email.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Send to 1 people' }).click();
    await settled(page);
    expect(await counts(page)).toEqual({ sent: 1, skipped: 2, failed: 0, left: 0 });
    const sent = messagesPosted(h.sim);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).toMatchObject({ message_type: 'email', subject: 'About your invoice', to: { id: h.sim.state.contacts.find((c: { email: string }) => c.email === email(1))!.id } });
    // Export results: one CSV row per recipient.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export results' }).click();
    const csvOut = await (await download).createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of csvOut) chunks.push(chunk as Buffer);
    const lines = Buffer.concat(chunks).toString('utf8').trim().split(/\r\n/);
    expect(lines[0]).toBe('recipient,kind,contact_id,name,state,reason,conversation_url');
    expect(lines).toHaveLength(4);
    expect(lines.find((l) => l.startsWith(email(4)))).toContain('skipped,Unsubscribed from emails');
    await page.close();
  });

  it('adds emails Intercom does not know as leads only when the agent ticks it', async () => {
    const unknown = [`new-one-${Date.now()}@nowhere.test`, `new-two-${Date.now()}@nowhere.test`];
    const leadsOf = () => h.sim.state.contacts.filter((c: { email: string; role: string }) => unknown.includes(c.email) && c.role === 'lead');
    const contactsCreated = () => h.sim.requests.filter((r) => r.method === 'POST' && r.path === '/contacts');

    // Not ticked: "Not in Intercom" is skipped, and nobody is added.
    const left = `Not added ${Date.now()}`;
    const first = await bulkPage([email(101), ...unknown].join('\n'), left);
    for (const address of unknown) await first.getByRole('row').filter({ hasText: address }).getByText('Not in Intercom').waitFor();
    await first.getByText('1 people in Acme (simulated) get this message in the app.').waitFor();
    await first.getByRole('button', { name: 'Send to 1 people' }).click();
    await settled(first);
    expect(await counts(first)).toEqual({ sent: 1, skipped: 2, failed: 0, left: 0 });
    expect(created(left)).toHaveLength(1);
    expect(contactsCreated()).toHaveLength(0);
    expect(leadsOf()).toHaveLength(0);
    await first.close();

    // Ticked: each is added as a lead (POST /contacts, valid) and messaged once.
    const added = `Added as leads ${Date.now()}`;
    const second = await bulkPage([email(102), ...unknown].join('\n'), added);
    await second.getByRole('checkbox', { name: 'Add emails not in Intercom as leads and message them' }).check();
    await second.getByText('3 people in Acme (simulated) get this message in the app.').waitFor();
    await second.getByRole('button', { name: 'Send to 3 people' }).click();
    await settled(second);
    expect(await counts(second)).toEqual({ sent: 3, skipped: 0, failed: 0, left: 0 });
    expect(contactsCreated().map((r) => r.body)).toEqual(unknown.map((value) => ({ role: 'lead', email: value })));
    expect(contactsCreated().every((r) => r.valid)).toBe(true);
    const leads = leadsOf();
    expect(leads.map((c: { email: string }) => c.email).sort()).toEqual([...unknown].sort());
    const mine = created(added);
    expect(mine).toHaveLength(3);
    const to = mine.map((m: { to: { id: string }[] }) => m.to[0]!.id);
    expect(new Set(to).size).toBe(3);
    for (const lead of leads) expect(to).toContain(lead.id);
    expect(await second.getByRole('link', { name: 'Open' }).count()).toBe(3);
    await second.close();
  });

  it('refuses a batch beyond the team’s cap and says to use Intercom’s outbound messages', async () => {
    await h.worker.evaluate(async () => {
      const { settings = {} } = await (globalThis as any).chrome.storage.local.get('settings');
      await (globalThis as any).chrome.storage.local.set({ settings: { ...settings, bulkMaxRecipients: 3 } });
    });
    const page = await h.extensionPage('bulk.html');
    await page.getByRole('textbox', { name: 'Recipients' }).fill(range(1, 5).map(email).join('\n'));
    await page.getByRole('button', { name: 'Look up recipients' }).click();
    await page.getByText('5 recipients is more than your team’s cap of 3 a batch. For that many, use Intercom’s outbound messages to a segment.').waitFor();
    expect(await page.getByRole('button', { name: /^Send to/ }).count()).toBe(0);
    expect(h.sim.requests.filter((r) => r.path === '/contacts/search')).toHaveLength(0);
    await h.worker.evaluate(async () => {
      const { settings = {} } = await (globalThis as any).chrome.storage.local.get('settings');
      delete settings.bulkMaxRecipients;
      await (globalThis as any).chrome.storage.local.set({ settings });
    });
    await page.close();
  });

  it('pauses, resumes and cancels: nothing that had not started goes out', async () => {
    const { page, text } = await sendingToForty(21, 'Paused and resumed');
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.getByRole('heading', { name: 'Paused' }).waitFor();
    const atPause = created(text).length;
    expect(atPause).toBeLessThan(40);
    await new Promise((r) => setTimeout(r, 1500));
    expect(created(text)).toHaveLength(atPause);
    expect((await counts(page)).sent).toBe(atPause);
    await page.getByRole('button', { name: 'Resume' }).click();
    await settled(page);
    expect(await counts(page)).toEqual({ sent: 40, skipped: 0, failed: 0, left: 0 });
    expect(created(text)).toHaveLength(40);
    await page.close();

    const { page: second, text: cancelled } = await sendingToForty(21, 'Cancelled');
    await second.getByRole('button', { name: 'Cancel' }).click();
    await second.getByRole('heading', { name: 'Cancelled' }).waitFor();
    await expect.poll(async () => (await counts(second)).left).toBe(0);
    const sent = (await counts(second)).sent;
    expect(sent).toBeLessThan(40);
    expect(await second.locator('tr[data-state="cancelled"]').count()).toBe(40 - sent);
    await new Promise((r) => setTimeout(r, 1000));
    expect(created(cancelled)).toHaveLength(sent);
    await second.close();
  });

  it('pauses by itself when Intercom rejects the token, says why (notified with the page closed), and sends the rest once when resumed', async () => {
    const started = await sendingToForty(61, 'Token rejected mid-job');
    const text = started.text;
    let page = started.page;
    // The agent closes the page; the token is revoked (as far as one answer goes).
    const jobUrl = page.url();
    await page.close();
    h.sim.injectFault({ method: 'POST', path: '/messages', status: 401, times: 1 });
    const jobId = new URLSearchParams(new URL(jobUrl).hash.slice(1)).get('job');
    const notified = () => h.worker.evaluate(async () => Object.keys(await (globalThis as any).chrome.notifications.getAll()));
    await expect.poll(notified, { timeout: 20_000 }).toContain(`hailer-bulk-${jobId}`);
    page = await h.context.newPage();
    await page.goto(jobUrl);
    await page.getByRole('heading', { name: 'Paused' }).waitFor();
    await page.getByRole('alert').getByText(/^Hailer paused this batch: Intercom rejected the access token\. .*Then choose Resume\.$/).waitFor();
    const atPause = await counts(page);
    expect(atPause.failed).toBe(0); // nobody is failed for the token: they wait
    expect(atPause.sent + atPause.left).toBe(40);
    expect(atPause.left).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 1000));
    expect(created(text)).toHaveLength(atPause.sent);
    expect(messagesPosted(h.sim).filter((r) => r.status === 401)).toHaveLength(1);
    await page.getByRole('button', { name: 'Resume' }).click();
    await settled(page);
    expect(await counts(page)).toEqual({ sent: 40, skipped: 0, failed: 0, left: 0 });
    expect(await page.getByText(/^Hailer paused this batch/).count()).toBe(0);
    expect(new Set(created(text).map((m: { to: { id: string }[] }) => m.to[0]!.id)).size).toBe(40);
    expect(created(text)).toHaveLength(40);
    await page.close();
  });

  it('pauses when the agent removes the token mid-job, says why, and sends the rest once after a new one is saved', async () => {
    const { page, text } = await sendingToForty(121, 'Token removed mid-job');
    const options = await h.extensionPage('options.html');
    await options.getByRole('button', { name: 'Remove token' }).click();
    await options.getByText('The token was removed.').waitFor();
    // Nothing goes out once the token is gone: the job stopped before it was.
    const atRemoval = messagesPosted(h.sim).length;
    await page.getByRole('heading', { name: 'Paused' }).waitFor();
    await page.getByRole('alert').getByText("Hailer paused this batch: Hailer is not connected to Intercom yet. Open Hailer's options and save an Intercom access token. Then choose Resume.").waitFor();
    await new Promise((r) => setTimeout(r, 1000));
    expect(messagesPosted(h.sim)).toHaveLength(atRemoval);
    const atPause = await counts(page);
    expect(atPause.failed).toBe(0);
    expect(atPause.sent).toBe(created(text).length);
    expect(atPause.left).toBeGreaterThan(0);
    await options.close();
    await (await configureThroughOptions(h)).close();
    await page.getByRole('button', { name: 'Resume' }).click();
    await settled(page);
    expect(await counts(page)).toEqual({ sent: 40, skipped: 0, failed: 0, left: 0 });
    expect(created(text)).toHaveLength(40);
    expect(new Set(created(text).map((m: { to: { id: string }[] }) => m.to[0]!.id)).size).toBe(40);
    await page.close();
  });

  it('rides out a 429 storm and 503s that had gone through: each recipient exactly once', async () => {
    const reset = String(Math.ceil(Date.now() / 1000) + 2);
    h.sim.injectFault({ method: 'POST', path: '/messages', status: 429, times: 12, headers: { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': reset } });
    const text = `Through the storm ${Date.now()}`;
    const page = await bulkPage(range(21, 50).map(email).join('\n'), text);
    await page.getByRole('button', { name: 'Send to 30 people' }).click();
    await settled(page);
    expect(await counts(page)).toEqual({ sent: 30, skipped: 0, failed: 0, left: 0 });
    expect(created(text)).toHaveLength(30);
    const posts = messagesPosted(h.sim);
    expect(posts.filter((r) => r.status === 429)).toHaveLength(12);
    // Nothing went out again before the reset the 429s named.
    const retried = posts.filter((r) => r.status === 200).map((r) => r.at);
    expect(Math.min(...retried.slice(-18))).toBeGreaterThanOrEqual(Number(reset) * 1000);
    await page.close();

    // Three messages are created but answered 503: reconciled by a search, never sent twice.
    h.sim.injectFault({ method: 'POST', path: '/messages', status: 503, times: 3, commit: true });
    const text503 = `Answered 503 ${Date.now()}`;
    const again = await bulkPage(range(51, 60).map(email).join('\n'), text503);
    await again.getByRole('button', { name: 'Send to 10 people' }).click();
    await settled(again);
    expect(await counts(again)).toEqual({ sent: 10, skipped: 0, failed: 0, left: 0 });
    expect(created(text503)).toHaveLength(10);
    expect(messagesPosted(h.sim).filter((r) => r.status === 503)).toHaveLength(3);
    await again.close();

    // One answered 503 that did not go through: "may have been sent", never resent on its own;
    // the agent's "Send again" asks Intercom once more, then sends it once.
    h.sim.injectFault({ method: 'POST', path: '/messages', status: 503, times: 1 });
    const unsure = `Answered 503, not sent ${Date.now()}`;
    const third = await bulkPage(range(61, 65).map(email).join('\n'), unsure);
    await third.getByRole('button', { name: 'Send to 5 people' }).click();
    await settled(third);
    expect(await counts(third)).toEqual({ sent: 4, skipped: 0, failed: 1, left: 0 });
    expect(created(unsure)).toHaveLength(4);
    await third.getByRole('alert').getByText(/^1 may have been sent/).waitFor();
    await third.getByRole('button', { name: 'Send again to 1' }).click();
    await expect.poll(async () => (await counts(third)).sent, { timeout: 20_000 }).toBe(5);
    expect(created(unsure)).toHaveLength(5);
    expect(new Set(created(unsure).map((m: { to: { id: string }[] }) => m.to[0]!.id)).size).toBe(5);
    await third.close();
  });

  it('finds a message Intercom got twice (the browser resent it), marks its row and says so', async () => {
    // The earlier jobs' own looks for copies are over first, so the searches counted below are this job's.
    const looking = () => h.worker.evaluate(async () => Object.values((await (globalThis as any).chrome.storage.local.get('bulkJobs')).bulkJobs ?? {}).filter((j: any) => j.copiesPending).length);
    await expect.poll(looking, { timeout: 15_000 }).toBe(0);
    h.sim.requests.length = 0;
    h.sim.setOptions({ latencyMs: 250 });
    const text = `Reached Intercom twice ${Date.now()}`;
    const page = await bulkPage(range(101, 120).map(email).join('\n'), text);
    await page.getByRole('button', { name: 'Send to 20 people' }).click();
    // The first message as Intercom stored it reaches it once more, as a browser's resend of its POST would.
    await expect.poll(() => created(text).length, { timeout: 20_000 }).toBeGreaterThan(0);
    const first = created(text)[0] as { body: string; message_type: string; from: { id: string }; to: { type: 'user'; id: string }[] };
    const resend = await fetch(`${h.sim.apiBaseUrl}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${h.sim.token}`, 'intercom-version': '2.14', 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ message_type: first.message_type, body: first.body, from: { type: 'admin', id: Number(first.from.id) }, to: { type: 'user', id: first.to[0]!.id }, create_conversation_without_contact_reply: true }),
    });
    expect(resend.status).toBe(200);
    await settled(page);
    await page.getByRole('alert').getByText(/^1 customers got this message twice: the connection dropped and the browser resent it\./).waitFor({ timeout: 15_000 });
    expect(await counts(page)).toEqual({ sent: 20, skipped: 0, failed: 0, left: 0 });
    const twice = page.locator('tr', { hasText: 'Sent twice: close the extra conversation' });
    expect(await twice.count()).toBe(1);
    const copiedTo = h.sim.state.contacts.find((c: { id: string }) => c.id === first.to[0]!.id) as { email: string };
    expect(await twice.textContent()).toContain(copiedTo.email);
    // One look for the whole job, made after its sends: a page of 150 holds its 21 conversations.
    const searches = h.sim.requests.filter((r) => r.method === 'POST' && r.path === '/conversations/search');
    expect(searches).toHaveLength(1);
    expect(searches[0]!.valid).toBe(true);
    expect(searches[0]!.at).toBeGreaterThan(Math.max(...messagesPosted(h.sim).map((r) => r.at)));
    await page.close();
  });

  it('goes on after a browser restart mid-job: every recipient exactly once', async () => {
    h.sim.setOptions({ latencyMs: 300 });
    const text = `Across a restart ${Date.now()}`;
    const n = 79; // #1 to #80 but #14
    const page = await bulkPage(range(1, 80).filter((i) => i !== 14).map(email).join('\n'), text);
    await page.getByRole('button', { name: `Send to ${n} people` }).click();
    await expect.poll(() => created(text).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(15);
    const jobUrl = page.url();
    await h.context.close();
    const atClose = created(text).length;
    expect(atClose).toBeLessThan(n);
    const again = await launchExtension({ userDataDir });
    h.context = again.context;
    h.worker = again.worker;
    // Nobody opens the page: the background resumes the job by itself.
    await expect.poll(() => created(text).length, { timeout: 60_000, interval: 250 }).toBe(n);
    const reopened = await h.context.newPage();
    await reopened.goto(jobUrl);
    await settled(reopened);
    expect(await counts(reopened)).toEqual({ sent: n, skipped: 0, failed: 0, left: 0 });
    await new Promise((r) => setTimeout(r, 1000));
    const ids = created(text).map((m: { to: { id: string }[] }) => m.to[0]!.id);
    expect(new Set(ids).size).toBe(n);
    await reopened.close();
  });
});
