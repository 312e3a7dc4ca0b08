// Each conversation's detail as `conversation.get` last read it, per Intercom workspace, for a short
// while: a warm side panel open shows that thread at once (marked remembered) and its live loop reads
// it again at once, so the agent never waits on Intercom to see what they saw a moment ago. No older
// than the live thread's longest wait between reads (utils/compose/thread-refresh.ts): a visible
// thread is never staler than this. Whatever Hailer does to a conversation (a reply or note, a
// follow-up, a new message to its contact) drops it, as the conversation lists are dropped.
import type { ConversationDetail } from '../intercom';
import { MAX_DELAY_MS } from './thread-refresh';
import { recentMemory } from './recent-memory';

export const THREAD_MEMORY_TTL_MS = MAX_DELAY_MS;
/** A handful of conversations is what an agent moves between; the oldest goes first. */
const MAX_REMEMBERED = 20;

const details = recentMemory<ConversationDetail>({ ttlMs: THREAD_MEMORY_TTL_MS, max: MAX_REMEMBERED });
const keyOf = (workspace: string, conversationId: string) => `${workspace}|${conversationId}`;

/** `workspace`: the Intercom workspace's id code (a conversation id is unique only within one). */
export function rememberThread(workspace: string, detail: ConversationDetail, now = Date.now()): void {
  details.keep(keyOf(workspace, detail.id), detail, now);
}

/** The detail and when it was read (epoch ms), if read less than THREAD_MEMORY_TTL_MS ago. */
export function rememberedThread(workspace: string, conversationId: string, now = Date.now()): { at: number; detail: ConversationDetail } | null {
  const hit = details.recall(keyOf(workspace, conversationId), now);
  return hit && { at: hit.at, detail: hit.value };
}

/** Hailer changed a conversation, or sent to a contact (in whichever workspace): the next open reads them from Intercom. */
export function forgetThreads(changed: { contactId?: string; conversationId?: string | null }): void {
  details.forget((detail) => detail.id === changed.conversationId || (!!changed.contactId && detail.contactIds.includes(changed.contactId)));
}
