// The token stays in the background and pages cannot drive the panel. Probed from the three places
// an attacker could stand: the page's own scripts, a content script (the extension's isolated world
// on that page, entered with scripting.executeScript), and another installed extension.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext } from 'playwright-core';
import { launch, messagesPosted, type Harness } from './harness';
import { chromiumPath, extensionDir } from './chromium.mjs';

let h: Harness;

beforeAll(async () => {
  h = await launch({ demo: true });
});
afterAll(async () => {
  await h?.close();
});

describe('token and page isolation', () => {
  it('a content script can read no storage area or call that reveals the token', async () => {
    const page = await h.context.newPage();
    await page.goto(`${h.demo!.url}/customers/usr_1001`);
    await page.getByRole('button', { name: 'Message Jane Cooper' }).waitFor();
    const probe = await h.worker.evaluate(async (url) => {
      const chrome = (globalThis as any).chrome;
      const [tab] = await chrome.tabs.query({ url: `${url}/*` });
      const [{ result }] = await chrome.scripting.executeScript({
        target: { tabId: tab.id },
        world: 'ISOLATED',
        func: async () => {
          const c = (globalThis as any).chrome;
          const call = (name: string, payload: unknown) => c.runtime.sendMessage({ hailer: 1, call: name, payload });
          const attempt = async (f: () => Promise<unknown>) => {
            try {
              return await f();
            } catch (e) {
              return { threw: String(e) };
            }
          };
          return {
            local: await attempt(() => c.storage.local.get(null)),
            sync: await attempt(() => c.storage.sync.get(null)),
            session: await attempt(() => c.storage.session.get(null)),
            tokenStatus: await call('token.status', {}),
            tokenSet: await call('token.set', { token: 'attacker-token-123' }),
            connection: await call('connection.test', {}),
            appStatus: await call('app.status', {}),
            unknownCall: await call('token.get', {}),
            dom: document.documentElement.outerHTML,
          };
        },
      });
      return result;
    }, h.demo!.url);
    expect(JSON.stringify(probe)).not.toContain(h.sim.token);
    expect(probe.tokenStatus).toMatchObject({ ok: false, error: { code: 'not_allowed' } });
    expect(probe.tokenSet).toMatchObject({ ok: false, error: { code: 'not_allowed' } });
    expect(probe.connection).toMatchObject({ ok: false, error: { code: 'not_allowed' } });
    expect(probe.unknownCall).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(probe.appStatus).toMatchObject({ ok: true, data: { configured: true } });
    // The attacker's token.set was refused: the real token still works.
    expect(h.sim.requests.some((r) => r.status === 401)).toBe(false);
    await page.close();
  });

  it("the page's own scripts cannot reach the background or make the panel send", async () => {
    const page = await h.context.newPage();
    await page.goto(`${h.demo!.url}/customers/usr_1001`);
    await page.getByRole('button', { name: 'Message Jane Cooper' }).click();
    await page.getByLabel('Message', { exact: true }).fill('Typed by the agent, sent by nobody else');
    const before = messagesPosted(h.sim).length;
    const attempts = await page.evaluate(async (extensionId) => {
      const results: string[] = [];
      const chrome = (globalThis as any).chrome;
      try {
        await chrome.runtime.sendMessage(extensionId, { hailer: 1, call: 'token.status', payload: {} });
        results.push('sendMessage answered');
      } catch {
        results.push('sendMessage refused');
      }
      window.postMessage({ hailer: 1, event: 'send' }, '*');
      // In test builds the shadow root is open, so a page script can reach the button: its click is
      // still synthetic (untrusted), and so is a synthetic Ctrl+Enter.
      for (const host of document.querySelectorAll('*')) {
        const root = (host as HTMLElement).shadowRoot;
        if (!root) continue;
        const send = [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Send');
        send?.click();
        send?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
        root.querySelector('textarea')?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true }));
        if (send) results.push('clicked');
      }
      return results;
    }, h.extensionId);
    expect(attempts).toContain('sendMessage refused');
    expect(attempts).toContain('clicked');
    await page.waitForTimeout(500); // give any send that was wrongly started time to reach the simulator
    expect(messagesPosted(h.sim).length).toBe(before);
    await page.close();
  });
});

describe('another extension', () => {
  let other: BrowserContext;
  let dir: string;
  afterAll(async () => {
    await other?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('is refused', async () => {
    dir = await mkdtemp(join(tmpdir(), 'hailer-other-ext-'));
    const ext = join(dir, 'ext');
    await mkdir(ext);
    await writeFile(join(ext, 'manifest.json'), JSON.stringify({ manifest_version: 3, name: 'Other', version: '1.0', background: { service_worker: 'sw.js' } }));
    await writeFile(join(ext, 'sw.js'), '// probes Hailer from outside\n');
    other = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: chromiumPath,
      headless: true,
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync',
        `--disable-extensions-except=${extensionDir},${ext}`,
        `--load-extension=${extensionDir},${ext}`,
      ],
    });
    const workers = async () => {
      while (other.serviceWorkers().length < 2) await other.waitForEvent('serviceworker');
      return other.serviceWorkers();
    };
    const all = await workers();
    const hailer = all.find((w) => w.url().endsWith('/background.js'))!;
    const outsider = all.find((w) => w !== hailer)!;
    const hailerId = new URL(hailer.url()).host;
    const answer = await outsider.evaluate(async (id) => {
      try {
        const reply = await (globalThis as any).chrome.runtime.sendMessage(id, { hailer: 1, call: 'app.status', payload: {} });
        return { reply: reply ?? null };
      } catch (e) {
        return { refused: String(e) };
      }
    }, hailerId);
    expect(answer).toHaveProperty('refused');
  });
});
