// Issue 10 end to end: two Intercom workspaces at once (two simulators: different tokens, id codes,
// regions, the same customers' emails), pages of two consoles mapped to them in the options page, a
// forged cross-workspace send refused, and the upgrade of a real profile from the release before
// workspaces (built from git history) to this build.
import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, messagesPosted, type Harness } from './harness';
import { startSimulator, type Simulator } from '../intercom-simulator/index.mjs';
import { startDemoConsole } from '../demo-console/server.mjs';
import { demoTeamRules } from '../demo-console/rules.mjs';
import { callFromPage, connectThroughOptions, extensionDir, launchExtension, presetTeamRules } from './chromium.mjs';

const JANE = '6650a1b2c3d4e5f601000001';
const MARCUS = '6650a1b2c3d4e5f601000002';
const TOKEN_B = 'brand-b-simulated-token-bbbb';

const launcher = (page: Page, name: string) => page.getByRole('button', { name: `Message ${name}` });

/** Waits until a simulator has had no request for half a second (at most 5 s): an earlier test's late calls. */
async function settled(sim: Simulator): Promise<void> {
  for (let last = -1, t = 0; t < 5_000 && sim.requests.length !== last; t += 500) {
    last = sim.requests.length;
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function sendFromPanel(page: Page, name: string, text: string) {
  await launcher(page, name).click();
  await page.getByText('jane@acme.test').first().waitFor();
  await page.getByLabel('Message', { exact: true }).fill(text);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  return page.getByRole('link', { name: 'Open conversation' });
}

describe('two workspaces', () => {
  let h: Harness;
  let simB: Simulator;
  let consoleB: { url: string; close(): Promise<void> };
  let workspaceB: string;

  beforeAll(async () => {
    h = await launch({ demo: true });
    simB = await startSimulator({ port: 0, token: TOKEN_B, app: { id_code: 'brandb7', name: 'Brand B (simulated)', region: 'Europe' } });
    consoleB = await startDemoConsole({ port: 0 });
    // Add Brand B through the options page: its own token and address, and console B's site.
    const options = await h.extensionPage('options.html');
    await options.getByRole('button', { name: 'Add workspace', exact: true }).click();
    const fieldset = options.getByRole('group', { name: 'Workspace 2' });
    await fieldset.getByLabel('Where it is hosted').selectOption({ label: 'Custom' });
    await fieldset.getByLabel('API address').fill(simB.apiBaseUrl);
    await fieldset.getByLabel('Inbox address').fill(simB.appBaseUrl);
    await fieldset.getByLabel('Token for this workspace').fill(TOKEN_B);
    await fieldset.getByLabel('Pages on these sites use workspace Workspace 2').fill(new URL(consoleB.url).origin);
    await fieldset.getByRole('button', { name: 'Update workspace' }).click();
    await options.getByText('Connected to Brand B (simulated) as Ada Admin.').waitFor();
    // Named from GET /me; the first workspace too, once it was used.
    await options.getByRole('group', { name: 'Brand B (simulated)' }).waitFor();
    const state = await h.worker.evaluate(async () => (await (globalThis as any).chrome.storage.local.get('workspaces')).workspaces);
    workspaceB = state.list.find((w: { idCode: string }) => w.idCode === 'brandb7').id;
    await options.close();
  });
  afterAll(async () => {
    await h?.close();
    await simB?.close();
    await consoleB?.close();
  });

  it('a page of each console sends through its own workspace and token, and links into that inbox', async () => {
    const a = await h.context.newPage();
    await a.goto(`${h.demo!.url}/customers/usr_1001`);
    await (await sendFromPanel(a, 'Jane Cooper', 'Hello from Acme.')).waitFor();
    expect(messagesPosted(h.sim)).toHaveLength(1);
    expect(messagesPosted(h.sim)[0]).toMatchObject({ valid: true, tokenEnd: h.sim.token.slice(-4), body: { to: { id: JANE } } });
    expect(messagesPosted(simB)).toHaveLength(0);

    const b = await h.context.newPage();
    await b.goto(`${consoleB.url}/customers/usr_1001`);
    const link = await sendFromPanel(b, 'Jane Cooper', 'Hello from Brand B.');
    await link.waitFor();
    expect(messagesPosted(simB)).toHaveLength(1);
    expect(messagesPosted(simB)[0]).toMatchObject({ valid: true, tokenEnd: 'bbbb', body: { body: '<p>Hello from Brand B.</p>' } });
    expect(messagesPosted(h.sim)).toHaveLength(1);
    // Same email in both workspaces: never merged, and the inbox link is Brand B's.
    await expect(link.getAttribute('href')).resolves.toContain(`${simB.appBaseUrl}/a/inbox/brandb7/`);
    // History says which workspace each send went through.
    const history = await h.worker.evaluate(async () => (await (globalThis as any).chrome.storage.local.get('history')).history);
    expect(history.slice(0, 2).map((e: { workspaceId: string }) => e.workspaceId)).toEqual([workspaceB, 'ws1']);
    // …and the popup lists one workspace's sends when asked.
    const popup = await h.extensionPage('popup.html');
    await popup.getByRole('button', { name: 'Sent history' }).click(); // folded under the customer
    const items = popup.locator('section[aria-labelledby="history-heading"] > ul > li');
    const stored = async () => (await h.worker.evaluate(async () => (await (globalThis as any).chrome.storage.local.get('history')).history)) as { workspaceId: string }[];
    await expect.poll(async () => (await items.count()) === (await stored()).length && (await items.count()) > 1).toBe(true);
    await popup.getByLabel('Sent through').selectOption({ label: 'Brand B (simulated)' });
    await expect.poll(() => items.count()).toBe((await stored()).filter((e) => e.workspaceId === workspaceB).length);
    await expect(items.first().getByRole('link', { name: 'Open conversation' }).getAttribute('href')).resolves.toContain('/a/inbox/brandb7/');
    await popup.getByLabel('Sent through').selectOption({ label: 'Acme (simulated)' });
    const ofAcme = (await stored()).filter((e) => e.workspaceId === 'ws1').length;
    await expect.poll(() => items.count()).toBe(ofAcme);
    await popup.close();
    await a.close();
    await b.close();
  });

  it('refuses a forged send naming another workspace, saying why, and sends nothing', async () => {
    // Marcus is confirmed in Acme only (his page on console A).
    const a = await h.context.newPage();
    await a.goto(`${h.demo!.url}/customers/usr_1002`);
    await launcher(a, 'Marcus Lee').click();
    const seenIn = () =>
      h.worker.evaluate(async (id) => (await (globalThis as any).chrome.storage.local.get('workspaceIds')).workspaceIds?.contact?.find(([seen]: [string]) => seen === id)?.[1], MARCUS);
    await expect.poll(seenIn).toEqual(['ws1']);
    await a.close();
    const before = [messagesPosted(h.sim).length, messagesPosted(simB).length];
    await settled(simB); // the first test's page may still be loading its contact card there
    const requestsOfB = simB.requests.length;

    const page = await h.extensionPage('popup.html');
    const forge = (payload: unknown) =>
      page.evaluate(([p, w]) => (globalThis as any).chrome.runtime.sendMessage({ hailer: 1, call: 'message.send', payload: p, workspaceId: w }), [payload, workspaceB] as const);
    const draft = { channel: 'in_app', subject: '', template: 'plain', body: 'Forged.' };
    // A draft of Acme's sent through Brand B.
    const byDraft = (await forge({ draftId: `draft:v1:acme42:contact_id:${JANE}:n1`, recipient: { kind: 'contact_id', value: JANE }, draft })) as any;
    expect(byDraft).toMatchObject({ ok: false, error: { code: 'wrong_workspace', message: 'Not sent: this message belongs to another Intercom workspace than the one chosen.', detail: 'the draft was written for workspace Acme (simulated)' } });
    // Acme's contact id through Brand B.
    const byContact = (await forge({ draftId: 'popup:forged:1', recipient: { kind: 'contact_id', value: MARCUS }, draft })) as any;
    expect(byContact).toMatchObject({ ok: false, error: { code: 'wrong_workspace', detail: 'the customer was found in workspace Acme (simulated)' } });
    expect(byContact.error.action).toContain('Nothing was sent');
    await page.waitForTimeout(200);
    expect([messagesPosted(h.sim).length, messagesPosted(simB).length]).toEqual(before);
    // Brand B's Intercom was not even asked about either contact. The first test's send to Jane may
    // still be finding its conversation there (a search for conversations created since that send):
    // that one is not about these forged sends, none of which reached POST /messages.
    const resolvingEarlierSend = (r: { path: string; body?: unknown }) => r.path === '/conversations/search' && JSON.stringify(r.body).includes('"created_at"');
    expect(simB.requests.slice(requestsOfB).filter((r) => r.path !== '/me' && !resolvingEarlierSend(r))).toEqual([]);
    await page.close();
  });

  it('the panel shows its workspace; switching it re-resolves the customer there, says so, and sends through that token', async () => {
    // Marcus: a customer Brand B was never asked about, so switching has to look him up there.
    const page = await h.context.newPage();
    await page.goto(`${h.demo!.url}/customers/usr_1002`);
    await launcher(page, 'Marcus Lee').click();
    await page.getByText('marcus@globex.test').first().waitFor();
    const select = page.getByLabel('Workspace', { exact: true });
    await expect.poll(() => select.inputValue()).toBe('ws1');
    const lookupsInB = () => simB.requests.filter((r) => r.path.startsWith('/contacts')).length;
    const before = [lookupsInB(), messagesPosted(h.sim).length, messagesPosted(simB).length];
    await select.selectOption({ label: 'Brand B (simulated)' });
    await page.getByText('Now sending through Brand B (simulated): the customer was looked up again there.').waitFor();
    await page.getByText('marcus@globex.test').first().waitFor();
    expect(lookupsInB()).toBeGreaterThan(before[0]!);
    await page.getByLabel('Message', { exact: true }).fill('Switched to Brand B.');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByRole('link', { name: 'Open conversation' }).waitFor();
    expect(messagesPosted(simB)).toHaveLength(before[2]! + 1);
    expect(messagesPosted(simB).at(-1)).toMatchObject({ valid: true, tokenEnd: 'bbbb', body: { body: '<p>Switched to Brand B.</p>' } });
    expect(messagesPosted(h.sim)).toHaveLength(before[1]!);
    await page.close();
  });

  // Page → workspace from what the page says: a team rule's workspace, the customer's
  // data-intercom-workspace, the page's <meta name="intercom-workspace">. Pages served at the consoles'
  // own addresses (console B's origin is mapped to Brand B in options).
  async function customerPage(url: string, head: string, body: string): Promise<Page> {
    const page = await h.context.newPage();
    const html = `<!doctype html><html><head><meta charset="utf-8"><title>Customer</title>${head}</head><body>${body}</body></html>`;
    await page.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
    await page.goto(url);
    return page;
  }
  /** The popup's "People on this page" for this tab looks its people up in `inside` (never `outside`), and its panel starts in `workspaceId`. */
  async function peopleInPopup(page: Page, inside: Simulator, outside: Simulator, workspaceId: string) {
    const tabId = await h.worker.evaluate(async (url) => (await (globalThis as any).chrome.tabs.query({ url }))[0].id, page.url());
    const searchesIn = (sim: Simulator) => sim.requests.filter((r) => r.path === '/contacts/search').length;
    const before = [searchesIn(inside), searchesIn(outside)];
    const popup = await h.extensionPage(`popup.html?tab=${tabId}`);
    await popup.getByRole('list', { name: 'People on this page' }).getByRole('button', { name: /Jane Cooper/ }).waitFor();
    await expect.poll(() => popup.getByLabel('Workspace', { exact: true }).inputValue()).toBe(workspaceId);
    await popup.locator('.recipient[data-contact-id]').waitFor();
    expect(searchesIn(inside)).toBeGreaterThan(before[0]!);
    expect(searchesIn(outside)).toBe(before[1]);
    await popup.close();
  }
  const jane = (extra = '') => `<article data-intercom-user-id="usr_1001" data-intercom-name="Jane Cooper"${extra}><h1>Jane Cooper</h1></article>`;

  it("a team rule naming workspace B (added in options) sends through B's token on a page the default would take", async () => {
    const options = await h.extensionPage('options.html');
    await options.getByLabel('Rule name').fill('Brand B users');
    await options.getByLabel('Pages (match pattern)').fill(`http://${new URL(h.demo!.url).hostname}/*`);
    await options.getByLabel('Address pattern (regular expression, group 1 is the identifier)').fill('^/brand-b/users/([^/?#]+)');
    await options.getByLabel('Workspace (optional: its name or Intercom id code)').fill('brandb7');
    await options.getByRole('button', { name: 'Add rule', exact: true }).click();
    await options.getByText('Rules saved.').waitFor();
    const stored = await h.worker.evaluate(async () => (await (globalThis as any).chrome.storage.local.get('teamRules')).teamRules);
    expect(stored.find((r: { name: string }) => r.name === 'Brand B users')).toMatchObject({ workspace: 'brandb7' });
    await options.close();

    const before = [messagesPosted(h.sim).length, messagesPosted(simB).length];
    const page = await h.context.newPage();
    await page.goto(`${h.demo!.url}/brand-b/users/usr_1001`);
    await (await sendFromPanel(page, 'usr_1001', 'Ruled into Brand B.')).waitFor();
    expect(messagesPosted(simB)).toHaveLength(before[1]! + 1);
    expect(messagesPosted(simB).at(-1)).toMatchObject({ valid: true, tokenEnd: 'bbbb', body: { body: '<p>Ruled into Brand B.</p>' } });
    expect(messagesPosted(h.sim)).toHaveLength(before[0]!);
    await page.close();
  });

  it("the page's markup names the workspace: data-intercom-workspace on the customer, else the meta tag, over the site mapping", async () => {
    const before = [messagesPosted(h.sim).length, messagesPosted(simB).length];
    // Console A's origin maps to nothing (the default, Acme): the customer's element says Brand B.
    const marked = await customerPage(`${h.demo!.url}/marked/usr_1001`, '', jane(' data-intercom-workspace="brandb7"'));
    await (await sendFromPanel(marked, 'Jane Cooper', 'Marked for Brand B.')).waitFor();
    expect(messagesPosted(simB)).toHaveLength(before[1]! + 1);
    expect(messagesPosted(simB).at(-1)).toMatchObject({ valid: true, tokenEnd: 'bbbb', body: { body: '<p>Marked for Brand B.</p>' } });
    await peopleInPopup(marked, simB, h.sim, workspaceB);
    await marked.close();
    // Console B's origin maps to Brand B: the page's meta tag names Acme, and wins.
    const meta = await customerPage(`${consoleB.url}/meta/usr_1001`, '<meta name="intercom-workspace" content="acme42">', jane());
    await (await sendFromPanel(meta, 'Jane Cooper', 'Meta says Acme.')).waitFor();
    expect(messagesPosted(h.sim)).toHaveLength(before[0]! + 1);
    expect(messagesPosted(h.sim).at(-1)).toMatchObject({ valid: true, tokenEnd: h.sim.token.slice(-4), body: { body: '<p>Meta says Acme.</p>' } });
    expect(messagesPosted(simB)).toHaveLength(before[1]! + 1);
    await peopleInPopup(meta, h.sim, simB, 'ws1');
    await meta.close();
  });

  it('a page naming a workspace that is not set up looks up and sends nothing, says so, and lets the agent pick one', async () => {
    const requests = [h.sim.requests.length, simB.requests.length];
    const sent = () => messagesPosted(h.sim).length + messagesPosted(simB).length;
    const sentBefore = sent();
    const page = await customerPage(`${h.demo!.url}/unknown/usr_1001`, '', jane(' data-intercom-workspace="Brand Z"'));
    await launcher(page, 'Jane Cooper').click();
    await page.getByText('This page asks for the Intercom workspace “Brand Z”, which is not set up in Hailer.').waitFor();
    await page.getByText('“Brand Z” (not set up)').waitFor();
    const select = page.getByLabel('Workspace', { exact: true });
    await expect(select.inputValue()).resolves.toBe('');
    await page.getByLabel('Message', { exact: true }).fill('Must not go anywhere.');
    await expect(page.getByRole('button', { name: 'Send', exact: true }).isDisabled()).resolves.toBe(true);
    await page.keyboard.press('Control+Enter');
    await page.waitForTimeout(300);
    // Neither Intercom was asked to find the customer (POST /contacts/search; nothing else can name
    // them without it), let alone sent a message. An earlier test's panel may still be loading its
    // contact card (GET /contacts/{id}) or finding its conversation: those are not this page's.
    const lookups = (sim: Simulator, from: number) => sim.requests.slice(from).filter((r) => r.method === 'POST' && r.path.startsWith('/contacts'));
    expect([lookups(h.sim, requests[0]!), lookups(simB, requests[1]!)]).toEqual([[], []]);
    expect(sent()).toBe(sentBefore);
    // The agent picks a workspace: the customer is looked up there (shown at once if Jane was confirmed
    // in Brand B a moment ago, and then checked with Intercom).
    await select.selectOption({ label: 'Brand B (simulated)' });
    await page.getByText('jane@acme.test').first().waitFor();
    await expect.poll(() => lookups(simB, requests[1]!).length).toBeGreaterThan(0);
    expect(sent()).toBe(sentBefore);
    await page.close();
  });

  it("the popup looks nobody up on a page whose meta tag names its workspace unreadably, and says so", async () => {
    const page = await customerPage(`${consoleB.url}/unreadable/42`, '<meta name="intercom-workspace" content="brand/b">', '<h1>Jane Cooper</h1><p>Customer: jane@acme.test</p>');
    const tabId = await h.worker.evaluate(async (url) => (await (globalThis as any).chrome.tabs.query({ url }))[0].id, page.url());
    const requests = [h.sim.requests.length, simB.requests.length];
    const popup = await h.extensionPage(`popup.html?tab=${tabId}`);
    await popup.getByText('This page names its Intercom workspace in a form Hailer cannot read', { exact: false }).waitFor();
    await expect(popup.getByRole('list', { name: 'People on this page' }).count()).resolves.toBe(0);
    const searches = (sim: Simulator, from: number) => sim.requests.slice(from).filter((r) => r.path === '/contacts/search');
    expect([searches(h.sim, requests[0]!), searches(simB, requests[1]!)]).toEqual([[], []]);
    await popup.close();
    await page.close();
  });

  it('removing a workspace deletes it with its token', async () => {
    const options = await h.extensionPage('options.html');
    options.on('dialog', (dialog) => void dialog.accept());
    await options.getByRole('group', { name: 'Brand B (simulated)' }).getByRole('button', { name: 'Remove workspace', exact: true }).click();
    await options.getByText('Removed Brand B (simulated) with its token and saved data.').waitFor();
    await expect(options.getByRole('button', { name: 'Remove workspace', exact: true }).count()).resolves.toBe(0);
    const reply = (await options.evaluate((w) => (globalThis as any).chrome.runtime.sendMessage({ hailer: 1, call: 'token.status', payload: {}, workspaceId: w }), workspaceB)) as any;
    expect(reply).toMatchObject({ ok: false, error: { code: 'workspace_unknown' } });
    await options.close();
  });
});

// The release before workspaces: main as it was when this work began.
const RELEASE_BEFORE_WORKSPACES = 'b38d40f78abd34033f70bacf2d9c0bbc0ba63d5d';
const root = fileURLToPath(new URL('../..', import.meta.url));

describe('upgrade of a real profile from the release before workspaces', () => {
  let work: string;
  let sim: Simulator;
  let demo: { url: string; close(): Promise<void> };

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'hailer-upgrade-'));
    const src = join(work, 'src');
    await mkdir(src);
    // That commit's sources, built as a test build with this checkout's dependencies (unchanged since).
    const archive = execFileSync('git', ['archive', '--format=tar', RELEASE_BEFORE_WORKSPACES], { cwd: root, maxBuffer: 64 << 20 });
    execFileSync('tar', ['-x', '-C', src], { input: archive });
    await symlink(join(root, 'node_modules'), join(src, 'node_modules'));
    execFileSync('npx', ['wxt', 'build'], { cwd: src, env: { ...process.env, HAILER_TEST_BUILD: '1' }, stdio: 'ignore' });
    await cp(join(src, '.output-test', 'chrome-mv3'), join(work, 'extension'), { recursive: true });
    sim = await startSimulator({ port: 0 });
    demo = await startDemoConsole({ port: 0 });
  }, 180_000);
  afterAll(async () => {
    await sim?.close();
    await demo?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('keeps the token, settings, draft and history, in Workspace 1 named from GET /me', async () => {
    const profile = join(work, 'profile');
    const extensionPath = join(work, 'extension');
    // The old release: connect, send once (history), leave a draft.
    let run = await launchExtension({ userDataDir: profile, extensionPath });
    await (await connectThroughOptions(run.context, run.extensionId, sim)).close();
    await presetTeamRules(run.worker, demoTeamRules(demo.url));
    const page = await run.context.newPage();
    await page.goto(`${demo.url}/customers/usr_1001`);
    await (await sendFromPanel(page, 'Jane Cooper', 'Sent by the old release.')).waitFor();
    await page.reload();
    await launcher(page, 'Jane Cooper').click();
    await page.getByText('jane@acme.test').first().waitFor();
    await page.getByLabel('Message', { exact: true }).fill('A draft from before the upgrade.');
    await expect
      .poll(() => run.worker.evaluate(async () => Object.values(await (globalThis as any).chrome.storage.local.get()).some((v: any) => v?.body === 'A draft from before the upgrade.')))
      .toBe(true);
    const oldLocal = await run.worker.evaluate(() => (globalThis as any).chrome.storage.local.get());
    expect(oldLocal.storageVersion).toBeUndefined();
    await run.context.close();

    // The same profile, the same extension path, this build.
    await rm(extensionPath, { recursive: true, force: true });
    await cp(extensionDir, extensionPath, { recursive: true });
    // As a store update does: a higher version (both builds say the package's), so Chromium takes the new worker.
    const manifestPath = join(extensionPath, 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
    await writeFile(manifestPath, JSON.stringify({ ...manifest, version: `${manifest.version}.1` }));
    run = await launchExtension({ userDataDir: profile, extensionPath });
    // Chromium keeps the service worker script it registered for an unpacked extension across
    // restarts; reloading the extension from disk is what installs the new one, as a store update does.
    const restarted = run.context.waitForEvent('serviceworker');
    await run.worker.evaluate(() => (globalThis as any).chrome.runtime.reload()).catch(() => {});
    run = { ...run, worker: await restarted };
    // The migration runs when the worker starts, before it answers any call.
    await expect.poll(() => run.worker.evaluate(async () => (await (globalThis as any).chrome.storage.local.get('storageVersion')).storageVersion), { timeout: 20_000 }).toBe(2);
    const local = await run.worker.evaluate(() => (globalThis as any).chrome.storage.local.get());
    expect(local.workspaces).toMatchObject({ defaultId: 'ws1', list: [{ id: 'ws1', name: 'Acme (simulated)', idCode: 'acme42', region: 'custom', apiBaseUrl: sim.apiBaseUrl }] });
    expect(local.settings).toEqual(oldLocal.settings);
    expect(local.history).toHaveLength(1);
    expect(local.history[0]).toMatchObject({ status: 'sent', workspaceId: 'ws1' });

    const options = await run.context.newPage();
    await options.goto(`chrome-extension://${run.extensionId}/options.html`);
    await expect(callFromPage(options, 'token.status', {})).resolves.toEqual({ ok: true, data: { set: true, last4: sim.token.slice(-4) } });
    await options.close();

    // The draft is back in the panel, and sends through the migrated token.
    sim.requests.length = 0;
    const again = await run.context.newPage();
    await again.goto(`${demo.url}/customers/usr_1001`);
    await launcher(again, 'Jane Cooper').click();
    await expect.poll(() => again.getByLabel('Message', { exact: true }).inputValue()).toBe('A draft from before the upgrade.');
    await again.getByRole('button', { name: 'Send', exact: true }).click();
    await again.getByRole('link', { name: 'Open conversation' }).waitFor();
    expect(messagesPosted(sim)).toHaveLength(1);
    expect(messagesPosted(sim)[0]).toMatchObject({ valid: true, tokenEnd: sim.token.slice(-4), body: { body: '<p>A draft from before the upgrade.</p>' } });
    await run.context.close();
  });
});
