// `npm run demo`: the extension in Chromium against the local Intercom simulator and the demo
// support console, connected the way a new agent does it (the welcome page: paste the token,
// Connect; the simulator plays the EU region) and with the console's team rule preset. Headed when a
// display exists; with --headless (or no display) it takes a short scripted tour, saves screenshots
// and prints where, and writes the light and dark screenshots README shows into docs/.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchExtension, presetTeamRules } from '../test/e2e/chromium.mjs';
import { startSimulator } from '../test/intercom-simulator/index.mjs';
import { AFFECTED_COUNT, startDemoConsole } from '../test/demo-console/server.mjs';
import { demoTeamRules } from '../test/demo-console/rules.mjs';
import './check-node.mjs'; // warns, in one line, when this Node.js is older than WXT asks
import { tourPeopleAndTeach } from './demo-people.mjs';
import { connectThroughWelcome, docsScreenshots, shootThemes, simulateRegions } from './demo-first-run.mjs';
import { tourBulk } from './demo-bulk.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const headless = process.argv.includes('--headless') || !process.env.DISPLAY;

console.log('Building the extension (local build: may reach the simulator on 127.0.0.1)…');
const build = spawnSync('npx wxt build', { cwd: root, shell: true, stdio: 'inherit', env: { ...process.env, HAILER_TEST_BUILD: '1' } });
if (build.status !== 0) process.exit(build.status ?? 1);

const sim = await startSimulator({ port: 0, latencyMs: 40, affectedCustomers: AFFECTED_COUNT });
const demo = await startDemoConsole({ port: 0 });
console.log(`Intercom simulator: ${sim.url} (token ${sim.token})`);
console.log(`Demo support console: ${demo.url}`);

const profile = mkdtempSync(join(tmpdir(), 'hailer-demo-'));
const { context, worker, extensionId } = await launchExtension({ userDataDir: profile, headless, viewport: { width: 1280, height: 800 } });
const docsDir = resolve(root, 'docs');
const regions = await simulateRegions(worker, sim);
// Headless: the welcome page as the agent first sees it, then connected, in both themes.
const welcome = await connectThroughWelcome(context, sim.token, { beforeConnect: headless ? (page) => shootThemes(page, docsDir, 'welcome') : undefined });
if (headless) await shootThemes(welcome, docsDir, 'welcome-connected');
const options = await context.newPage();
await options.goto(`chrome-extension://${extensionId}/options.html`);
await options.getByRole('button', { name: 'Test connection' }).waitFor();
// The console's preset team rule, as a team lead's import would store it.
await presetTeamRules(worker, demoTeamRules(demo.url));
// Three of the workspace's contact attributes on the contact card, as chosen in the options page.
await worker.evaluate(() =>
  globalThis.chrome.storage.local.set({
    cardAttributes: [
      { name: 'custom_attributes.plan', label: 'Plan' },
      { name: 'custom_attributes.seats', label: 'Seats' },
      { name: 'custom_attributes.timezone', label: 'Time zone' },
    ],
  }),
);

let shot = 0;
const shotsDir = resolve(root, '.demo', 'screenshots');
const screenshot = async (page, name) => {
  mkdirSync(shotsDir, { recursive: true });
  const file = join(shotsDir, `${String(++shot).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file });
  console.log(`  screenshot: ${file}`);
};

if (headless) {
  console.log('Scripted tour (headless):');
  await screenshot(options, 'options');
  const page = await context.newPage();
  await page.goto(`${demo.url}/customers/usr_1001`);
  const launcher = page.getByRole('button', { name: /^Message / });
  await launcher.waitFor({ timeout: 10_000 });
  await screenshot(page, 'customer-page-launcher');
  await launcher.click();
  await page.locator('.recipient[data-contact-id]').waitFor(); // confirmed by Intercom (the simulator)
  // The contact card and a workspace macro (issue 13), inserted with the keyboard.
  await page.getByRole('region', { name: 'About Jane Cooper' }).getByText('Acme Inc').waitFor();
  await page.getByRole('button', { name: 'Insert macro' }).click();
  await page.keyboard.type('export');
  await page.getByRole('region', { name: 'Preview before inserting' }).waitFor();
  await screenshot(page, 'macro-picker-and-card');
  await page.keyboard.press('Enter');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+B');
  await page.keyboard.type('Reply here if anything looks off.');
  await page.getByRole('button', { name: 'Preview' }).click();
  console.log(`  macro inserted, message box: ${JSON.stringify(await page.getByLabel('Message', { exact: true }).inputValue())}`);
  await screenshot(page, 'compose-panel');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await page.getByRole('link', { name: 'Open conversation' }).waitFor({ timeout: 15_000 });
  await screenshot(page, 'sent');
  const inbox = context.pages().find((p) => p.url().includes('/inbox/conversation/'));
  if (inbox) await screenshot(inbox, 'intercom-inbox');
  // Continuing Jane's open conversation: a reply she sees, then a note only teammates see.
  await page.getByLabel('Conversation', { exact: true }).selectOption('1001');
  await page.locator('#hailer-thread', { hasText: 'Latest:' }).waitFor();
  await page.getByLabel('Message', { exact: true }).fill('Hi Jane, large exports work again: could you try once more?');
  await screenshot(page, 'reply-compose');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await page.getByRole('status').getByText('Reply sent.').waitFor({ timeout: 15_000 });
  await screenshot(page, 'reply-sent');
  await page.getByRole('checkbox', { name: 'Internal note' }).check();
  await page.getByLabel('Message', { exact: true }).fill('Fixed by the export worker restart; watch for a reply.');
  await page.getByLabel('Follow-up').selectOption({ label: 'Snooze until tomorrow 9:00' });
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await page.getByRole('status').getByText('Note added.').waitFor({ timeout: 15_000 });
  await screenshot(page, 'note-added');
  await tourPeopleAndTeach({ context, worker, extensionId, consoleUrl: demo.url, screenshot });
  await docsScreenshots({ context, worker, extensionId, consoleUrl: demo.url, docsDir });
  await tourBulk({ context, worker, extensionId, consoleUrl: demo.url, screenshot });
  const posted = sim.requests.filter((r) => r.method === 'POST' && r.path === '/messages');
  console.log(`Tour done: the simulator received ${posted.length} POST /messages, all valid: ${posted.every((r) => r.valid)}.`);
  const continued = sim.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/conversations/1001/'));
  const parts = sim.state.conversations.find((c) => c.id === '1001').conversation_parts.conversation_parts.map((p) => p.part_type);
  console.log(`Conversation 1001 now has parts ${parts.join(', ')} (${continued.length} requests, all valid: ${continued.every((r) => r.valid)}).`);
  console.log(`Screenshots are in ${shotsDir}`);
  await context.close();
  await Promise.all([sim.close(), demo.close(), regions.close()]);
  rmSync(profile, { recursive: true, force: true });
} else {
  const page = await context.newPage();
  await page.goto(demo.url);
  console.log('Chromium is open on the demo console. Open a customer and use the Hailer launcher. Ctrl+C to stop.');
  console.log(`${AFFECTED_COUNT} affected customers: ${demo.url}/incidents/billing-run — toolbar popup, tick a few or "Select all", "Message selected".`);
  console.log(`Unprepared pages: ${demo.url.replace('127.0.0.1', 'localhost')}/desk/tickets/5001 — open Hailer's toolbar popup there ("People on this page", "Teach Hailer this page").`);
  const stop = async () => {
    await context.close().catch(() => {});
    await Promise.all([sim.close(), demo.close(), regions.close()]);
    rmSync(profile, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  context.on('close', stop);
}
