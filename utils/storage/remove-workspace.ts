// Removing a workspace takes everything Hailer keeps for it: its token, what GET /me and the caches
// said about it (macros, ids seen, the in-app name it accepts), its card attributes, its drafts, the sends still waiting
// in the queue for it, its bulk jobs and its outbox entries. Sent history stays: it is the agent's record of what
// went out.
import { browser } from 'wxt/browser';
import { removeWorkspace } from './workspaces';
import { clearToken } from './vault';
import { forgetMacros } from '../intercom/macros-cache';
import { inAppNamesItem } from '../intercom/message-type';
import { forgetUnreadableAnswers } from '../intercom/unreadable-answers';
import { forgetWorkspaceIds } from '../compose/workspace-guard';
import { cancelQueued, queueItem } from '../compose/queue';
import { bulkOutbox, messageOutbox, replyOutbox } from '../compose/outbox';
import { removeJobsOf } from '../bulk/job-store';
import { forgetCardAttributes } from './card-attributes';
import { draftWorkspaceCode } from '../compose/draft-store';

export async function removeWorkspaceAndData(workspaceId: string): Promise<void> {
  // First out of the list (refused for the last one), so nothing resolves to it while its data goes.
  const ws = await removeWorkspace(workspaceId);
  await clearToken(ws.id);
  await forgetMacros(ws.id);
  await forgetCardAttributes(ws.id);
  await forgetWorkspaceIds(ws.id);
  await forgetUnreadableAnswers(ws.id);
  for (const entry of Object.values(await queueItem.getValue())) if (entry.workspaceId === ws.id) await cancelQueued(entry.id);
  // Outbox entries name their workspace; reply entries (and entries older than workspaces) only
  // through their draft id, which starts with the workspace's draft key prefix.
  const ofWorkspace = (draftId: string) => !!ws.idCode && draftWorkspaceCode(draftId) === ws.idCode;
  await messageOutbox.deleteWhere((e) => e.workspaceId === ws.id || ofWorkspace(e.draftId));
  await replyOutbox.deleteWhere((e) => ofWorkspace(e.draftId));
  await bulkOutbox.deleteWhere((e) => e.workspaceId === ws.id);
  await removeJobsOf(ws.id);
  if (ws.idCode) {
    const names = { ...(await inAppNamesItem.getValue()) };
    delete names[ws.idCode];
    await inAppNamesItem.setValue(names);
    const drafts = Object.keys(await browser.storage.local.get()).filter(ofWorkspace);
    if (drafts.length) await browser.storage.local.remove(drafts);
  }
}
