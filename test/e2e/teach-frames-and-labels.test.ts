// Issue 22 end to end: "Teach Hailer this page" on consoles built like modern single-page apps, in
// real Chromium. A CRM renders its record in a same-origin srcdoc iframe with generated class names
// only (so the rule is the label beside the value, and must survive the next record's reordered
// fields); a helpdesk renders its ticket in an open shadow root, where the requester is inside a
// longer text ("Reporter: Jane Doe <jane@…>"). Each is taught by mouse and by keyboard, saved, and
// the next page of the console is found by the new rule. The pages are served here, on localhost,
// where no content script runs until a rule is saved.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, type Harness } from './harness';
import { waitForRuleRegistration } from './chromium.mjs';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

// Each record lists its fields in its own order, some missing, as the next record of a real console does.
const customers: Record<string, [string, string][]> = {
  '7f3a91c2': [['Name', 'Jane Cooper'], ['Email', 'jane.cooper@globex.test'], ['Plan', 'Pro'], ['Phone', '+1 555 0100']],
  '0b44e1d9': [['Plan', 'Team'], ['Company', 'Globex'], ['Phone', '+1 555 0101'], ['Email', 'marcus@globex.test'], ['Name', 'Marcus Lee']],
  'c9e2a7f0': [['Email', 'priya@initech.test'], ['Name', 'Priya Shah']],
};
const tickets: Record<string, { subject: string; reporter: string; email: string }> = {
  '8101': { subject: 'Invoice is wrong', reporter: 'Jane Doe', email: 'jane.doe@umbrella.test' },
  '8102': { subject: 'Cannot log in', reporter: 'Sam Rivera', email: 'sam.rivera@example.test' },
  '8103': { subject: 'Export to CSV', reporter: 'Li Wei', email: 'li.wei@shenzhen-hardware.test' },
};

const chrome = (title: string, body: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font:15px system-ui;margin:0} nav{padding:8px;background:#eee} .css-r0w1{display:flex;gap:12px;padding:4px 0} iframe{width:600px;height:260px;border:1px solid #ccc}</style></head>
<body><nav aria-label="Console">Signed in as <span>ada@acme.test</span></nav>${body}</body></html>`;

function crmPage(id: string): string {
  const record = `<!doctype html><html><body><main class="css-m41n"><h2 class="css-h2x9">Customer</h2>${customers[id]!
    .map(([k, v]) => `<div class="css-r0w1"><div class="css-k3y4">${esc(k)}</div><div class="css-v4l5">${esc(v)}</div></div>`)
    .join('')}</main></body></html>`;
  return chrome('Customer', `<h1>Customers</h1><iframe title="Customer record" srcdoc="${esc(record)}"></iframe>`);
}

function deskPage(id: string): string {
  const t = tickets[id]!;
  const inner = `<article class="css-a8r7"><h1 class="css-t1t1">${esc(t.subject)}</h1>
    <p class="css-q1w2e3">Reporter: ${esc(t.reporter)} &lt;${esc(t.email)}&gt;</p>
    <p class="css-q1w2e3">Assignee: Ada Admin &lt;ada@acme.test&gt;</p>
    <p class="css-b0d7">Hello, could you help with this? Thanks.</p></article>`;
  return chrome(t.subject, `<ticket-view></ticket-view><script>document.querySelector('ticket-view').attachShadow({ mode: 'open' }).innerHTML = ${JSON.stringify(inner).replace(/</g, '\\u003c')};</script>`);
}

/** The agent's own account page: one URL, and ids shown without labels, hooks or readable classes. */
const mePage = () =>
  chrome('Account', `<h1>Account</h1><div class="css-g7r1"><div class="css-w2q9"><span class="css-c3x1">usr_8f3a91c2</span><span class="css-c3x1">Pro</span></div><div class="css-w2q9"><span class="css-c3x1">usr_00c0ffee</span><span class="css-c3x1">Team</span></div></div>`);

let h: Harness;
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    let m: RegExpExecArray | null;
    const page = path === '/crm/me' ? mePage() : (m = /^\/crm\/customers\/([0-9a-f]+)$/.exec(path)) && customers[m[1]!] ? crmPage(m[1]!) : (m = /^\/desk\/tickets\/(\d+)$/.exec(path)) && tickets[m[1]!] ? deskPage(m[1]!) : null;
    res.writeHead(page ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' }).end(page ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://localhost:${(server.address() as AddressInfo).port}`;
  h = await launch({ demo: true });
});
afterAll(async () => {
  await h?.close();
  await new Promise((resolve) => server?.close(resolve));
});
beforeEach(async () => {
  // Each test teaches its console afresh.
  await h.worker.evaluate(() => (globalThis as any).chrome.storage.local.set({ teamRules: [] }));
  // And no content script registered for the last test's rule: the page starts as one nobody taught.
  await expect.poll(() => h.worker.evaluate(async () => (await (globalThis as any).chrome.scripting.getRegisteredContentScripts()).length)).toBe(0);
});

async function open(path: string): Promise<{ page: Page; tabId: number }> {
  const page = await h.context.newPage();
  await page.goto(`${base}${path}`);
  const tabId = await h.worker.evaluate(async (url) => (await (globalThis as any).chrome.tabs.query({ url }))[0].id, `${base}${path}`);
  return { page, tabId };
}

async function startTeaching(page: Page, tabId: number) {
  const popup = await h.extensionPage(`popup.html?tab=${tabId}`);
  await popup.getByRole('button', { name: 'Teach Hailer this page' }).click();
  await page.locator('hailer-picker').getByRole('status').waitFor();
  if (!popup.isClosed()) await popup.close();
}

const teachFrame = (page: Page) => page.frameLocator('hailer-picker iframe');
const storedRules = () => h.worker.evaluate(async () => (await (globalThis as any).chrome.storage.local.get('teamRules')).teamRules);

/** Save rule, the panel opens on the page with the customer; the console's next page is found by the rule. */
async function saveAndFindNext(page: Page, email: string, nextPath: string, nextEmail: string) {
  await teachFrame(page).getByRole('button', { name: 'Save rule' }).click();
  await page.getByLabel('Message', { exact: true }).waitFor();
  await page.getByText(email).first().waitFor();
  await waitForRuleRegistration(h.worker);
  const next = await open(nextPath);
  await next.page.getByRole('button', { name: `Message ${nextEmail}` }).waitFor();
  await next.page.close();
}

describe('Teach Hailer this page inside a same-origin iframe', () => {
  it('by mouse: the outline follows into the frame; the rule reads the label "Email" and survives a reordered record', async () => {
    const { page, tabId } = await open('/crm/customers/7f3a91c2');
    await startTeaching(page, tabId);
    const email = page.frameLocator('iframe[title="Customer record"]').getByText('jane.cooper@globex.test');
    await email.hover();
    const outline = page.locator('hailer-picker .outline');
    await expect.poll(() => outline.isVisible()).toBe(true);
    const [box, target] = [await outline.boundingBox(), await email.boundingBox()];
    expect(Math.abs(box!.x + 3 - target!.x)).toBeLessThan(3);
    expect(Math.abs(box!.y + 3 - target!.y)).toBeLessThan(3);
    await email.click();
    const frame = teachFrame(page);
    await frame.getByText('Found jane.cooper@globex.test').waitFor();
    await frame.getByText('Reads the customer\'s email address next to the label “Email”.', { exact: false }).waitFor();
    expect(await frame.getByText('depends on the field\'s position').count()).toBe(0);
    expect(await frame.getByText('Applies to this page only').count()).toBe(0);
    await saveAndFindNext(page, 'jane.cooper@globex.test', '/crm/customers/0b44e1d9', 'marcus@globex.test');
    expect((await storedRules())[0]).toMatchObject({ matches: 'http://localhost/*', kind: 'email', source: { from: 'label', label: 'Email' } });
    await page.close();
  });

  it('by keyboard: Tab reaches the framed record\'s email first, Enter picks, Enter saves', async () => {
    const { page, tabId } = await open('/crm/customers/0b44e1d9');
    await startTeaching(page, tabId);
    await page.keyboard.press('Tab');
    await expect.poll(() => page.locator('hailer-picker').getByRole('status').innerText()).toMatch(/^marcus@globex\.test, 1 of \d+/);
    await page.keyboard.press('Enter');
    const save = teachFrame(page).getByRole('button', { name: 'Save rule' });
    await teachFrame(page).getByText('Found marcus@globex.test').waitFor();
    await expect.poll(() => save.evaluate((el) => el === document.activeElement && document.hasFocus())).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByLabel('Message', { exact: true }).waitFor();
    await waitForRuleRegistration(h.worker);
    const next = await open('/crm/customers/c9e2a7f0');
    await next.page.getByRole('button', { name: 'Message priya@initech.test' }).waitFor();
    await Promise.all([page.close(), next.page.close()]);
  });
});

describe('Teach Hailer this page inside an open shadow root, a value inside a longer text', () => {
  it('by mouse: "Reporter: Jane Doe <jane@…>" is accepted and the rule takes the email out of it', async () => {
    const { page, tabId } = await open('/desk/tickets/8101');
    await startTeaching(page, tabId);
    const reporter = page.locator('ticket-view').getByText('Reporter: Jane Doe');
    await reporter.hover();
    await reporter.click();
    await teachFrame(page).getByText('Found jane.doe@umbrella.test').waitFor();
    await saveAndFindNext(page, 'jane.doe@umbrella.test', '/desk/tickets/8102', 'sam.rivera@example.test');
    expect((await storedRules())[0]).toMatchObject({ kind: 'email', source: { from: 'label', label: 'Reporter' } });
    await page.close();
  });

  it('by keyboard: Tab to the reporter inside the shadow root, Enter, Save rule', async () => {
    const { page, tabId } = await open('/desk/tickets/8102');
    await startTeaching(page, tabId);
    await page.keyboard.press('Tab');
    await expect.poll(() => page.locator('hailer-picker').getByRole('status').innerText()).toMatch(/^sam\.rivera@example\.test, 1 of \d+/);
    await page.keyboard.press('Enter');
    await teachFrame(page).getByText('Found sam.rivera@example.test').waitFor();
    await saveAndFindNext(page, 'sam.rivera@example.test', '/desk/tickets/8103', 'li.wei@shenzhen-hardware.test');
    await page.close();
  });
});

describe('what the proposal warns about before Save rule', () => {
  it('a rule by position says so, shows the shape it learned, and says when it applies to this page only', async () => {
    const { page, tabId } = await open('/crm/me');
    await startTeaching(page, tabId);
    await page.getByText('usr_8f3a91c2').click();
    const frame = teachFrame(page);
    await frame.getByText('Found usr_8f3a91c2').waitFor();
    await frame.getByText('Reads values like usr_8f3a91c2').waitFor();
    await frame.getByText('Applies to this page only').waitFor();
    await frame.getByText("This rule depends on the field's position on the page", { exact: false }).waitFor();
    await frame.getByRole('button', { name: 'Show the pattern' }).click();
    await frame.getByText('usr_ + 8 hex').waitFor();
    await frame.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => page.locator('hailer-picker').count()).toBe(0);
    expect(await storedRules()).toEqual([]);
    await page.close();
  });
});

describe('the options editor', () => {
  it('adds a rule that reads the value next to a label, and it finds the customer on the console', async () => {
    const options = await h.extensionPage('options.html');
    await options.getByLabel('Rule name').fill('CRM by label');
    await options.getByLabel('Pages (match pattern)').fill('http://localhost/*');
    await options.getByLabel('Identifier kind').selectOption({ label: 'Email address' });
    await options.getByLabel('Where the identifier is').selectOption({ label: 'Next to a label on the page' });
    await options.getByLabel('Label (the words beside the value, e.g. Email)').fill('Email');
    await options.getByRole('button', { name: 'Add rule' }).click();
    await expect.poll(async () => (await storedRules())?.[0]?.source).toEqual({ from: 'label', label: 'Email' });
    await waitForRuleRegistration(h.worker);
    const { page } = await open('/crm/customers/c9e2a7f0');
    await page.getByRole('button', { name: 'Message priya@initech.test' }).waitFor();
    await Promise.all([options.close(), page.close()]);
  });
});
