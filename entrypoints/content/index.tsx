// The content script: finds the customer on screen and offers the compose panel for them. It runs on
// Intercom's app hosts and on the sites of the team's rules (registered at run time), and is
// injected on demand by the context menu. Pages with no customer get no observers or timers.
// Only the launcher lives here (detection, the button, the shortcut, messaging): the panel itself
// (Preact, the card, the editor, macros) is ./panel.tsx, a chunk imported on first open (./launcher.ts).
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { detectWith, type ApplyRule } from '@/utils/detect/detect';
import { intercomAppHosts } from '@/utils/detect/intercom';
import type { TeamRule } from '@/utils/detect/rules';
import { rulesForPage } from '@/utils/detect/stored-rules';
import type { DetectedRecipient } from '@/utils/protocol';
import { createLauncher } from './launcher';
import { callBackground } from '@/utils/messaging';

export default defineContentScript({
  matches: intercomAppHosts.map((host) => `https://${host}/*`),
  cssInjectionMode: 'manual',
  // Injected at document start so the rules are read while the page parses, and the launcher is
  // up right at DOMContentLoaded (Chrome injects document_end scripts tens of ms later).
  runAt: 'document_start',
  async main(ctx) {
    // A page can match both the manifest and a rule registration, or be injected on demand again.
    const marker = Symbol.for('hailer.content');
    if ((globalThis as Record<symbol, unknown>)[marker]) return;
    (globalThis as Record<symbol, unknown>)[marker] = true;
    await start(ctx);
  },
});

type BackgroundMessage = { event?: string; recipient?: DetectedRecipient };

async function start(ctx: ContentScriptContext) {
  // Listen at once: the context menu injects this script and messages it right away; messages wait
  // for the page and the rules below.
  let ready!: () => void;
  const started = new Promise<void>((resolve) => (ready = resolve));
  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    // Only our own background and pages talk to the panel (never a page, never another extension).
    // Firefox names a tab for our pages opened as tabs (the popup and side panel in tests); only a
    // content script could be in a tab at another address, and content scripts cannot message tabs.
    const ours = !sender.tab || sender.url?.startsWith(browser.runtime.getURL('/'));
    if (sender.id !== browser.runtime.id || !ours || !message || typeof message !== 'object') return;
    if ((message as { hailer?: unknown }).hailer !== 1) return;
    return started.then(() => onBackgroundMessage(message as BackgroundMessage));
  });

  const domReady =
    document.readyState === 'loading' ? new Promise((resolve) => addEventListener('DOMContentLoaded', resolve, { once: true })) : null;
  const rules: TeamRule[] = await rulesForPage(location);
  // The rule engine is a chunk of its own (modules/panel-chunk.ts): pages without rules never load it.
  // Not loading it (an extension reload under the page) leaves the rules unapplied, never wrong.
  const applyRule: ApplyRule | undefined = rules.length
    ? await (import(/* @vite-ignore */ browser.runtime.getURL('/content-scripts/rules.js')) as Promise<{ applyRule: ApplyRule }>).then((m) => m.applyRule, () => undefined)
    : undefined;
  await domReady;
  let detected: DetectedRecipient | null = null;
  /** From the context menu: who to message, when it is not (only) the detected customer. */
  let chosen: DetectedRecipient | null = null;
  let open = false;
  let looked = false;

  // Built for the first customer: until then the page's elements stay unwrapped in the extension's
  // world, which spares pages without a customer most of the launcher's heap.
  let ui: ReturnType<typeof createLauncher> | undefined;

  function paint() {
    const recipient = chosen ?? detected;
    if (!recipient && !ui) return;
    ui ??= createLauncher((next) => {
      open = next;
      paint();
    }, rules.length > 0);
    ui.show(recipient, recipient ? open : false);
  }

  function redetect() {
    const found = detectWith(document, location, rules, applyRule);
    if (found?.ref.kind === detected?.ref.kind && found?.ref.value === detected?.ref.value && found?.workspace === detected?.workspace) return;
    detected = found;
    chosen = null;
    open = false;
    paint();
    // An open side panel following this tab hears it and asks who is on screen now. Not for the
    // first look at a page: the side panel asks when the tab has loaded, and a page load need not
    // wake the background.
    if (looked) void callBackground('page.detected', {});
  }

  function onBackgroundMessage({ event, recipient }: BackgroundMessage): DetectedRecipient | boolean | null {
    // The popup asks who is on screen, to prefill its recipient.
    if (event === 'detected') return chosen ?? detected;
    if (event === 'toggle-panel') open = !open;
    else if (event === 'open-panel') {
      // Someone else on this page (context menu): the page's workspace still applies.
      if (recipient?.ref && typeof recipient.ref.value === 'string') chosen = { ref: recipient.ref, displayName: recipient.displayName, ...(detected?.workspace ? { workspace: detected.workspace } : {}) };
      open = true;
    } else return false;
    if (!chosen && !detected) redetect();
    paint();
    return Boolean(chosen ?? detected);
  }

  redetect();
  looked = true;
  ready();
  const watched = rules.length > 0 || intercomAppHosts.includes(location.hostname);
  if (!watched && !detected) return; // injected on demand on an unknown page: nothing to follow

  // Single-page apps: the Navigation API fires at once in Chromium; popstate/hashchange elsewhere;
  // a coalesced MutationObserver catches content rendered after the URL changed.
  let queued = false;
  const schedule = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      redetect();
    });
  };
  const navigation = (globalThis as { navigation?: EventTarget }).navigation;
  navigation?.addEventListener('navigatesuccess', schedule);
  ctx.addEventListener(window, 'popstate', schedule);
  ctx.addEventListener(window, 'hashchange', schedule);
  // A same-origin frame's record appears when the frame loads (rules read frames, utils/detect/roots.ts);
  // load does not bubble (nor reach the window), but the document sees it in the capture phase.
  ctx.addEventListener(document, 'load', (e) => (e.target as Node | null)?.nodeName === 'IFRAME' && schedule(), { capture: true });
  // The whole document, not its body: touching an element (the body) would build the element
  // interfaces in the extension's world on pages that show no customer. Records are not read: the
  // launcher's own insertion costs one look that finds nothing new, and its shadow root's changes
  // are never reported here. (The head is watched too: <meta name="intercom-workspace">.)
  const observer = new MutationObserver(schedule);
  observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-intercom-contact-id', 'data-intercom-user-id', 'data-intercom-email', 'data-intercom-workspace', 'href', 'content'] });
  ctx.onInvalidated(() => {
    observer.disconnect();
    navigation?.removeEventListener('navigatesuccess', schedule);
  });
}
