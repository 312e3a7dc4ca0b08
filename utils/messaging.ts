// Sending side of the protocol in utils/protocol.ts. Deliberately free of zod so the content script
// stays small: the background parses every request, and replies come only from our own background.
import { browser } from 'wxt/browser';
import type { CallName, CallRequest, Reply } from './protocol';
import { t } from './i18n';

/** `workspaceId` names the workspace the call is for; without it the background uses the default. */
export async function callBackground<N extends CallName>(call: N, payload: CallRequest<N>, workspaceId?: string | null): Promise<Reply<N>> {
  try {
    const reply = (await browser.runtime.sendMessage({ hailer: 1, call, payload, ...(workspaceId ? { workspaceId } : {}) })) as Reply<N> | undefined;
    if (reply && typeof reply === 'object' && 'ok' in reply) return reply;
  } catch {
    // The background could not be reached (extension updated or reloaded under this page).
  }
  return {
    ok: false,
    error: { code: 'unknown', message: t('errorUnreachable'), action: t('errorUnreachableAction') },
  };
}
