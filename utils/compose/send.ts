// The send flow, owned by the background so that closing a tab or the popup never cancels a send:
// validate the draft → confirm the recipient is exactly one contact → outbox entry → POST /messages →
// conversation id (from the answer, or found by search with backoff) → deep link.
import { forgetChanged } from './forget-changed';
import { recentMemory } from './recent-memory';
import type { ContactSummary, RecipientRef, SendResult } from '../protocol';
import type { OutgoingMessage } from './outgoing-message';
import { prepareMessage } from './outgoing-message';
import { HailerError } from '../errors';
import { messageOutbox, type Outbox, type OutboxEntry } from './outbox';
import { singleFlight } from '../single-flight';
import { isAmbiguous, maybeSentAfter } from '../intercom/errors';

/** The parts of the Intercom client (utils/intercom) the send flow uses. */
export interface SendApi {
  findContacts(ref: RecipientRef): Promise<ContactSummary[]>;
  createMessage(req: CreateMessage): Promise<{ messageId: string; conversationId: string | null }>;
  findConversationOfMessage(q: { messageId: string; contactId: string; sinceSeconds: number }): Promise<string | null>;
  /** The contact's conversations started since then, with their first part, for reconciling. */
  findRecentConversations(q: { contactId: string; sinceSeconds: number; limit: number }): Promise<
    { id: string; sourceBody: string | null; sourceAuthorId: string | null }[]
  >;
}

export type CreateMessage = OutgoingMessage & {
  from: { type: 'admin'; id: number };
  to: { type: 'user' | 'lead'; id: string };
  create_conversation_without_contact_reply: true;
};

export interface SendContext {
  api: SendApi;
  /** The Hailer workspace `api` talks to: confirmed contacts and outbox entries are kept per workspace. */
  workspaceId?: string;
  /** The admin that sends when the draft names none. */
  defaultAdminId: string;
  conversationUrl(conversationId: string): string;
  /** Where to land when a conversation cannot be found in time: the contact's page. */
  contactUrl(contactId: string): string;
  sleep?(ms: number): Promise<void>;
  /**
   * Told when Intercom ended up with this message more than once. Chromium itself resends a POST
   * whose reused connection dropped before any answer (the request may already have been
   * processed), and no header can stop it; so after each send Hailer looks once, and tells.
   */
  onDuplicate?(conversationIds: string[]): void;
  /** Where the send is recorded before it goes out: bulk sends keep their own (default: single sends'). */
  outbox?: Outbox;
}

/** How long after a send to look for a duplicate: long enough for Intercom to index both. */
export const DUPLICATE_CHECK_DELAY_MS = 2000;

export interface SendRequest {
  draftId: string;
  recipient: RecipientRef;
  draft: unknown;
  /** The agent saw the "may have been sent" warning and chose to send again. */
  confirmResend?: boolean;
  /**
   * The contact the caller confirmed the recipient as itself (a bulk job's lookups): it is sent to
   * without a lookup, and not remembered for others (a batch would fill the memory of contacts).
   */
  confirmed?: ContactSummary;
}

/** Waits between conversation searches: Intercom may index a new conversation a moment later. */
const CONVERSATION_SEARCH_BACKOFF_MS = [0, 150, 300, 600, 1200, 2400];

const oneSendPerDraft = singleFlight<SendResult>();

/** Same draft twice at once (double click, two tabs, popup + panel): both get the one send's result. */
export function sendDraft(request: SendRequest, ctx: SendContext): Promise<SendResult> {
  return oneSendPerDraft(request.draftId, () => sendOnce(request, ctx));
}

async function sendOnce(request: SendRequest, ctx: SendContext): Promise<SendResult> {
  const started = Date.now();
  const message = prepareMessage(request.draft);
  const adminId = (request.draft as { fromAdminId?: string }).fromAdminId ?? ctx.defaultAdminId;

  const outbox = ctx.outbox ?? messageOutbox;
  const earlier = await outbox.resume(request.draftId, request.confirmResend, (entry) => reconcile(entry, ctx));
  if ('done' in earlier) return earlier.done;

  const { contact, lookedUp } = request.confirmed ? { contact: request.confirmed, lookedUp: false } : await confirmContact(request.recipient, ctx.api, ctx.workspaceId);
  const entry: OutboxEntry = {
    draftId: request.draftId,
    ...(ctx.workspaceId ? { workspaceId: ctx.workspaceId } : {}),
    state: 'sending',
    startedAt: started,
    contactId: contact.id,
    adminId,
    body: message.body,
  };
  await outbox.put(entry);

  let sent: { messageId: string; conversationId: string | null };
  const sendStarted = Date.now();
  let requests = lookedUp ? 2 : 1; // Intercom round trips this send made, for the benchmark
  // The contact gets a new conversation (or, after an error, may have one): its listed conversations are out of date.
  forgetChanged({ contactId: contact.id });
  try {
    sent = await ctx.api.createMessage({
      ...message,
      from: { type: 'admin', id: Number(adminId) },
      to: { type: contact.role, id: contact.id },
      create_conversation_without_contact_reply: true,
    });
  } catch (error) {
    if (!isAmbiguous(error)) {
      await outbox.delete(request.draftId); // Intercom said no: nothing was sent, the draft may be sent again.
      throw error;
    }
    const found = await reconcile(entry, ctx).catch(() => null);
    if (found) return found;
    await outbox.put({ ...entry, state: 'maybe_sent' });
    throw maybeSentAfter(error);
  }
  const sendMs = Date.now() - sendStarted;

  const conversationStarted = Date.now();
  let conversationId = sent.conversationId;
  const conversationFrom = conversationId ? 'response' : 'search';
  for (const wait of conversationId ? [] : CONVERSATION_SEARCH_BACKOFF_MS) {
    if (wait) await (ctx.sleep ?? sleep)(wait);
    requests++;
    conversationId = await ctx.api
      .findConversationOfMessage({ messageId: sent.messageId, contactId: contact.id, sinceSeconds: Math.floor(started / 1000) })
      .catch(() => null);
    if (conversationId) break;
  }
  const result: SendResult = {
    messageId: sent.messageId,
    conversationId,
    conversationUrl: conversationId ? ctx.conversationUrl(conversationId) : ctx.contactUrl(contact.id),
    conversationFrom,
    timings: { sendMs, conversationMs: Date.now() - conversationStarted, totalMs: Date.now() - started },
    requests,
  };
  // Not awaited: the mirror says `sent` a microtask later, and if the worker stops before storage
  // has it, a retry of this draft reconciles and finds the conversation instead of sending again.
  outbox.putLater({ ...entry, state: 'sent', result });
  if (ctx.onDuplicate) setTimeout(() => void findDuplicates(entry, ctx).catch(() => {}), DUPLICATE_CHECK_DELAY_MS);
  return result;
}

async function findDuplicates(entry: OutboxEntry, ctx: SendContext): Promise<void> {
  const ours = (await recentConversations(entry, ctx)).filter((c) => isOurs(c, entry));
  if (ours.length > 1) ctx.onDuplicate?.(ours.map((c) => c.id));
}

/**
 * Contacts the agent has just seen confirmed (the panel confirms its recipient when it opens), so a
 * send is one round trip to Intercom, not two. Sent to only while young (contacts can be merged or
 * deleted); older ones still name a history entry. At most a few People lists' worth are kept.
 */
const confirmed = recentMemory<ContactSummary>({ ttlMs: Infinity, max: 5_000 });
const CONFIRMED_TTL_MS = 10 * 60 * 1000;
// Per workspace: the same email in two workspaces is two contacts, never merged.
const refKey = (ref: RecipientRef, workspaceId = '') => `${workspaceId}|${ref.kind}:${ref.kind === 'email' ? ref.value.toLowerCase() : ref.value}`;

export function rememberContacts(ref: RecipientRef, contacts: ContactSummary[], workspaceId?: string): void {
  if (contacts.length !== 1) return void confirmed.drop(refKey(ref, workspaceId));
  confirmed.keep(refKey(ref, workspaceId), contacts[0]!);
  confirmed.keep(refKey({ kind: 'contact_id', value: contacts[0]!.id }, workspaceId), contacts[0]!);
}

/** The contact a reference was last confirmed as, for history labels. */
export const rememberedContact = (ref: RecipientRef, workspaceId?: string) => confirmed.recall(refKey(ref, workspaceId))?.value;

/** The contact a reference was confirmed as in the last few minutes (a send, or a warm panel open, starts from it). */
export function recentlyConfirmed(ref: RecipientRef, workspaceId?: string): ContactSummary | null {
  const hit = confirmed.recall(refKey(ref, workspaceId));
  return hit && Date.now() - hit.at < CONFIRMED_TTL_MS ? hit.value : null;
}

export async function findContactsRemembered(ref: RecipientRef, api: SendApi, workspaceId?: string): Promise<ContactSummary[]> {
  const contacts = await api.findContacts(ref);
  rememberContacts(ref, contacts, workspaceId);
  return contacts;
}

async function confirmContact(ref: RecipientRef, api: SendApi, workspaceId?: string): Promise<{ contact: ContactSummary; lookedUp: boolean }> {
  const hit = recentlyConfirmed(ref, workspaceId);
  if (hit) return { contact: hit, lookedUp: false };
  const contacts = await findContactsRemembered(ref, api, workspaceId);
  if (contacts.length === 0) throw new HailerError('recipient_not_found');
  if (contacts.length > 1) throw new HailerError('recipient_ambiguous');
  return { contact: contacts[0]!, lookedUp: true };
}


/** Looks for our message among the contact's conversations started since the send began. */
const recentConversations = (entry: OutboxEntry, ctx: SendContext) =>
  ctx.api.findRecentConversations({ contactId: entry.contactId, sinceSeconds: Math.floor(entry.startedAt / 1000) - 5, limit: 20 });

/** Whether a conversation was started by this message: its first part is our body, from our admin (or an author Intercom left out). */
export const isOurs = (c: { sourceBody: string | null; sourceAuthorId: string | null }, entry: Pick<OutboxEntry, 'body' | 'adminId'>) =>
  normalize(c.sourceBody) === normalize(entry.body) && (!c.sourceAuthorId || c.sourceAuthorId === entry.adminId);

async function reconcile(entry: OutboxEntry, ctx: SendContext): Promise<SendResult | null> {
  const ours = (await recentConversations(entry, ctx)).find((c) => isOurs(c, entry));
  if (!ours) return null;
  const result: SendResult = {
    messageId: '',
    conversationId: ours.id,
    conversationUrl: ctx.conversationUrl(ours.id),
    conversationFrom: 'search',
    timings: { sendMs: 0, conversationMs: 0, totalMs: Date.now() - entry.startedAt },
    requests: 1,
  };
  await (ctx.outbox ?? messageOutbox).put({ ...entry, state: 'sent', result });
  return result;
}

const normalize = (html: string | null) => (html ?? '').replace(/\s+/g, ' ').trim();
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
