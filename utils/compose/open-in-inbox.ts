// Where the agent lands after a send, or when they ask to open a conversation: the inbox link per
// their setting (a new tab, the Intercom tab already open, or nothing).
import { browser } from 'wxt/browser';
import type { AfterSend } from '../protocol';

export async function openConversation(url: string, mode: AfterSend): Promise<void> {
  if (mode === 'stay') return;
  if (mode === 'reuse_tab') {
    // The inbox of the workspace the link is in (each workspace may have its own region or address).
    const [tab] = await browser.tabs.query({ url: `${new URL(url).origin}/*` });
    if (tab?.id !== undefined) {
      await browser.tabs.update(tab.id, { url, active: true });
      if (tab.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true });
      return;
    }
  }
  await browser.tabs.create({ url });
}
