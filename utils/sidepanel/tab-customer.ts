// Whom a tab is about for the side panel: what the tab's content script detected, or the one the agent
// chose for that tab in the popup's People on this page (kept in storage.session, per tab); and a
// reply watch notification's conversation waiting for the panel to show it.
import { browser } from 'wxt/browser';
import type { DetectedRecipient } from '../protocol';

export const CHOSEN_KEY = 'sidePanelChosen';
type Chosen = Record<string, DetectedRecipient>;
/** A conversation to show instead of the tab's customer, until the agent switches tabs (a reply watch notification). */
export const CONVERSATION_KEY = 'sidePanelConversation';
export interface ShownConversation {
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

/** The notification's conversation, if one waits: taken (shown once). One storage read, for the choice and for it. */
export async function tabCustomer(tabId: number | null): Promise<{ waiting: ShownConversation | null; recipient: DetectedRecipient | null }> {
  // Asked at once (the panel's first moments are on this path); the popup's choice wins over the page.
  const [stored, detected] = await Promise.all([
    browser.storage.session.get([CHOSEN_KEY, CONVERSATION_KEY]).catch(() => ({}) as Record<string, unknown>),
    tabId === null ? null : (browser.tabs.sendMessage(tabId, { hailer: 1, event: 'detected' }).catch(() => null) as Promise<DetectedRecipient | null>),
  ]);
  const waiting = stored[CONVERSATION_KEY] as ShownConversation | undefined;
  if (waiting?.conversationId) {
    await browser.storage.session.remove(CONVERSATION_KEY);
    return { waiting, recipient: { ref: { kind: 'contact_id', value: waiting.contactId }, displayName: waiting.name } };
  }
  const chosen = (stored[CHOSEN_KEY] ?? {}) as Chosen;
  if (tabId !== null && chosen[tabId]?.ref) return { waiting: null, recipient: chosen[tabId]! };
  return { waiting: null, recipient: detected?.ref ? detected : null };
}
