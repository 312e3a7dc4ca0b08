// The heap any extension's content script adds to a page before Hailer's own code, for reading
// Hailer's row in `npm run bench`: minimal MV3 extensions are written to a temporary directory, each
// loaded alone into the same Chromium the way the bench loads Hailer, and measured on the same
// customer page (its 127.0.0.1 address, which their content script matches) by the same function.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchExtension } from '../test/e2e/chromium.mjs';

// What the launcher cannot do without: hear the background, read its rules (local and managed).
const messagingAndStorage = `
chrome.runtime.onMessage.addListener(() => {});
chrome.storage.local.get('teamRules');
chrome.storage.managed.get('teamRules').catch(() => {});`;

// The least a launcher does on a customer page: find the customer in the markup, show one button in
// a closed shadow root, and watch the page for the next customer.
const minimalLauncher = `${messagingAndStorage}
addEventListener('DOMContentLoaded', () => {
  const customer = document.querySelector('[data-intercom-contact-id],[data-intercom-user-id],[data-intercom-email]');
  if (!customer) return;
  const host = document.createElement('div');
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = 'button { position: fixed; right: 16px; bottom: 16px; }';
  const button = document.createElement('button');
  button.textContent = customer.getAttribute('data-intercom-name') ?? '';
  button.setAttribute('aria-label', chrome.i18n.getMessage('panelLauncher') || 'Message');
  button.addEventListener('click', () => {});
  shadow.append(style, button);
  document.documentElement.append(host);
  new MutationObserver(() => {}).observe(document.body, { childList: true, subtree: true });
});`;

const floors = [
  ['a minimal extension whose content script is empty', ';', 'any content script, before its first line'],
  ['  the same + a runtime.onMessage listener and storage.local/managed reads', messagingAndStorage, 'before any Hailer code'],
  ['  the same + markup detection, one button in a closed shadow root, a page observer', minimalLauncher, 'a hand-written minimal launcher'],
];

/** `heapAdded(context)`: bytes a page's content script adds, the way the bench measures Hailer's. */
export async function heapFloorRows(row, heapAdded) {
  for (const [label, script, note] of floors) {
    const dir = mkdtempSync(join(tmpdir(), 'hailer-floor-ext-'));
    const profile = mkdtempSync(join(tmpdir(), 'hailer-floor-profile-'));
    writeFileSync(
      join(dir, 'manifest.json'),
      JSON.stringify({
        manifest_version: 3,
        name: 'heap floor',
        version: '1',
        permissions: ['storage'],
        // An empty worker: launchExtension waits for the extension's service worker to start.
        background: { service_worker: 'background.js' },
        content_scripts: [{ matches: ['http://127.0.0.1/*'], js: ['content.js'], run_at: 'document_start' }],
      }),
    );
    writeFileSync(join(dir, 'background.js'), ';');
    writeFileSync(join(dir, 'content.js'), script);
    const { context } = await launchExtension({ userDataDir: profile, extensionPath: dir, inspectWorkerNetwork: false });
    try {
      row(`${label} (median of 5)`, `${((await heapAdded(context)) / 1024).toFixed(0)} KB`, note);
    } finally {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
      rmSync(profile, { recursive: true, force: true });
    }
  }
}
