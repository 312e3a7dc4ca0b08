// Opening Hailer's side panel: Chrome's sidePanel (for the window, so it follows every tab there),
// Firefox's sidebar. Both insist on a user action: call this from a click handler (popup), or from
// the background while it answers the click's message (in-page panel, a notification click).
import { browser } from 'wxt/browser';

type ChromeSidePanel = { open(options: { windowId?: number; tabId?: number }): Promise<void> };
type FirefoxSidebar = { open(): Promise<void> };

/** True when the browser opened it; false where it cannot (no such API, or it refused without a user action). */
export async function openSidePanel(where: { windowId?: number; tabId?: number }): Promise<boolean> {
  const api = browser as unknown as { sidePanel?: ChromeSidePanel; sidebarAction?: FirefoxSidebar };
  const chrome = (globalThis as { chrome?: { sidePanel?: ChromeSidePanel } }).chrome;
  try {
    const sidePanel = api.sidePanel ?? chrome?.sidePanel;
    if (sidePanel) {
      // Hailer has one panel for all tabs: opened "in a tab", it is the window's, and follows the tab in front.
      await sidePanel.open(where.tabId !== undefined ? { tabId: where.tabId } : { windowId: where.windowId });
      return true;
    }
    if (api.sidebarAction) {
      await api.sidebarAction.open();
      return true;
    }
  } catch {
    // Refused: not in answer to a user action, or the window went away.
  }
  return false;
}
