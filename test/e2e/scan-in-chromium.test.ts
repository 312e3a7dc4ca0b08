// The page scan in a real browser, on every saved console page: Chromium parses the fixtures itself
// (declarative shadow DOM, iframes) and runs the scanner's browser path (XPath), which happy-dom in
// the unit tests cannot take. Each page must rank its customer first and offer nobody of the team,
// and find exactly the candidates happy-dom finds.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'vite';
import { chromium, type Browser } from 'playwright-core';
import { families, parsePage, team } from '../fixtures/consoles/evaluate';
import { chromiumPath } from './chromium.mjs';
import { scanPage, type ScanCandidate } from '../../utils/scan/scan';
import { withoutTeam } from '../../utils/scan/exclude';
import { Window } from 'happy-dom';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const fixtures = join(root, 'test', 'fixtures', 'consoles');
let browser: Browser;
let scanner: string;

beforeAll(async () => {
  const outDir = mkdtempSync(join(tmpdir(), 'hailer-scan-'));
  await build({
    configFile: false,
    logLevel: 'silent',
    build: { outDir, minify: false, lib: { entry: join(root, 'utils/scan/scan.ts'), formats: ['iife'], name: 'HailerScan', fileName: () => 'scan.js' } },
  });
  scanner = readFileSync(join(outDir, 'scan.js'), 'utf8');
  rmSync(outDir, { recursive: true, force: true });
  browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
});
afterAll(() => browser?.close());

const keyOf = (c: ScanCandidate) => `${c.ref.kind}:${c.ref.value}`;

describe.each(families.map((f) => [f.name, f] as const))('%s in Chromium', (_, family) => {
  it.each(family.pages.map((p) => [p.file, p] as const))('%s: customer first, no teammate, same candidates as happy-dom', async (file, page) => {
    const html = readFileSync(join(fixtures, file), 'utf8');
    const tab = await browser.newPage();
    // Served at the page's own address, so the URL the scanner reads and the iframes' origin are real.
    await tab.route('**/*', (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }));
    await tab.goto(page.url);
    await tab.addScriptTag({ content: scanner });
    const found = (await tab.evaluate(() => (globalThis as unknown as { HailerScan: typeof import('../../utils/scan/scan') }).HailerScan.scanPage(document, new URL(location.href)))) as ScanCandidate[];
    await tab.close();

    const offered = withoutTeam(found, team);
    expect(offered[0]?.ref, 'first candidate').toEqual(page.expect);
    expect(offered.filter((c) => c.ref.kind === 'email' && team.emails.includes(c.ref.value))).toEqual([]);
    const parser = new new Window({ url: page.url }).DOMParser() as unknown as DOMParser;
    const happy = scanPage(parsePage(html, parser), new URL(page.url));
    expect(found.map(keyOf).sort()).toEqual(happy.map(keyOf).sort());
  });
});
