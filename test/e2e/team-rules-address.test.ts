// The team rules address end to end: the test serves a rules file (the export format) from its own
// HTTP server with ETags, as a static host would; the agent saves the address in options; the
// background fetches it, and its rule finds the customer on the demo helpdesk (on localhost, where
// nothing else runs). "Check now" asks with If-None-Match and gets a 304; a changed file is taken;
// a failing server and a broken file keep the last good copy, and options say why. A rule taught
// with "Copy for the team" is what the team lead puts in that file.
// Test builds accept plain http on the loopback host for the address (utils/build-flags.d.ts).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, type Harness } from './harness';
import { waitForRuleRegistration } from './chromium.mjs';
import { demoTeamRules } from '../demo-console/rules.mjs';

let h: Harness;
let server: Server;
let address: string;
let served: { status: number; body: string; etag: string | null };
const asked: { ifNoneMatch: string | null; status: number }[] = [];

const rule = (id: string, name: string, selector: string) => ({
  id,
  name,
  matches: 'http://localhost/*',
  urlIncludes: '^/desk/tickets/',
  kind: 'email',
  source: { from: 'selector', selector },
});
const file = (...rules: unknown[]) => `${JSON.stringify({ teamRules: rules }, null, 2)}\n`;

beforeAll(async () => {
  server = createServer((req, res) => {
    const ifNoneMatch = req.headers['if-none-match'] ?? null;
    const status = served.etag && ifNoneMatch === served.etag ? 304 : served.status;
    asked.push({ ifNoneMatch, status });
    if (status === 304) return void res.writeHead(304, { etag: served.etag! }).end();
    res.writeHead(status, { 'content-type': 'application/json', ...(served.etag ? { etag: served.etag } : {}) }).end(served.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  address = `http://127.0.0.1:${(server.address() as AddressInfo).port}/team/hailer-rules.json`;
  served = { status: 200, body: file(rule('desk-requester', 'Helpdesk: requester', 'p.requester-email')), etag: '"rules-v1"' };
  h = await launch({ demo: true });
});
afterAll(async () => {
  await h?.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const desk = () => `${h.demo!.url.replace('127.0.0.1', 'localhost')}/desk/tickets`;
const status = (options: Page) => options.getByTestId('rules-address-status');
const rulesList = (options: Page) => options.getByRole('list', { name: 'Saved team rules' });

describe('Team rules address', () => {
  let options: Page;

  it('saved in options: fetched by the background, listed read-only, and its rule finds the customer', async () => {
    options = await h.extensionPage('options.html');
    await options.getByLabel('Team rules address', { exact: true }).fill(address);
    await options.getByRole('button', { name: 'Use this address' }).click();
    await options.getByRole('status').getByText('Hailer is reading the address now.').waitFor();
    await expect.poll(() => status(options).innerText()).toMatch(/^1 rules from this address, as of /);
    expect(asked).toEqual([{ ifNoneMatch: null, status: 200 }]);
    await rulesList(options).getByText('Helpdesk: requester').waitFor();
    await expect(rulesList(options).locator('li', { hasText: 'Helpdesk: requester' }).innerText()).resolves.toContain('(from the team rules address)');
    // Read-only: no Remove button for it.
    await expect(options.getByRole('button', { name: 'Remove rule Helpdesk: requester' }).count()).resolves.toBe(0);
    // The hourly check is an alarm.
    const alarm = await h.worker.evaluate(() => (globalThis as any).chrome.alarms.get('hailer-team-rules-address'));
    expect(alarm).toMatchObject({ periodInMinutes: 60 });

    await waitForRuleRegistration(h.worker);
    const ticket = await h.context.newPage();
    await ticket.goto(`${desk()}/5002`);
    await ticket.getByRole('button', { name: 'Message priya@initech.test' }).waitFor();
    await ticket.close();
  });

  it('Check now asks with the ETag: a 304 keeps the copy, a changed file is taken', async () => {
    await options.getByRole('button', { name: 'Check now' }).click();
    await expect.poll(() => asked.length).toBe(2);
    expect(asked[1]).toEqual({ ifNoneMatch: '"rules-v1"', status: 304 });
    await expect.poll(() => status(options).innerText()).toMatch(/^1 rules from this address/);

    served = {
      status: 200,
      body: file(rule('desk-requester', 'Helpdesk: requester', 'p.requester-email'), rule('desk-heading', 'Helpdesk: heading', 'h1')),
      etag: '"rules-v2"',
    };
    await options.getByRole('button', { name: 'Check now' }).click();
    await expect.poll(() => status(options).innerText()).toMatch(/^2 rules from this address/);
    expect(asked[2]).toEqual({ ifNoneMatch: '"rules-v1"', status: 200 });
    await rulesList(options).getByText('Helpdesk: heading').waitFor();
  });

  it('a failing address keeps the last good copy and options say why', async () => {
    served = { status: 500, body: 'oops', etag: null };
    await options.getByRole('button', { name: 'Check now' }).click();
    await expect
      .poll(() => status(options).innerText())
      .toMatch(/^The last check failed: the server answered 500 instead of the file\. Hailer keeps using the copy of /);
    await rulesList(options).getByText('Helpdesk: heading').waitFor();

    served = { status: 200, body: '{ "teamRules": [', etag: '"rules-v3"' };
    await options.getByRole('button', { name: 'Check now' }).click();
    await expect.poll(() => status(options).innerText()).toMatch(/^The last check failed: the file is not a valid rules file \(This file is not valid JSON\.\)/);

    // The copy still finds the customer, on a fresh load.
    const ticket = await h.context.newPage();
    await ticket.goto(`${desk()}/5003`);
    await ticket.getByRole('button', { name: 'Message sam.rivera@example.test' }).waitFor();
    await ticket.close();
    await expect(rulesList(options).getByText('Helpdesk: requester').count()).resolves.toBe(1);
  });

  it("Copy for the team: the taught rule, in the export format, becomes the team's file", async () => {
    const ticket = await h.context.newPage();
    await ticket.goto(`${desk()}/5001`);
    const tabId = await h.worker.evaluate(async (url) => (await (globalThis as any).chrome.tabs.query({ url }))[0].id, ticket.url());
    const popup = await h.extensionPage(`popup.html?tab=${tabId}`);
    await popup.getByRole('button', { name: 'Teach Hailer this page' }).click();
    await ticket.locator('hailer-picker').getByRole('status').waitFor();
    if (!popup.isClosed()) await popup.close();
    await ticket.locator('.requester-email').click();
    const frame = ticket.frameLocator('hailer-picker iframe');
    await frame.getByText('Found marcus@globex.test').waitFor();

    // For the test to read the clipboard back (the copy itself needs no grant: it is the click's).
    await h.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await frame.getByRole('button', { name: 'Copy for the team' }).click();
    await frame.getByRole('status').getByText('Copied: the rule as a rules file').waitFor();
    await options.bringToFront();
    const copied = await options.evaluate(() => navigator.clipboard.readText());
    const taught = JSON.parse(copied).teamRules;
    expect(taught).toHaveLength(1);
    expect(taught[0]).toMatchObject({ matches: 'http://localhost/*', kind: 'email', source: { from: 'selector', selector: 'p.requester-email' } });
    // Nothing was saved on this browser: the copy is for the team (the agent's own rules are the demo's preset).
    await expect(h.worker.evaluate(async () => (await (globalThis as any).chrome.storage.local.get('teamRules')).teamRules)).resolves.toEqual(demoTeamRules(h.demo!.url));

    served = { status: 200, body: copied, etag: '"rules-v4"' };
    await options.getByRole('button', { name: 'Check now' }).click();
    await expect.poll(() => status(options).innerText()).toMatch(/^1 rules from this address/);
    await rulesList(options).getByText(taught[0].name).waitFor();
    await ticket.close();
  });

  it('lists the sites its rules still need, with a button to allow them', async () => {
    served = { status: 200, body: file({ ...rule('billing', 'Billing customers', '.customer-email'), matches: 'https://dashboard.billing.test/*' }), etag: '"rules-v5"' };
    await options.getByRole('button', { name: 'Check now' }).click();
    await options.getByText('These rules do nothing until Hailer may use https://dashboard.billing.test/*.').waitFor();
    await options.getByRole('button', { name: 'Allow these sites' }).waitFor();
  });

  it('refuses an address that is not https (outside the loopback host) without saving it', async () => {
    await options.getByLabel('Team rules address', { exact: true }).fill('http://rules.example.com/hailer.json');
    await options.getByRole('button', { name: 'Use this address' }).click();
    await options.getByRole('alert').getByText('Enter an https address, such as https://example.com/hailer-team-rules.json.').waitFor();
    const stored = await h.worker.evaluate(async () => (await (globalThis as any).chrome.storage.local.get('teamRulesAddress')).teamRulesAddress);
    expect(stored).toBe(address);
  });
});
