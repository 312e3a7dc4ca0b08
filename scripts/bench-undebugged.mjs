// A Chromium with the extension and no debugger on its pages, for the side panel's warm open as an
// agent's browser makes it. Playwright attaches to every page of the browser it drives (browser-wide
// auto-attach; on each page the network, runtime and page domains and an isolated world of its own),
// and the side panel's warm open took 20–30 ms longer for it, nearly all in the page load (one open
// in each of the two browsers in turn, 15 each: 151–160 ms against 181 ms on a busy machine; the
// flags below made no difference). So this Chromium listens on a debugging port: Playwright may
// connect over it for a setup and disconnect, and `bareCdp` then opens pages with one plain CDP
// session each (only the Page domain on, for the script that notes the marks before the page runs,
// and Runtime.evaluate to read them).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromiumPath, extensionArgs, extensionDir } from '../test/e2e/chromium.mjs';

/** What Playwright's own launch adds that changes timings (headless; timers and renderers of background tabs not slowed). */
const LIKE_PLAYWRIGHT = [
  '--headless',
  '--hide-scrollbars',
  '--mute-audio',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-renderer-backgrounding',
  '--disable-ipc-flooding-protection',
  '--disable-hang-monitor',
  '--disable-back-forward-cache',
];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Answers where Playwright connects (`endpoint`), where `bareCdp` does (`webSocketUrl`), and `close()`. */
export async function launchUndebugged({ userDataDir, extensionPath = extensionDir, flags = LIKE_PLAYWRIGHT }) {
  const args = [...flags, ...extensionArgs(extensionPath), `--user-data-dir=${userDataDir}`, '--remote-debugging-port=0', 'about:blank'];
  // A process group of its own, so that closing it ends its helper processes too (they write to the profile).
  const browser = spawn(chromiumPath, args, { env: { ...process.env, LANGUAGE: 'en_US' }, stdio: 'ignore', detached: true });
  const exited = new Promise((resolve) => browser.once('exit', resolve));
  const close = async () => {
    if (browser.exitCode === null) process.kill(-browser.pid, 'SIGTERM');
    await exited;
  };
  // Chromium writes its port and the browser target's path there once it listens.
  const portFile = join(userDataDir, 'DevToolsActivePort');
  for (const end = Date.now() + 30_000; ; await sleep(50)) {
    const [port, path] = existsSync(portFile) ? readFileSync(portFile, 'utf8').split('\n') : [];
    if (port && path) return { endpoint: `http://127.0.0.1:${port}`, webSocketUrl: `ws://127.0.0.1:${port}${path}`, close };
    if (Date.now() > end || browser.exitCode !== null) {
      await close();
      throw new Error('Chromium did not open its debugging port');
    }
  }
}

/**
 * Plain CDP on the browser target. `open(url, initScript, ready)` opens `url` in a new tab, with
 * `initScript` run before the page's own scripts; polls `ready` (an expression, in the page) until
 * it answers a value, closes the tab and answers that value.
 */
export async function bareCdp(webSocketUrl) {
  const socket = new WebSocket(webSocketUrl);
  await new Promise((resolve, reject) => {
    socket.onopen = resolve;
    socket.onerror = () => reject(new Error(`no CDP at ${webSocketUrl}`));
  });
  let lastId = 0;
  const waiting = new Map();
  socket.onmessage = ({ data }) => {
    const message = JSON.parse(data);
    const call = waiting.get(message.id);
    if (!call) return; // an event: none is enabled that the opens need
    waiting.delete(message.id);
    if (message.error) call.reject(new Error(`${call.method}: ${message.error.message}`));
    else call.resolve(message.result);
  };
  const send = (method, params = {}, sessionId) =>
    new Promise((resolve, reject) => {
      const id = ++lastId;
      waiting.set(id, { method, resolve, reject });
      socket.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    });

  async function open(url, initScript, ready, timeoutMs = 30_000) {
    const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
    try {
      const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
      await send('Page.enable', {}, sessionId); // without it the script below does not run in the next document
      await send('Page.addScriptToEvaluateOnNewDocument', { source: initScript }, sessionId);
      await send('Page.navigate', { url }, sessionId);
      for (const end = Date.now() + timeoutMs; Date.now() < end; await sleep(25)) {
        // Before the navigation commits this reads about:blank, where `ready` answers nothing yet.
        const answer = await send('Runtime.evaluate', { expression: ready, returnByValue: true }, sessionId).catch(() => null);
        if (answer?.result?.value != null) return answer.result.value;
      }
      throw new Error(`${url} was not ready within ${timeoutMs} ms`);
    } finally {
      await send('Target.closeTarget', { targetId });
    }
  }

  return { open, close: () => socket.close() };
}
