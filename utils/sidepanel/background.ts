// The background's side of the side panel (protocol calls `sidepanel.open` and `page.detected`),
// spread into background.ts's handlers.
import { browser } from 'wxt/browser';
import type { Handlers } from '../router';
import { notifiedItem } from '../compose/reply-watch';
import { showConversation } from './tab-customer';
import { openSidePanel } from './open';

export const sidePanelHandlers: Pick<Handlers, 'sidepanel.open' | 'page.detected'> = {
  // "Open in side panel" in the in-page panel: the click's message is the user action the browser asks for.
  async 'sidepanel.open'(_, sender) {
    return { opened: await openSidePanel({ windowId: sender.tab?.windowId, tabId: sender.tab?.id }) };
  },
  // The content script's customer changed (single-page navigation). An open side panel hears the same
  // message and asks the tab again; there is nothing for the background to do.
  async 'page.detected'() {
    return {};
  },
};

/** A reply watch notification was clicked: its conversation, in the side panel of the window in front. */
export async function openReplyInSidePanel(notificationId: string): Promise<void> {
  const notice = (await notifiedItem.getValue())[notificationId];
  if (!notice?.contactId) return;
  const window = await browser.windows.getLastFocused().catch(() => undefined);
  // Asked for first, while the click still counts as the agent's action; the panel picks the conversation up when it starts.
  const opened = openSidePanel({ windowId: window?.id });
  await showConversation({ ...notice, contactId: notice.contactId });
  await opened;
}
