// Hailer changed a conversation (a reply or note, a follow-up) or sent to a contact: what a warm open
// would show of them from memory (their conversation lists, their threads) is dropped together, so
// the callers name the change once and no memory is forgotten in one place and kept in another.
import { forgetConversationLists } from './conversation-list-cache';
import { forgetThreads } from './thread-memory';

export function forgetChanged(changed: { contactId: string } | { conversationId: string }): void {
  forgetConversationLists(changed);
  forgetThreads(changed);
}
