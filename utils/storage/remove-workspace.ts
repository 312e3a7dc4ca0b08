// Removing a workspace takes everything Hailer keeps for it: its token, what GET /me and the caches
// said about it (macros, ids seen, the in-app name it accepts), its drafts and the sends still waiting
// in the queue for it. Sent history stays: it is the agent's record of what went out.
import { browser } from 'wxt/browser';
import { removeWorkspace } from './workspaces';
import { clearToken } from './vault';
import { macrosCacheItem } from '../intercom/macros-cache';
import { inAppNamesItem } from '../intercom/message-type';
import { forgetWorkspaceIds } from '../compose/workspace-guard';
import { cancelQueued, queueItem } from '../compose/queue';

export async function removeWorkspaceAndData(workspaceId: string): Promise<void> {
  // First out of the list (refused for the last one), so nothing resolves to it while its data goes.
  const ws = await removeWorkspace(workspaceId);
  await clearToken(ws.id);
  if ((await macrosCacheItem.getValue())?.workspace === ws.id) await macrosCacheItem.setValue(null);
  await forgetWorkspaceIds(ws.id);
  for (const entry of Object.values(await queueItem.getValue())) if (entry.workspaceId === ws.id) await cancelQueued(entry.id);
  if (ws.idCode) {
    const names = { ...(await inAppNamesItem.getValue()) };
    delete names[ws.idCode];
    await inAppNamesItem.setValue(names);
    const drafts = Object.keys(await browser.storage.local.get()).filter((key) => key.startsWith(`draft:v1:${ws.idCode}:`));
    if (drafts.length) await browser.storage.local.remove(drafts);
  }
}
