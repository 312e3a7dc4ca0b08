// Which customer the side panel is about: the one in the front tab of its window, followed through tab
// switches, loads and single-page navigation (the content script says `page.detected` when its
// customer changes). The customer is what the tab's content script detected, or the one the agent
// chose for that tab in the popup's People on this page (kept in storage.session, per tab).
import { browser } from 'wxt/browser';
import type { DetectedRecipient } from '../protocol';
import { callBackground, chooseWorkspace, setWorkspaceHint } from '../messaging';

export type FollowedTab =
  | { state: 'looking'; tabId: number | null }
  | { state: 'none'; tabId: number | null }
  /** `conversationId`: a reply watch notification's conversation, chosen at once. */
  | { state: 'customer'; tabId: number | null; recipient: DetectedRecipient; conversationId?: string };

const CHOSEN_KEY = 'sidePanelChosen';
type Chosen = Record<string, DetectedRecipient>;
/** A conversation to show instead of the tab's customer, until the agent switches tabs (a reply watch notification). */
const CONVERSATION_KEY = 'sidePanelConversation';
interface ShownConversation {
  workspaceId?: string;
  conversationId: string;
  contactId: string;
  name: string;
}

export async function showConversation(conversation: ShownConversation): Promise<void> {
  await browser.storage.session.set({ [CONVERSATION_KEY]: conversation });
}

/** The popup's choice for a tab (null: none), for the side panel opened from there; it holds until the tab shows another page. */
export async function chooseForTab(tabId: number, recipient: DetectedRecipient | null): Promise<void> {
  const stored: Record<string, unknown> = await browser.storage.session.get(CHOSEN_KEY).catch(() => ({}));
  const { [tabId]: _dropped, ...others } = (stored[CHOSEN_KEY] ?? {}) as Chosen;
  await browser.storage.session.set({ [CHOSEN_KEY]: recipient ? { ...others, [tabId]: recipient } : others });
}

async function recipientIn(tabId: number): Promise<DetectedRecipient | null> {
  // Both asked at once (the panel's first moments are on this path); the popup's choice wins.
  const [stored, detected] = await Promise.all([
    browser.storage.session.get(CHOSEN_KEY).catch(() => ({}) as Record<string, unknown>),
    browser.tabs.sendMessage(tabId, { hailer: 1, event: 'detected' }).catch(() => null) as Promise<DetectedRecipient | null>,
  ]);
  const chosen = (stored[CHOSEN_KEY] ?? {}) as Chosen;
  if (chosen[tabId]?.ref) return chosen[tabId]!;
  return detected?.ref ? detected : null;
}

/**
 * The panel's calls go to the tab's workspace, found as for the popup's People on this page (its
 * Intercom app id, the hint its rule or markup gives, its site): a page naming one Hailer does not
 * have gets nothing looked up, and the panel says so.
 */
async function useWorkspaceOf(tab: { url?: string } | null, recipient: DetectedRecipient): Promise<void> {
  const found = await callBackground('workspace.forPage', { url: (tab?.url ?? '').slice(0, 4096), ...(recipient.workspace ? { workspaceHint: recipient.workspace } : {}) });
  chooseWorkspace(found.ok ? found.data.workspaceId : null);
  setWorkspaceHint(found.ok ? found.data.unknown : recipient.workspace);
}

/**
 * Calls `onChange` with the followed tab's customer now and whenever it changes; `startTabId` (test
 * builds open the page as a tab with `?tab=`) is followed first. Answers a function that stops.
 */
export function followActiveTab(onChange: (followed: FollowedTab) => void, startTabId: number | null): () => void {
  let tabId: number | null = null;
  let windowId: number | undefined;
  let ownTabId: number | undefined;
  let asked = 0;

  async function follow(next: number | null) {
    const changedTab = next !== tabId;
    tabId = next;
    const ask = ++asked;
    if (changedTab) onChange({ state: 'looking', tabId: next });
    const [recipient, tab] = next === null ? [null, null] : await Promise.all([recipientIn(next), browser.tabs.get(next).catch(() => null)]);
    if (recipient) await useWorkspaceOf(tab, recipient);
    if (ask !== asked) return; // a newer tab or page won
    onChange(recipient && next !== null ? { state: 'customer', tabId: next, recipient } : { state: 'none', tabId: next });
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
  /** The notification's conversation, if one waits: shown once, then the key is gone. */
  async function showWaitingConversation(): Promise<boolean> {
    const stored: Record<string, unknown> = await browser.storage.session.get(CONVERSATION_KEY).catch(() => ({}));
    const shown = stored[CONVERSATION_KEY] as ShownConversation | undefined;
    if (!shown?.conversationId) return false;
    await browser.storage.session.remove(CONVERSATION_KEY);
    ++asked; // whatever the tab said before does not replace it
    chooseWorkspace(shown.workspaceId ?? null);
    setWorkspaceHint(null);
    onChange({ state: 'customer', tabId, recipient: { ref: { kind: 'contact_id', value: shown.contactId }, displayName: shown.name }, conversationId: shown.conversationId });
    return true;
  }
  const onSessionChange = (changes: Record<string, unknown>, area: string) => {
    if (area !== 'session') return;
    if (CONVERSATION_KEY in changes) void showWaitingConversation();
    else if (CHOSEN_KEY in changes && tabId !== null) void follow(tabId);
  };
  const onRemoved = (removed: number) => {
    if (removed === tabId) void follow(null);
  };

  browser.tabs.onActivated.addListener(onActivated);
  browser.tabs.onUpdated.addListener(onUpdated);
  browser.tabs.onRemoved.addListener(onRemoved);
  browser.runtime.onMessage.addListener(onMessage);
  browser.storage.onChanged.addListener(onSessionChange);
  void (async () => {
    const [own, current] = await Promise.all([browser.tabs.getCurrent().catch(() => undefined), browser.windows.getCurrent().catch(() => undefined)]);
    ownTabId = own?.id;
    windowId = current?.id;
    const [front] = startTabId !== null ? [{ id: startTabId }] : await browser.tabs.query({ active: true, windowId });
    tabId = front?.id ?? null;
    if (!(await showWaitingConversation())) await follow(tabId);
  })();

  return () => {
    browser.tabs.onActivated.removeListener(onActivated);
    browser.tabs.onUpdated.removeListener(onUpdated);
    browser.tabs.onRemoved.removeListener(onRemoved);
    browser.runtime.onMessage.removeListener(onMessage);
    browser.storage.onChanged.removeListener(onSessionChange);
  };
}
