// A contact's recent conversations as a panel last listed them, per Hailer workspace, for a short
// while: a warm panel open (the side panel following tabs, the in-page panel opened again) shows the
// list at once and reads only the chosen conversation, then lists again behind it. Whatever Hailer
// does to a conversation (a new message, a reply or note, a follow-up) drops the lists it is in, so
// a list is never older than a change made from here; changes made elsewhere show with the refresh.
import type { IntercomConversation } from '../intercom';
import { recentMemory } from './recent-memory';

/** Short: a list this old is shown while the fresh one is on its way, never instead of it. */
export const CONVERSATION_LIST_TTL_MS = 2 * 60 * 1000;

// Bounded: a worker that lives all day lists many contacts, and only the last few are opened again.
const lists = recentMemory<{ contactId: string; conversations: IntercomConversation[] }>({ ttlMs: CONVERSATION_LIST_TTL_MS, max: 200 });
const keyOf = (workspaceId: string, contactId: string) => `${workspaceId}|${contactId}`;

export function rememberConversationList(workspaceId: string, contactId: string, conversations: IntercomConversation[], now = Date.now()): void {
  lists.keep(keyOf(workspaceId, contactId), { contactId, conversations }, now);
}

/** The list and when it was fetched (epoch ms), if fresh enough. */
export function rememberedConversationList(workspaceId: string, contactId: string, now = Date.now()): { at: number; conversations: IntercomConversation[] } | null {
  const hit = lists.recall(keyOf(workspaceId, contactId), now);
  return hit && { at: hit.at, conversations: hit.value.conversations };
}

/** Hailer changed something: the contact's lists (a new conversation), or every list holding the conversation. */
export function forgetConversationLists(changed: { contactId?: string; conversationId?: string | null }): void {
  lists.forget((entry) => entry.contactId === changed.contactId || entry.conversations.some((c) => c.id === changed.conversationId));
}
