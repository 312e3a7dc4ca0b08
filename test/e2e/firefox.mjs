// Starting Debian's Firefox ESR with the built Firefox test extension, over WebDriver BiDi
// (puppeteer-core; no browser is ever downloaded). Shared by the Firefox e2e suite (test/firefox/).
//
// The recipe: the extension is zipped into the profile's `extensions/<gecko id>.xpi` (a profile
// install, so no signature and no about:debugging), prefs enable that scope and pin the extension's
// moz-extension uuid, so its pages have a known address. BiDi refuses to navigate a tab to an
// extension page: the first one is Firefox's start URL, others are opened with `tabs.create` from an
// extension page (`openExtensionPage`).
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import webExt from 'web-ext';

export const firefoxExtensionDir = fileURLToPath(new URL('../../.output-test/firefox-mv2', import.meta.url));
export const firefoxPath = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const GECKO_ID = 'hailer@hailer.dev';
/** Any fixed uuid: Firefox gives the extension this one in the profiles we make. */
export const EXTENSION_UUID = '3f6c2a1e-8b4d-4c7a-9e2f-5a1b0c9d8e7f';
export const extensionUrl = (path) => `moz-extension://${EXTENSION_UUID}/${path}`;

const prefs = {
  'xpinstall.signatures.required': false,
  'extensions.autoDisableScopes': 0,
  'extensions.enabledScopes': 15,
  'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
  // Off the network: no update checks, no telemetry, no captive-portal or connectivity probes.
  'extensions.update.enabled': false,
  'extensions.getAddons.cache.enabled': false,
  'app.update.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.enabled': false,
  'browser.safebrowsing.downloads.remote.enabled': false,
  // An extension's notifications.create must not wait on a desktop notification service.
  'alerts.useSystemBackend': false,
};

/** Puts the built extension into a (new or existing) profile as `extensions/<gecko id>.xpi`. */
export async function installIntoProfile(profileDir) {
  const extensionsDir = join(profileDir, 'extensions');
  await mkdir(extensionsDir, { recursive: true });
  const artifactsDir = await mkdtemp(join(tmpdir(), 'hailer-xpi-'));
  const { extensionPath } = await webExt.cmd.build(
    { sourceDir: firefoxExtensionDir, artifactsDir, filename: 'hailer.xpi', overwriteDest: true },
    { showReadyMessage: false, shouldExitProgram: false },
  );
  await rename(extensionPath, join(extensionsDir, `${GECKO_ID}.xpi`));
  await rm(artifactsDir, { recursive: true, force: true });
}

/**
 * Firefox ESR on `profileDir` (made on first use, where the install's welcome page is closed) with
 * the extension, headless, its options page as the start page. Relaunching on the same profile is a browser restart: storage, IndexedDB and
 * the extension's alarms persist.
 */
export async function launchFirefox({ profileDir, startPath = 'options.html', headless = true }) {
  // A relaunch keeps the installed copy: an add-on file changed under the profile makes Firefox
  // restart itself at start-up, which ends the driver's session.
  const fresh = !existsSync(join(profileDir, 'extensions', `${GECKO_ID}.xpi`));
  if (fresh) await installIntoProfile(profileDir);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath,
    headless,
    userDataDir: profileDir,
    extraPrefsFirefox: prefs,
    args: [extensionUrl(startPath)],
  });
  const page = await extensionPageReady(browser, startPath);
  if (fresh && startPath !== 'welcome.html') {
    // The install opens the welcome page (once) in front; the tests start where it points, in the
    // options. Headless Firefox runs a tab behind another too slowly to drive, so it goes.
    await (await extensionPageReady(browser, 'welcome.html')).close();
    await page.bringToFront();
  }
  return { browser, page };
}

/** The tab showing one of our pages, once its script has rendered. BiDi may report the URL late. */
async function extensionPageReady(browser, path, timeoutMs = 15_000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    for (const page of await browser.pages()) {
      const href = await page.evaluate(() => (document.querySelector('#app')?.childElementCount ? location.href : '')).catch(() => '');
      if (href === extensionUrl(path)) return page;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Firefox did not show ${path}`);
}

/** Opens another of our pages in a new tab, from an extension page (BiDi cannot navigate to one). */
export async function openExtensionPage(browser, fromPage, path) {
  await fromPage.evaluate((url) => globalThis.browser.tabs.create({ url }), extensionUrl(path));
  return extensionPageReady(browser, path);
}

/**
 * Calls the context menu's click handler in the background page (test builds expose it; headless
 * Firefox cannot open a context menu), with the tab whose URL matches `tabUrl`, as Firefox passes it.
 */
export function clickContextMenu(extensionPage, info, tabUrl) {
  return extensionPage.evaluate(
    async (i, url) => {
      const background = await globalThis.browser.runtime.getBackgroundPage();
      // Firefox match patterns take no port, so tabs.query({ url }) cannot name a loopback port.
      const tab = (await globalThis.browser.tabs.query({})).find((t) => t.url === url);
      return background.hailerTest.handleMenuClick(i, tab);
    },
    info,
    tabUrl,
  );
}

/** Points the extension at the simulator through the options page, as an agent would. */
export async function connectThroughOptions(options, sim) {
  await fill(await getByRole(options, 'textbox', 'Access token'), sim.token);
  await (await getByRole(options, 'combobox', 'Region')).select('custom');
  await fill(await getByRole(options, 'textbox', 'API base URL'), sim.apiBaseUrl);
  await fill(await getByRole(options, 'textbox', 'Inbox base URL'), sim.appBaseUrl);
  await (await getByRole(options, 'button', 'Save')).click();
  await waitForText(options, '[role="status"]', 'Saved.');
}

/**
 * Adds a workspace in options as an agent would (Add workspace, Custom hosting, its addresses, its
 * token and optionally a site), and waits until it is connected. Its fields are the last of their name.
 */
export async function addWorkspaceThroughOptions(options, sim, { token, site, connectedAs }) {
  const fieldsets = 'section[aria-labelledby="workspaces-heading"] fieldset';
  const before = await options.evaluate((sel) => document.querySelectorAll(sel).length, fieldsets);
  await (await getByRole(options, 'button', 'Add workspace')).click();
  await options.waitForFunction((sel, n) => document.querySelectorAll(sel).length > n, { polling: 100, timeout: 15_000 }, fieldsets, before);
  await (await getByRole(options, 'combobox', 'Where it is hosted', { last: true })).select('custom');
  // Its address fields appear once Custom is chosen.
  await options.waitForFunction((sel) => !![...document.querySelectorAll(sel)].at(-1)?.querySelector('input[type="url"]'), { polling: 100, timeout: 15_000 }, fieldsets);
  // Set at once, not typed: Firefox over BiDi types about 10 characters a second.
  const set = async (name, value, exact = true) =>
    (await getByRole(options, 'textbox', name, { last: true, exact })).evaluate((el, v) => {
      el.value = v;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }, value);
  await set('API address', sim.apiBaseUrl);
  await set('Inbox address', sim.appBaseUrl);
  await set('Token for this workspace', token);
  if (site) await set('Pages on these sites use workspace', site, false);
  await (await getByRole(options, 'button', 'Update workspace', { last: true })).click();
  await waitForText(options, '[role="status"]', `Connected to ${connectedAs}`);
}

/** Replaces a field's value by typing, as an agent would. */
export async function fill(handle, value) {
  await handle.click({ count: 3 });
  await handle.evaluate((el) => {
    el.select?.();
  });
  await handle.type(value);
}

/** Waits until an element matching `selector` (shadow roots pierced) has exactly or contains `text`. */
export async function waitForText(page, selector, text, timeoutMs = 15_000) {
  await page.waitForFunction(
    (sel, want) => {
      const all = (root) => [...root.querySelectorAll(sel), ...[...root.querySelectorAll('*')].flatMap((el) => (el.shadowRoot ? all(el.shadowRoot) : []))];
      return all(document).some((el) => el.textContent.includes(want));
    },
    { timeout: timeoutMs, polling: 100 },
    selector,
    text,
  );
}

/** Stores team rules as a team lead's import would, and waits until the background registered them. */
export async function presetTeamRules(extensionPage, rules) {
  await extensionPage.evaluate((r) => globalThis.browser.storage.local.set({ teamRules: r }), rules);
  await extensionPage.waitForFunction(
    async () => (await globalThis.browser.scripting.getRegisteredContentScripts()).length > 0,
    { timeout: 10_000, polling: 100 },
  );
}

// Firefox ESR headless closes the BiDi connection on an accessibility locator (puppeteer's
// `::-p-aria`), so elements are found by role and accessible name computed in the page: the subset
// of the ARIA rules Hailer's pages use (aria-labelledby, aria-label, <label>, text), shadow roots
// included.
const findByRole = (role, name, exact, inside) => {
  const implicit = (el) => {
    const tag = el.localName;
    const type = (el.getAttribute('type') || '').toLowerCase();
    if (tag === 'button' || (tag === 'input' && ['submit', 'button', 'reset'].includes(type))) return 'button';
    if (tag === 'a' && el.hasAttribute('href')) return 'link';
    if (tag === 'textarea' || (tag === 'input' && ['', 'text', 'email', 'url', 'tel', 'password', 'number'].includes(type))) return type === 'number' ? 'spinbutton' : 'textbox';
    if (tag === 'input' && type === 'search') return 'searchbox';
    if (tag === 'input' && (type === 'radio' || type === 'checkbox')) return type;
    if (tag === 'select') return el.multiple || el.size > 1 ? 'listbox' : 'combobox';
    if (tag === 'dialog') return 'dialog';
    if (tag === 'li' && el.parentElement && ['ul', 'ol'].includes(el.parentElement.localName)) return 'listitem';
    if (tag === 'ul' || tag === 'ol') return 'list';
    return null;
  };
  const text = (el) => (el.textContent || '').replace(/\s+/g, ' ').trim();
  const accessibleName = (el) => {
    const root = el.getRootNode();
    const labelledby = el.getAttribute('aria-labelledby');
    if (labelledby) return labelledby.split(/\s+/).map((id) => text(root.getElementById?.(id) ?? document.getElementById(id) ?? { textContent: '' })).join(' ').trim();
    const label = el.getAttribute('aria-label');
    if (label) return label.trim();
    if (['input', 'select', 'textarea'].includes(el.localName)) {
      const byFor = el.id ? root.querySelector(`label[for="${CSS.escape(el.id)}"]`) : null;
      const wrapping = el.closest('label');
      if (byFor || wrapping) return text(byFor || wrapping);
      return (el.getAttribute('title') || el.getAttribute('placeholder') || '').trim();
    }
    return text(el) || (el.getAttribute('title') || '').trim();
  };
  const all = (root) => [...root.querySelectorAll('*')].flatMap((el) => [el, ...(el.shadowRoot ? all(el.shadowRoot) : [])]);
  const visible = (el) => el.getClientRects().length > 0;
  return all(document).filter((el) => {
    if ((el.getAttribute('role') || implicit(el)) !== role || !visible(el)) return false;
    if (inside && !el.parentElement?.closest(inside === 'dialog' ? 'dialog, [role="dialog"]' : `[role="${inside}"]`)) return false;
    if (name === undefined) return true;
    const n = accessibleName(el);
    return exact ? n === name : n.includes(name);
  });
};

/**
 * Waits for the one visible element with this role and accessible name (exact by default), and
 * returns its handle. `{ exact: false }` matches a part of the name; `{ inside: 'dialog' }` only
 * looks inside an element of that role; `{ last: true }` takes the last of several (the workspace
 * just added in options, whose fields are named like the others').
 */
export async function getByRole(page, role, name, { exact = true, inside = null, last = false, timeoutMs = 15_000 } = {}) {
  // Sent as an expression: extension pages' CSP forbids eval, but not the driver's own evaluation.
  const expression = `(() => { const m = (${findByRole})(${JSON.stringify(role)}, ${JSON.stringify(name)}, ${exact}, ${JSON.stringify(inside)}); return m.length ? m[${last ? 'm.length - 1' : '0'}] : false; })()`;
  const handle = await page.waitForFunction(expression, { timeout: timeoutMs, polling: 100 });
  return handle.asElement();
}

/** How many visible elements have this role and name, now. */
export function countByRole(page, role, name, { exact = true } = {}) {
  return page.evaluate(`(${findByRole})(${JSON.stringify(role)}, ${JSON.stringify(name)}, ${exact}).length`);
}
