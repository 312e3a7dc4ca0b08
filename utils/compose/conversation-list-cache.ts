// A contact's recent conversations as a panel last listed them, per Hailer workspace, for a short
// while: a warm panel open (the side panel following tabs, the in-page panel opened again) shows the
// list at once and reads only the chosen conversation, then lists again behind it. Whatever Hailer
// does to a conversation (a new message, a reply or note, a follow-up) drops the lists it is in, so
// a list is never older than a change made from here; changes made elsewhere show with the refresh.
import type { IntercomConversation } from '../intercom';

/** Short: a list this old is shown while the fresh one is on its way, never instead of it. */
export const CONVERSATION_LIST_TTL_MS = 2 * 60 * 1000;

const lists = new Map<string, { at: number; contactId: string; conversations: IntercomConversation[] }>();
const keyOf = (workspaceId: string, contactId: string) => `${workspaceId}|${contactId}`;

export function rememberConversationList(workspaceId: string, contactId: string, conversations: IntercomConversation[], now = Date.now()): void {
  lists.set(keyOf(workspaceId, contactId), { at: now, contactId, conversations });
}

/** The list and when it was fetched (epoch ms), if fresh enough. */
export function rememberedConversationList(workspaceId: string, contactId: string, now = Date.now()): { at: number; conversations: IntercomConversation[] } | null {
  const hit = lists.get(keyOf(workspaceId, contactId));
  return hit && now - hit.at < CONVERSATION_LIST_TTL_MS ? hit : null;
}

/** Hailer changed something: the contact's lists (a new conversation), or every list holding the conversation. */
export function forgetConversationLists(changed: { contactId?: string; conversationId?: string | null }): void {
  for (const [key, entry] of lists) {
    if (entry.contactId === changed.contactId || entry.conversations.some((c) => c.id === changed.conversationId)) lists.delete(key);
  }
}
