// Sending side of the protocol in utils/protocol.ts. Deliberately free of zod so the content script
// stays small: the background parses every request, and replies come only from our own background.
import { browser } from 'wxt/browser';
import type { CallName, CallRequest, Reply } from './protocol';
import { t } from './i18n';

// The workspace the agent chose in this context's "Workspace" select (one panel per page, one popup):
// every call from here goes to it until the choice is cleared.
let chosenWorkspace: string | null = null;
export function chooseWorkspace(workspaceId: string | null): void {
  chosenWorkspace = workspaceId;
}

/**
 * `workspaceId` names the workspace the call is for; without it, the one chosen in this context,
 * else the background decides (the page's mapped workspace, or the default).
 */
export async function callBackground<N extends CallName>(call: N, payload: CallRequest<N>, workspaceId?: string | null): Promise<Reply<N>> {
  const target = workspaceId ?? chosenWorkspace;
  try {
    const reply = (await browser.runtime.sendMessage({ hailer: 1, call, payload, ...(target ? { workspaceId: target } : {}) })) as Reply<N> | undefined;
    if (reply && typeof reply === 'object' && 'ok' in reply) return reply;
  } catch {
    // The background could not be reached (extension updated or reloaded under this page).
  }
  return {
    ok: false,
    error: { code: 'unknown', message: t('errorUnreachable'), action: t('errorUnreachableAction') },
  };
}
