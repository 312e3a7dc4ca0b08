// The background's side of the side panel (protocol calls `sidepanel.open` and `page.detected`),
// spread into background.ts's handlers.
import type { Handlers } from '../router';
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
