// The extension in another language: Chromium started in German, the agent connects through the
// German options page and sends from the German compose panel. Every label is looked up in the
// German catalogue, so the test fails if a text falls back to English or a control loses its name.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, messagesPosted, type Harness } from './harness';
import { startDemoConsole } from '../demo-console/server.mjs';
import { demoTeamRules } from '../demo-console/rules.mjs';
import { presetTeamRules } from './chromium.mjs';

type Catalogue = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const de: Catalogue = JSON.parse(readFileSync(new URL('../../public/_locales/de/messages.json', import.meta.url), 'utf8'));
const en: Catalogue = JSON.parse(readFileSync(new URL('../../public/_locales/en/messages.json', import.meta.url), 'utf8'));

/** What chrome.i18n.getMessage answers for `key` in German, with `$1`… filled from `values`. */
function german(key: string, ...values: string[]): string {
  const entry = de[key]!;
  return entry.message.replace(/\$([A-Za-z0-9_]+)\$/g, (_, name: string) =>
    (entry.placeholders?.[name.toLowerCase()]?.content ?? '').replace(/\$(\d)/g, (_m, i: string) => values[Number(i) - 1] ?? ''),
  );
}

let h: Harness;
let demo: Awaited<ReturnType<typeof startDemoConsole>>;

beforeAll(async () => {
  h = await launch({ locale: 'de' });
  demo = await startDemoConsole({ port: 0 });
});
afterAll(async () => {
  await h?.close();
  await demo?.close();
});

describe('German', () => {
  it('connects through the German options page and sends from the German panel', async () => {
    expect(german('panelSend')).not.toBe(en.panelSend!.message); // the catalogue really differs

    const options = await h.extensionPage('options.html');
    await options.getByLabel(german('optionsToken'), { exact: true }).fill(h.sim.token);
    await options.getByLabel(german('optionsRegion'), { exact: true }).selectOption({ label: german('optionsRegionCustom') });
    await options.getByLabel(german('optionsApiBaseUrl'), { exact: true }).fill(h.sim.apiBaseUrl);
    await options.getByLabel(german('optionsAppBaseUrl'), { exact: true }).fill(h.sim.appBaseUrl);
    await options.getByRole('button', { name: german('optionsSave'), exact: true }).click();
    await options.getByRole('status').getByText(german('optionsSaved')).waitFor();
    await presetTeamRules(h.worker, demoTeamRules(demo.url));

    const page = await h.context.newPage();
    await page.goto(`${demo.url}/customers/usr_1001`);
    await page.getByRole('button', { name: german('panelLauncher', 'Jane Cooper'), exact: true }).click();
    await page.getByText('jane@acme.test').first().waitFor();
    await page.getByLabel(german('panelMessage'), { exact: true }).fill('Hallo Jane, Ihr Export ist fertig.');
    await page.getByRole('button', { name: german('panelSend'), exact: true }).click();
    await page.getByRole('link', { name: german('panelOpenConversation'), exact: true }).waitFor();
    expect(messagesPosted(h.sim).map((r) => r.body)).toMatchObject([{ message_type: 'in_app', body: '<p>Hallo Jane, Ihr Export ist fertig.</p>' }]);
  });
});
