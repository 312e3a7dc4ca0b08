// The options page never fails silently (issue 11): every region saves, a custom address asks for
// access to its host (no port, so both browsers answer it), and a failed save, test or import says
// what happened in words written for this page, as an alert, and leaves the page usable.
import { createServer } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, type Harness } from './harness';

let h: Harness;
let options: Page;

beforeAll(async () => {
  h = await launch();
  options = await h.extensionPage('options.html');
});
afterAll(() => h?.close());
beforeEach(() => h.sim.clearFaults());

const storedSettings = () => h.worker.evaluate(async () => (await (globalThis as any).chrome.storage.local.get('settings')).settings);
const alertText = async () => (await options.getByRole('alert').allTextContents()).join(' ').trim();
const save = () => options.getByRole('button', { name: 'Save', exact: true }).click();
async function expectIdle() {
  await expect(options.locator('form[aria-busy="true"]').count()).resolves.toBe(0);
  await expect(options.getByRole('button', { name: 'Save', exact: true }).isEnabled()).resolves.toBe(true);
}
/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}
async function saveCustom(api: string, app = api, token?: string) {
  if (token) await options.getByLabel('Access token').fill(token);
  await options.getByLabel('Region').selectOption({ label: 'Custom' });
  await options.getByLabel('API base URL').fill(api);
  await options.getByLabel('Inbox base URL').fill(app);
  await save();
}

describe('options', () => {
  it('saves every region, and a custom address with its port kept', async () => {
    for (const [label, region] of [['Europe', 'eu'], ['Australia', 'au'], ['United States', 'us']]) {
      await options.getByLabel('Region').selectOption({ label });
      await save();
      await options.getByRole('status').getByText('Saved.', { exact: true }).waitFor();
      await expect(storedSettings()).resolves.toMatchObject({ region });
    }
    await saveCustom(`${h.sim.apiBaseUrl}/`, h.sim.appBaseUrl, h.sim.token);
    await options.getByRole('status').getByText('Saved.', { exact: true }).waitFor();
    await expect(storedSettings()).resolves.toMatchObject({ region: 'custom', apiBaseUrl: h.sim.apiBaseUrl, appBaseUrl: h.sim.appBaseUrl });
    await expect(alertText()).resolves.toBe('');
    await options.getByRole('button', { name: 'Test connection' }).click();
    await options.getByRole('status').getByText('Connected to Acme (simulated) as Ada Admin.').waitFor();
  });

  it('an address that is not http(s) is refused with an alert, and the page stays usable', async () => {
    await saveCustom('ftp://intercom-proxy.example.com');
    await options.getByRole('alert').getByText('Enter both custom URLs as full http(s) addresses').waitFor();
    await expectIdle();
    await expect(storedSettings()).resolves.toMatchObject({ apiBaseUrl: h.sim.apiBaseUrl });
  });

  it('a token that cannot be one is refused in words, nothing saved', async () => {
    await saveCustom(h.sim.apiBaseUrl, h.sim.appBaseUrl, 'short');
    await options.getByRole('alert').getByText('This does not look like an Intercom access token').waitFor();
    await expectIdle();
    await options.getByLabel('Access token').fill('');
  });

  it('Test connection to an address where nothing answers names the address, with no internal code and no draft', async () => {
    const dead = `http://127.0.0.1:${await closedPort()}`;
    await saveCustom(dead);
    await options.getByRole('status').getByText('Saved.', { exact: true }).waitFor();
    await options.getByRole('button', { name: 'Test connection' }).click();
    await options.getByRole('alert').getByText(`Hailer could not reach Intercom at ${dead}.`).waitFor();
    const text = await alertText();
    expect(text).not.toMatch(/\bnetwork\b(?! connection)|draft|send/i);
    await expectIdle();
    await expect(options.getByRole('button', { name: 'Test connection' }).isEnabled()).resolves.toBe(true);
  });

  it('Test connection while Intercom answers 503 says so for this page', async () => {
    await saveCustom(h.sim.apiBaseUrl);
    await options.getByRole('status').getByText('Saved.', { exact: true }).waitFor();
    h.sim.injectFault({ path: '/me', status: 503 });
    await options.getByRole('button', { name: 'Test connection' }).click();
    await options.getByRole('alert').getByText('Intercom answered with a server error.').waitFor();
    expect(await alertText()).not.toMatch(/draft/i);
    await expectIdle();
    // And the next test, with Intercom back, succeeds and clears the alert.
    await options.getByRole('button', { name: 'Test connection' }).click();
    await options.getByRole('status').getByText('Connected to Acme (simulated) as Ada Admin.').waitFor();
    await expect(alertText()).resolves.toBe('');
  });

  it('each section saves on its own and says so where it stands (issue 21)', async () => {
    const sending = options.getByRole('region', { name: 'Sending' });
    const people = options.getByRole('region', { name: 'People and pages' });
    await sending.getByLabel('Undo window (seconds)').fill('4');
    await sending.getByLabel('After sending').selectOption({ label: 'Stay on the page' });
    await sending.getByRole('status').getByText('Saved automatically', { exact: true }).waitFor();
    await expect.poll(storedSettings).toMatchObject({ undoSeconds: 4, afterSend: 'stay' });
    await expect(people.getByText('Saved automatically').count()).resolves.toBe(0); // only where it happened
    await people.getByLabel('Our domains').fill('acme.test, acme.example');
    await people.getByRole('status').getByText('Saved automatically', { exact: true }).waitFor();
    await expect.poll(storedSettings).toMatchObject({ ourDomains: ['acme.test', 'acme.example'] });
    // Connection's Save keeps the other sections' values; a reload shows what was saved.
    await options.getByLabel('Region').selectOption({ label: 'Europe' });
    await save();
    await options.getByRole('region', { name: 'Connection' }).getByRole('status').getByText('Saved.', { exact: true }).waitFor();
    await expect(storedSettings()).resolves.toMatchObject({ region: 'eu', undoSeconds: 4, afterSend: 'stay', ourDomains: ['acme.test', 'acme.example'] });
    await options.reload();
    await expect(options.getByLabel('Undo window (seconds)').inputValue()).resolves.toBe('4');
    await options.getByLabel('Undo window (seconds)').fill('0');
    await options.getByLabel('After sending').selectOption({ label: 'Open the conversation in a new tab' });
    await expect.poll(storedSettings).toMatchObject({ undoSeconds: 0, afterSend: 'open_new_tab' });
  });

  it('how pages choose a workspace is behind a disclosure', async () => {
    const how = options.getByText('A page uses, in this order');
    await expect(how.isVisible()).resolves.toBe(false);
    await options.getByText('How pages choose a workspace').click();
    await how.waitFor();
  });

  it('a team-rule or saved-reply import that fails is an alert', async () => {
    await options.getByLabel('Rules to import (JSON)').fill('{ not json');
    await options.getByRole('button', { name: 'Import rules' }).click();
    await options.getByRole('alert').filter({ hasText: 'This file is not valid JSON.' }).waitFor();
    await options.getByLabel('Replies to import (JSON)').fill('{ not json');
    await options.getByRole('button', { name: 'Import replies' }).click();
    await expect(options.getByRole('alert').filter({ hasText: 'This file is not valid JSON.' }).count()).resolves.toBe(2);
  });
});
