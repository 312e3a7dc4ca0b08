// The launcher: a button in the corner of a customer page, in its own shadow root, and the slot the
// compose panel renders into. Plain DOM, no Preact: it is on every console page, while the panel
// (./panel.tsx, Preact and all) is imported from the extension the first time the agent opens it,
// and stays loaded for the page's life so every later open is warm.
import { browser } from 'wxt/browser';
import { t } from '@/utils/i18n';
import type { DetectedRecipient } from '@/utils/protocol';
import styles from './launcher.css?inline';

/** What ./panel.tsx exports (kept structural: importing its types would pull nothing, but the chunk is separate). */
interface PanelModule {
  renderPanel(slot: HTMLElement, props: { recipient: DetectedRecipient; onClose(): void; canTeach: boolean } | null): void;
}

// Built by modules/panel-chunk.ts, which also makes it web-accessible and a known public path.
const PANEL_URL = '/content-scripts/panel.js';
let panelModule: Promise<PanelModule> | undefined;
/** One import per page; a failed one (extension reloaded under the page) may be tried again. */
function loadPanel(): Promise<PanelModule> {
  panelModule ??= (import(/* @vite-ignore */ browser.runtime.getURL(PANEL_URL)) as Promise<PanelModule>).catch((error) => {
    panelModule = undefined;
    throw error;
  });
  return panelModule;
}

/** `canTeach`: a team rule covers this page, so the panel offers to teach it again. */
export function createLauncher(onToggle: (open: boolean) => void, canTeach = false) {
  const host = document.createElement('hailer-compose');
  // An attribute, not host.style: the style object's interface is one more the extension's world would build.
  host.setAttribute('style', 'all: initial !important; position: fixed !important; z-index: 2147483647 !important;');
  // Closed in production so page scripts cannot reach the draft; open in test builds for e2e tests.
  const shadow = host.attachShadow({ mode: __HAILER_TEST_BUILD__ ? 'open' : 'closed' });
  const style = document.createElement('style');
  style.textContent = styles;
  const root = document.createElement('div');
  root.className = 'hailer-root';
  const slot = document.createElement('div');
  slot.className = 'panel-slot';
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'launcher';
  root.append(slot, button);
  shadow.append(style, root);
  // Keys typed in the panel must not trigger the page's own shortcuts.
  for (const type of ['keydown', 'keyup', 'keypress']) host.addEventListener(type, (e) => e.stopPropagation());

  let recipient: DetectedRecipient | null = null;
  let open = false;
  button.addEventListener('click', () => onToggle(!open));

  /** Renders the panel for the current state once the chunk is here (it may arrive after a close). */
  function syncPanel() {
    if (!open && !panelModule) return;
    loadPanel().then(
      (panel) => panel.renderPanel(slot, open && recipient ? { recipient, onClose: () => onToggle(false), canTeach } : null),
      () => {
        const problem = document.createElement('p');
        problem.className = 'problem';
        problem.setAttribute('role', 'alert');
        problem.textContent = `${t('errorUnreachable')} ${t('errorUnreachableAction')}`;
        slot.replaceChildren(problem);
      },
    );
  }

  return {
    host,
    show(next: DetectedRecipient | null, nextOpen: boolean) {
      const wasOpen = open;
      const sameRecipient = next !== null && recipient !== null && next.ref.kind === recipient.ref.kind && next.ref.value === recipient.ref.value;
      recipient = next;
      open = nextOpen && next !== null;
      if (!next) {
        syncPanel();
        host.remove();
        return;
      }
      if (!host.isConnected) document.documentElement.append(host);
      const name = next.displayName ?? next.ref.value;
      button.setAttribute('aria-label', t('panelLauncher', name));
      button.setAttribute('aria-expanded', String(open));
      // The envelope is launcher.css's ::before, decoration only.
      button.textContent = name.length > 28 ? `${name.slice(0, 27)}…` : name;
      if (open || wasOpen) syncPanel();
      // Closing hands focus back to the launcher, so the keyboard never lands nowhere (a page that
      // moved on to another customer closed the panel itself: focus stays where the agent is).
      if (wasOpen && !open && sameRecipient) button.focus();
    },
  };
}
