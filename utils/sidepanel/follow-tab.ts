// Which customer the side panel is about: the one in the front tab of its window, followed through tab
// switches, loads and single-page navigation (the content script says `page.detected` when its
// customer changes). For each tab the background answers in one message (`sidepanel.start`,
// utils/sidepanel/start.ts) who the customer is, the workspace and status, and what a warm open
// shows at once.
import { browser } from 'wxt/browser';
import type { DetectedRecipient } from '../protocol';
import type { PanelStart } from './start-shapes';
import { callBackground, chooseWorkspace, setWorkspaceHint } from '../messaging';
import { CHOSEN_KEY, chooseForTab, CONVERSATION_KEY } from './tab-customer';
import { primeDrafts } from '../compose/draft-store';

export type FollowedTab =
  | { state: 'looking'; tabId: number | null }
  | { state: 'none'; tabId: number | null }
  /** `conversationId`: a reply watch notification's conversation, chosen at once. */
  | { state: 'customer'; tabId: number | null; recipient: DetectedRecipient; conversationId?: string; start: PanelStart };

/**
 * Calls `onChange` with the followed tab's customer now and whenever it changes; `startTabId` (test
 * builds open the page as a tab with `?tab=`) is followed first. `lastParts`: the thread's length.
 * Answers a function that stops.
 */
export function followActiveTab(onChange: (followed: FollowedTab) => void, startTabId: number | null, lastParts: number): () => void {
  let tabId: number | null = startTabId;
  let windowId: number | undefined;
  let ownTabId: number | undefined;
  let asked = 0;

  /** `next` undefined: the window's tab in front (the panel's start, or a notification's conversation came). */
  async function follow(next: number | null | undefined) {
    const changedTab = next !== tabId;
    if (next !== undefined) tabId = next;
    const ask = ++asked;
    if (changedTab && next !== undefined) onChange({ state: 'looking', tabId: next });
    const reply = next === null ? null : await callBackground('sidepanel.start', { tabId: next ?? tabId, lastParts, ...(windowId !== undefined ? { windowId } : {}) });
    if (ask !== asked) return; // a newer tab or page won
    const found = reply?.ok ? reply.data : null;
    if (found) tabId = found.tabId;
    if (!found?.recipient) return onChange({ state: 'none', tabId });
    primeDrafts(found.drafts); // absent keys too: the background found no draft there
    // Every call from this page goes to the tab's workspace from now on (a page naming one Hailer does not have gets nothing looked up).
    chooseWorkspace(found.workspaceId);
    setWorkspaceHint(found.conversationId ? null : (found.unknown ?? found.recipient.workspace));
    onChange({ state: 'customer', tabId, recipient: found.recipient, ...(found.conversationId ? { conversationId: found.conversationId } : {}), start: { status: found.status, warm: found.warm, defaultConversation: found.defaultConversation } });
  }

  const onActivated = ({ tabId: activated, windowId: where }: { tabId: number; windowId: number }) => {
    // Only this window's tabs; not the side panel's own page when a test opened it as a tab.
    if ((windowId !== undefined && where !== windowId) || activated === ownTabId) return;
    void follow(activated);
  };
  const onUpdated = (updated: number, change: { status?: string; url?: string }) => {
    if (updated !== tabId) return;
    if (change.url) void chooseForTab(updated, null); // another page: its own customer again (the change is heard below)
    else if (change.status === 'complete') void follow(updated);
  };
  const onMessage = (message: unknown, sender: { id?: string; tab?: { id?: number } }) => {
    if (sender.id !== browser.runtime.id || sender.tab?.id !== tabId) return;
    if ((message as { call?: unknown } | null)?.call === 'page.detected') void follow(tabId);
    return undefined; // the background answers it
  };
  const onSessionChange = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'session') return;
    // A notification's conversation arrived (the background takes it when asked), or the popup chose someone for this tab.
    if (CONVERSATION_KEY in changes ? changes[CONVERSATION_KEY]!.newValue !== undefined : CHOSEN_KEY in changes && tabId !== null) void follow(tabId);
  };
  const onRemoved = (removed: number) => {
    if (removed === tabId) void follow(null);
  };

  browser.tabs.onActivated.addListener(onActivated);
  browser.tabs.onUpdated.addListener(onUpdated);
  browser.tabs.onRemoved.addListener(onRemoved);
  browser.runtime.onMessage.addListener(onMessage);
  browser.storage.onChanged.addListener(onSessionChange);
  // The page's own tab (a test opening it as a tab) and window, to tell which tab switches are this
  // window's; the window is also where the tab in front is looked for, so the first question waits for it.
  void browser.tabs.getCurrent().then((own) => (ownTabId = own?.id), () => undefined);
  void browser.windows
    .getCurrent()
    .then((current) => (windowId = current.id), () => undefined)
    .then(() => follow(startTabId ?? undefined));

  return () => {
    browser.tabs.onActivated.removeListener(onActivated);
    browser.tabs.onUpdated.removeListener(onUpdated);
    browser.tabs.onRemoved.removeListener(onRemoved);
    browser.runtime.onMessage.removeListener(onMessage);
    browser.storage.onChanged.removeListener(onSessionChange);
  };
}
