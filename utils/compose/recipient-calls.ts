// The background's handlers for who a panel writes to (protocol calls `recipient.find` and
// `recipient.conversations`), spread into background.ts's handlers. Asked `warm`, each answers from
// what a panel confirmed or listed a moment ago (`remembered: true`) without asking Intercom, so a
// warm open reads only the chosen conversation; the panel then asks again without `warm`, behind
// what it shows, and takes the fresh answer.
import type { AdminSummary, ConversationSummary, RecipientRef } from '../protocol';
import type { WarmStart } from '../sidepanel/start-shapes';
import type { Handlers } from '../router';
import { conversationUrl } from '../intercom';
import { connectedWorkspace, type Session } from '../intercom/workspace-session';
import { recordIds } from './workspace-guard';
import { findContactsRemembered, recentlyConfirmed } from './send';
import { threadAnswer, toConversationSummaries } from './conversation-calls';
import { rememberedThread } from './thread-memory';
import { rememberConversationList, rememberedConversationList } from './conversation-list-cache';

export interface RecipientCallDeps {
  intercom(workspaceId?: string): Promise<Session>;
  admins(workspaceId?: string): Promise<AdminSummary[]>;
}

const RECENT_CONVERSATIONS = 10;

export function recipientCalls(deps: RecipientCallDeps): Pick<Handlers, 'recipient.find' | 'recipient.conversations'> {
  return {
    async 'recipient.find'({ ref, warm }, _sender, ctx) {
      const { api, ws } = await deps.intercom(ctx?.workspaceId);
      const confirmed = warm ? recentlyConfirmed(ref, ws.id) : null;
      if (confirmed) return { contacts: [confirmed], remembered: true };
      const contacts = await findContactsRemembered(ref, api, ws.id);
      await recordIds(ws.id, 'contact', contacts.map((c) => c.id));
      return { contacts: contacts.slice(0, 20) };
    },

    async 'recipient.conversations'({ contactId, warm }, _sender, ctx) {
      const session = await deps.intercom(ctx?.workspaceId);
      const ws = await connectedWorkspace(session);
      const listed = warm ? rememberedConversationList(session.ws.id, contactId) : null;
      const recent = listed?.conversations ?? (await session.api.findRecentConversations({ contactId, limit: RECENT_CONVERSATIONS }));
      if (!listed) {
        rememberConversationList(session.ws.id, contactId, recent);
        await recordIds(session.ws.id, 'conversation', recent.map((c) => c.id));
      }
      const team = await deps.admins(session.ws.id).catch(() => []);
      const conversations = toConversationSummaries(recent, team, (id) => conversationUrl(session.appBaseUrl, ws.id, id));
      return listed ? { conversations, remembered: true } : { conversations };
    },
  };
}

/**
 * What a warm side panel open shows at once (utils/sidepanel/start.ts), from memory only, no request
 * to Intercom: the contact confirmed a moment ago, its conversation list, and the thread of the
 * conversation `pick` names as `conversation.get` last read it (utils/compose/thread-memory.ts).
 */
export async function warmStart(deps: RecipientCallDeps, workspaceId: string | undefined, ref: RecipientRef, pick: (list: ConversationSummary[]) => string | undefined, lastParts: number): Promise<WarmStart> {
  const session = await deps.intercom(workspaceId);
  const contact = recentlyConfirmed(ref, session.ws.id);
  const listed = contact ? rememberedConversationList(session.ws.id, contact.id) : null;
  if (!contact || !listed) return { contact, conversations: null, thread: null };
  const ws = await connectedWorkspace(session);
  const url = (id: string) => conversationUrl(session.appBaseUrl, ws.id, id);
  const team = await deps.admins(session.ws.id).catch(() => []);
  const conversations = toConversationSummaries(listed.conversations, team, url);
  const chosen = pick(conversations);
  const read = chosen ? rememberedThread(ws.id, chosen) : null;
  return { contact, conversations, thread: read ? { at: read.at, answer: await threadAnswer(read.detail, url(read.detail.id), lastParts, async () => team) } : null };
}
