// The page scan in a real browser, on every saved console page: Chromium parses the fixtures itself
// (declarative shadow DOM, iframes) and runs the scanner in a real engine. Each page must rank its
// customer first (the hand-written ones) and offer nobody of the team, and find exactly the
// candidates happy-dom finds. On
// a big page the scanner reads the rest of a sparse page's text and looks for shadow hosts with
// XPath, which happy-dom in the unit tests cannot take: the last tests check those paths against
// happy-dom's.
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
  const checks = family.software ? 'no teammate' : 'customer first, no teammate';
  it.each(family.pages.map((p) => [p.file, p] as const))(`%s: ${checks}, same candidates as happy-dom`, async (file, page) => {
    const html = readFileSync(join(fixtures, file), 'utf8');
    const tab = await browser.newPage();
    // Served at the page's own address, so the URL the scanner reads and the iframes' origin are real.
    await tab.route('**/*', (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }));
    await tab.goto(page.url);
    await tab.addScriptTag({ content: scanner });
    const found = (await tab.evaluate(() => (globalThis as unknown as { HailerScan: typeof import('../../utils/scan/scan') }).HailerScan.scanPage(document, new URL(location.href)))) as ScanCandidate[];
    await tab.close();

    const offered = withoutTeam(found, team);
    // Hand-written families must rank their customer first; on rendered ones (family.software) that
    // is a reach figure the bench prints, while offering nobody of the team holds everywhere.
    if (!family.software) expect(offered[0]?.ref, 'first candidate').toEqual(page.expect);
    expect(offered.filter((c) => c.ref.kind === 'email' && team.emails.includes(c.ref.value))).toEqual([]);
    const parser = new new Window({ url: page.url }).DOMParser() as unknown as DOMParser;
    const happy = scanPage(parsePage(html, parser), new URL(page.url));
    expect(found.map(keyOf).sort()).toEqual(happy.map(keyOf).sort());
  });
});

describe('a big page in Chromium', () => {
  it('finds shadow hosts (custom elements) only in the part it read, as happy-dom does', async () => {
    // Over 20,000 elements (a big page: only custom elements are asked for a shadow root), and over
    // 2,000 addresses (the text is read up to the 2,000th): one custom-element host before the stop,
    // one after it, and a <div> host before it.
    const rows = Array.from({ length: 2100 }, (_, i) => `<div><span>person${i}@list.test</span></div>`).join('');
    const body = `<h1>Accounts</h1><x-card id="early"></x-card><div id="plain"></div>${rows}<x-card id="late"></x-card>${'<i></i>'.repeat(20_000)}`;
    const shadows = { early: 'Customer: early@shadow.test', plain: 'Customer: plain@shadow.test', late: 'Customer: late@shadow.test' };
    const attach = (doc: Document, texts: Record<string, string>) => {
      for (const [id, text] of Object.entries(texts)) doc.getElementById(id)!.attachShadow({ mode: 'open' }).innerHTML = `<p>${text}</p>`;
    };
    const url = 'https://admin.example.test/accounts';
    const tab = await browser.newPage();
    await tab.route('**/*', (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: `<!doctype html><html><body>${body}</body></html>` }));
    await tab.goto(url);
    await tab.addScriptTag({ content: scanner });
    await tab.evaluate(`(${attach.toString()})(document, ${JSON.stringify(shadows)})`);
    const found = (await tab.evaluate(() => (globalThis as unknown as { HailerScan: typeof import('../../utils/scan/scan') }).HailerScan.scanPage(document, new URL(location.href)))) as ScanCandidate[];
    await tab.close();

    expect(found[0]?.ref.value).toBe('early@shadow.test');
    expect(found.map((c) => c.ref.value)).not.toContain('late@shadow.test');
    expect(found.map((c) => c.ref.value)).not.toContain('plain@shadow.test');
    const doc = new new Window({ url }).DOMParser().parseFromString(`<!doctype html><html><body>${body}</body></html>`, 'text/html') as unknown as Document;
    attach(doc, shadows);
    expect(found.map(keyOf)).toEqual(scanPage(doc, new URL(url)).map(keyOf));
  });

  it('finds links and fields only in the part it read, as happy-dom does', async () => {
    // 2,000 addresses: links and fields are then looked for in the part read up to the walk's stop, and add
    // only to people already found. Before the stop a link, a field and a textarea; the stop's own
    // text inside a link; after it a link, a field and a marked link.
    const rows = Array.from({ length: 1999 }, (_, i) => `<div><span>person${i}@list.test</span>${i < 10 ? ` <a href="mailto:person${i}@list.test">write</a>` : ''}</div>`).join('');
    const body =
      `<h1>Accounts</h1><p><a href="mailto:person5@list.test">write</a> <input value="person6@list.test"> <textarea>Customer: person7@list.test</textarea></p>${rows}` +
      `<p><a href="mailto:stop@link.test">stop@link.test</a></p><p><a href="mailto:person8@list.test">write</a><input value="person9@list.test">` +
      `<a href="/u/9" data-intercom-user-id="usr_late_link">Late Link</a></p>`;
    const url = 'https://admin.example.test/accounts';
    const tab = await browser.newPage();
    await tab.route('**/*', (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: `<!doctype html><html><body>${body}</body></html>` }));
    await tab.goto(url);
    await tab.addScriptTag({ content: scanner });
    const found = (await tab.evaluate(() =>
      (globalThis as unknown as { HailerScan: typeof import('../../utils/scan/scan') }).HailerScan.scanPage(document, new URL(location.href), { limit: 3000 }),
    )) as ScanCandidate[];
    await tab.close();

    const count = (v: string) => found.find((c) => c.ref.value === v)?.count;
    expect(['person5', 'person6', 'person7', 'stop', 'person8', 'person9'].map((p) => count(`${p}@${p === 'stop' ? 'link' : 'list'}.test`))).toEqual([3, 3, 3, 2, 2, 2]);
    expect(found[0]?.ref).toEqual({ kind: 'user_id', value: 'usr_late_link' });
    const doc = new new Window({ url }).DOMParser().parseFromString(`<!doctype html><html><body>${body}</body></html>`, 'text/html') as unknown as Document;
    expect(found.map((c) => [keyOf(c), c.count, c.score])).toEqual(scanPage(doc, new URL(url), { limit: 3000 }).map((c) => [keyOf(c), c.count, c.score]));
  });

  it('reads the frames of a <frameset> page', async () => {
    const tab = await browser.newPage();
    await tab.route('**/*', (route) =>
      route.fulfill({
        contentType: 'text/html; charset=utf-8',
        body: route.request().url().endsWith('/inner')
          ? '<!doctype html><html><body><h1>Order 12</h1><p>Customer: framed@frame.test</p></body></html>'
          : '<!doctype html><html><frameset cols="50%,50%"><frame src="/nav"><frame src="/inner"></frameset></html>',
      }),
    );
    await tab.goto('https://admin.example.test/orders/12');
    await tab.waitForFunction(() => Array.from(document.getElementsByTagName('frame')).every((f) => f.contentDocument?.readyState === 'complete'));
    await tab.addScriptTag({ content: scanner });
    const found = (await tab.evaluate(() => (globalThis as unknown as { HailerScan: typeof import('../../utils/scan/scan') }).HailerScan.scanPage(document, new URL(location.href)))) as ScanCandidate[];
    await tab.close();
    expect(found.map(keyOf)).toEqual(['email:framed@frame.test']);
  });

  it('finds the addresses of a long, sparse page with XPath past its first 2,000 text nodes, as the walk does', async () => {
    // One person's page with a long log: few text nodes hold an "@", so after the probe the browser's
    // XPath finds the rest. Addresses early (inside the probe), late, nested and in the last row.
    const row = (i: number) =>
      `<tr><td>2024-03-01 10:${i % 60}</td><td>Invoice INV-${i} paid</td><td>${i % 700 === 0 ? `Email sent to <b>jane@big.test</b> by ben${i}@acme.test` : 'system'}</td></tr>`;
    const body = `<h1>Jane Big</h1><dl><dt>Email</dt><dd>jane@big.test</dd></dl><table><tbody>${Array.from({ length: 4000 }, (_, i) => row(i)).join('')}</tbody></table><p>Last: late@big.test</p>`;
    const url = 'https://admin.example.test/customers/42';
    const tab = await browser.newPage();
    await tab.route('**/*', (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: `<!doctype html><html><body>${body}</body></html>` }));
    await tab.goto(url);
    await tab.addScriptTag({ content: scanner });
    const found = (await tab.evaluate(() => (globalThis as unknown as { HailerScan: typeof import('../../utils/scan/scan') }).HailerScan.scanPage(document, new URL(location.href)))) as ScanCandidate[];
    await tab.close();

    expect(found[0]?.ref.value).toBe('jane@big.test');
    expect(found.map((c) => c.ref.value)).toEqual(expect.arrayContaining(['late@big.test', 'ben3500@acme.test']));
    const doc = new new Window({ url }).DOMParser().parseFromString(`<!doctype html><html><body>${body}</body></html>`, 'text/html') as unknown as Document;
    expect(found.map((c) => [keyOf(c), c.count])).toEqual(scanPage(doc, new URL(url)).map((c) => [keyOf(c), c.count]));
  });
});

describe('declarative shadow DOM in Chromium (issue 22)', () => {
  // The record in <template shadowrootmode="open">, a decoy in the light DOM before it.
  const html = `<!doctype html><html><body>
    <aside><h2>Recently viewed</h2><p>Decoy Person &lt;decoy@elsewhere.test&gt;</p><p>decoy@elsewhere.test</p></aside>
    <crm-record><template shadowrootmode="open"><h1>Jane Cooper</h1><dl><dt>Email</dt><dd>jane.cooper@globex.test</dd></dl></template></crm-record>
  </body></html>`;

  it('ranks the record in the attached shadow root first, as happy-dom does with the template unattached', async () => {
    const url = 'https://crm.test/records/7';
    const tab = await browser.newPage();
    await tab.route('**/*', (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }));
    await tab.goto(url);
    expect(await tab.evaluate(() => !!document.querySelector('crm-record')!.shadowRoot && !document.querySelector('template'))).toBe(true);
    await tab.addScriptTag({ content: scanner });
    const found = (await tab.evaluate(() => (globalThis as unknown as { HailerScan: typeof import('../../utils/scan/scan') }).HailerScan.scanPage(document, new URL(location.href)))) as ScanCandidate[];
    await tab.close();
    expect(found.map((c) => c.ref.value)).toEqual(['jane.cooper@globex.test', 'decoy@elsewhere.test']);
    const doc = new new Window({ url }).DOMParser().parseFromString(html, 'text/html') as unknown as Document;
    expect(doc.querySelector('template')).not.toBeNull(); // happy-dom leaves it as parsed
    expect(scanPage(doc, new URL(url)).map(keyOf)).toEqual(found.map(keyOf));
  });
});
