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

// The workspace this context's page (or its team rule) names, already checked by the detector: sent
// with calls that name no workspace, for the background to match (it may be one Hailer does not have).
let workspaceHint: string | null = null;
export function setWorkspaceHint(hint: string | null | undefined): void {
  workspaceHint = hint ?? null;
}

/**
 * `workspaceId` names the workspace the call is for; without it, the one chosen in this context,
 * else the background decides (the page's mapped workspace, or the default).
 */
export async function callBackground<N extends CallName>(call: N, payload: CallRequest<N>, workspaceId?: string | null): Promise<Reply<N>> {
  const target = workspaceId ?? chosenWorkspace;
  try {
    const where = target ? { workspaceId: target } : workspaceHint ? { workspaceHint } : {};
    const reply = (await browser.runtime.sendMessage({ hailer: 1, call, payload, ...where })) as Reply<N> | undefined;
    if (reply && typeof reply === 'object' && 'ok' in reply) return reply;
  } catch {
    // The background could not be reached (extension updated or reloaded under this page).
  }
  return {
    ok: false,
    error: { code: 'unknown', message: t('errorUnreachable'), action: t('errorUnreachableAction') },
  };
}
