// "Message this user" in the context menu: on a selected email or id, on a mailto: link, and on a
// page where a customer is detected. The panel opens in the page (injected on demand where no
// content script runs, which the menu click's activeTab grant allows); pages that cannot host it
// (browser pages, the PDF viewer) get the compose popup in a small window instead.
import { browser, type Browser } from 'wxt/browser';
import type { DetectedRecipient } from './protocol';
import { t } from './i18n';
import { findEmailInText, parseRecipientInput } from './compose/recipient-input';

type Tab = Browser.tabs.Tab;
export interface MenuClick {
  menuItemId: string | number;
  selectionText?: string;
  linkUrl?: string;
}

export const MENU_SELECTION = 'hailer-selection';
export const MENU_MAILTO = 'hailer-mailto';
export const MENU_PAGE = 'hailer-page';

export function createMenus(): void {
  browser.contextMenus.removeAll().then(() => {
    browser.contextMenus.create({ id: MENU_SELECTION, title: t('menuMessageSelection'), contexts: ['selection'] });
    browser.contextMenus.create({ id: MENU_MAILTO, title: t('menuMessageThisUser'), contexts: ['link'], targetUrlPatterns: ['mailto:*'] });
    browser.contextMenus.create({ id: MENU_PAGE, title: t('menuMessageThisUser'), contexts: ['page'] });
  });
}

/** Who the click points at; undefined for a page click (the content script knows who is on screen). */
export function recipientFromClick(click: MenuClick): DetectedRecipient | undefined | null {
  if (click.menuItemId === MENU_PAGE) return undefined;
  const raw = click.menuItemId === MENU_MAILTO ? click.linkUrl : click.selectionText;
  if (!raw) return null;
  const email = click.menuItemId === MENU_SELECTION ? findEmailInText(raw) : null;
  const ref = email ? { kind: 'email' as const, value: email } : parseRecipientInput(raw);
  return 'error' in ref ? null : { ref };
}

export async function handleMenuClick(click: MenuClick, tab: Tab | undefined): Promise<'panel' | 'window' | 'nothing'> {
  const recipient = recipientFromClick(click);
  if (recipient === null) return 'nothing';
  return openComposer(tab, recipient);
}

/** Opens the in-page panel (injecting the content script when needed) or, failing that, a popup window. */
export async function openComposer(tab: Tab | undefined, recipient?: DetectedRecipient): Promise<'panel' | 'window'> {
  const message = { hailer: 1, event: 'open-panel', ...(recipient ? { recipient } : {}) };
  if (tab?.id !== undefined && /^https?:/.test(tab.url ?? '')) {
    if (await browser.tabs.sendMessage(tab.id, message).then(() => true, () => false)) return 'panel';
    const injected = await browser.scripting
      .executeScript({ target: { tabId: tab.id }, files: ['/content-scripts/content.js'] })
      .then(() => true, () => false);
    if (injected && (await browser.tabs.sendMessage(tab.id, message).then(() => true, () => false))) return 'panel';
  }
  const query = recipient ? `?${new URLSearchParams({ kind: recipient.ref.kind, value: recipient.ref.value })}` : '';
  await browser.windows.create({ url: browser.runtime.getURL(`/popup.html${query}`), type: 'popup', width: 440, height: 640 });
  return 'window';
}
