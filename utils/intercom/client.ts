// Hailer's Intercom REST client. It runs in the background service worker only, the one place that
// holds the token. Every answer is checked against what the 2.14 description promises before anyone
// reads it, and every failure leaves as a HailerError (see ./errors). Nothing is retried here:
// whether a POST /messages may be repeated is the send flow's decision, never an automatic one.
import { ofetch } from 'ofetch';
import type { z } from 'zod';

export type { UnreadableAnswer } from './errors';
import { HailerError } from '../errors';
import type { AdminSummary, ContactSummary, RecipientRef } from '../protocol';
import { describeUnreadable, toHailerError, type UnreadableAnswer } from './errors';
import { regionFromApp, type IntercomRegion } from './regions';
import { AdminList, AdminWithApp, Contact, ContactList, Conversation, ConversationList, Message } from './schemas';
import { INTERCOM_VERSION } from './version';
import { rateInfoOf } from './rate-limit';
import { toContactSummary, toConversation, type IntercomConversation } from './answers';

export type { IntercomConversation } from './answers';
import type { RateInfo } from '../bulk/pacer';

export interface IntercomClientOptions {
  token: string;
  apiBaseUrl: string;
  timeoutMs?: number;
  /** Tests only; production uses the global fetch. */
  fetch?: typeof globalThis.fetch;
  /** Told of every answer Hailer could not read, for the options' diagnostics line. */
  onUnreadable?: (answer: UnreadableAnswer) => void;
  /** Told what each answer's X-RateLimit headers say (./rate-limit.ts). */
  onRateLimit?(info: RateInfo): void;
}

export interface Me {
  admin: AdminSummary;
  /** `id` is the app's id_code, the workspace id in inbox URLs. */
  workspace: { id: string; name: string; region: IntercomRegion | null };
}

/** The `create_message_request` Hailer sends: one admin to one contact, always opening a conversation. */
export interface CreateMessageRequest {
  /** `inapp` only as the fallback of ./message-type, for a workspace that refuses `in_app`. */
  message_type: 'in_app' | 'inapp' | 'email';
  subject?: string;
  body: string;
  template?: 'plain' | 'personal';
  from: { type: 'admin'; id: number };
  to: { type: 'user' | 'lead'; id: string };
  create_conversation_without_contact_reply: true;
}

export interface SentMessage {
  messageId: string;
  /** Null when Intercom's answer has none (optional in 2.14): find it with findConversationOfMessage. */
  conversationId: string | null;
  /** Epoch seconds. */
  createdAt: number;
}

export type IntercomClient = ReturnType<typeof createIntercomClient>;

/** As many contacts as the protocol carries for one reference. */
const MAX_CONTACTS = 20;
/** The conversation search answers at most this many per page. */
const MAX_PAGE = 150;
/** Slack for clocks: Intercom's created_at against the moment the send started here. */
const CLOCK_SLACK_SECONDS = 5;

export type Filter = { field: string; operator: '=' | '>' | '<' | 'IN'; value: string | number | string[] };
export type Query = Filter | { operator: 'AND' | 'OR'; value: Filter[] | Query[] };

export function createIntercomClient({ token, apiBaseUrl, timeoutMs = 15_000, fetch, onUnreadable, onRateLimit }: IntercomClientOptions) {
  let requests = 0;
  const api = ofetch.create(
    {
      baseURL: apiBaseUrl,
      retry: 0,
      timeout: timeoutMs,
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json', 'Intercom-Version': INTERCOM_VERSION },
      onRequest: () => void requests++,
      onResponse: ({ response }) => {
        const info = onRateLimit && rateInfoOf(response.headers);
        if (info) onRateLimit!(info);
      },
    },
    fetch ? { fetch } : {},
  );

  async function request<S extends z.ZodType>(
    schema: S,
    path: string,
    init: { method?: 'GET' | 'POST'; body?: object; query?: Record<string, string | number>; headers?: Record<string, string> } = {},
  ): Promise<z.output<S>> {
    let response;
    try {
      // ofetch sets `Content-Type: application/json` itself when there is a body.
      response = await api.raw(path, {
        method: init.method ?? 'GET',
        body: init.body as Record<string, unknown> | undefined,
        ...(init.query ? { query: init.query } : {}),
        ...(init.headers ? { headers: init.headers } : {}),
      });
    } catch (error) {
      throw toHailerError(error, token);
    }
    const parsed = schema.safeParse(response._data);
    if (!parsed.success) {
      // Intercom answered, so the request went out: after POST /messages or a reply the flow must
      // reconcile rather than resend (./errors isAmbiguous). The fields and zod's reasons are kept,
      // never the values, which may be a customer's message.
      const unreadable = describeUnreadable(init.method ?? 'GET', path, response.status, parsed.error.issues);
      onUnreadable?.(unreadable);
      throw new HailerError('unreadable_answer', {
        status: response.status,
        requestId: response.headers.get('x-request-id') ?? undefined,
        detail: `${unreadable.operation}: ${unreadable.fields.join('; ')}`,
      });
    }
    return parsed.data;
  }

  /** One page, or up to `maxPages` following `pages.next` (a search that found more than a page holds). */
  async function searchContacts(query: Query, perPage = MAX_CONTACTS, maxPages = 1) {
    const contacts: z.output<typeof ContactList>['data'] = [];
    let startingAfter: string | null | undefined = null;
    for (let page = 0; page < maxPages; page++) {
      const pagination: { per_page: number; starting_after?: string } = { per_page: perPage, ...(startingAfter ? { starting_after: startingAfter } : {}) };
      const list: z.output<typeof ContactList> = await request(ContactList, '/contacts/search', { method: 'POST', body: { query, pagination } });
      contacts.push(...list.data);
      startingAfter = list.pages?.next?.starting_after;
      if (!startingAfter) break;
    }
    return contacts;
  }

  /** One page of `perPage`, or up to `maxPages` following `pages.next`. */
  async function searchConversations(query: Query, perPage: number, maxPages = 1) {
    const conversations: IntercomConversation[] = [];
    let startingAfter: string | null | undefined = null;
    for (let page = 0; page < maxPages; page++) {
      const pagination = { per_page: Math.min(Math.max(perPage, 1), MAX_PAGE), ...(startingAfter ? { starting_after: startingAfter } : {}) };
      const list: z.output<typeof ConversationList> = await request(ConversationList, '/conversations/search', { method: 'POST', body: { query, pagination } });
      conversations.push(...list.conversations.map(toConversation));
      startingAfter = list.pages?.next?.starting_after;
      if (!startingAfter) break;
    }
    return conversations;
  }

  async function getContact(id: string): Promise<ContactSummary> {
    const contact = toContactSummary(await request(Contact, `/contacts/${encodeURIComponent(id)}`));
    // Only users and leads can be messaged; anything else is as good as absent.
    if (!contact) throw new HailerError('recipient_not_found');
    return contact;
  }

  return {
    /** A typed request, for the domain modules built on this client (./conversations). */
    request,

    /** Requests made by this client so far (the send flow reports them). */
    get requests() {
      return requests;
    },

    /** The token's admin and its workspace (GET /me). */
    async me(): Promise<Me> {
      const me = await request(AdminWithApp, '/me');
      return {
        admin: { id: me.id, name: me.name, email: me.email ?? null },
        workspace: { id: me.app.id_code, name: me.app.name, region: regionFromApp(me.app.region) },
      };
    },

    async listAdmins(): Promise<AdminSummary[]> {
      const { admins } = await request(AdminList, '/admins');
      return admins.map((admin) => ({ id: admin.id, name: admin.name, email: admin.email ?? null }));
    },

    getContact,

    /**
     * A GET whose answer is read with `schema`, for the card and macros (./card.ts, ./macros.ts).
     * `headers` may name another Intercom-Version for an endpoint the pinned one lacks.
     */
    get: <S extends z.ZodType>(schema: S, path: string, opts: { query?: Record<string, string | number>; headers?: Record<string, string> } = {}) =>
      request(schema, path, opts),
    /** POST /contacts/search with any query (see ./people.ts for the batched lookup), users and leads only; `maxPages` pages at most. */
    async searchContacts(query: Query, perPage: number, maxPages = 1): Promise<ContactSummary[]> {
      return (await searchContacts(query, Math.min(Math.max(perPage, 1), MAX_PAGE), maxPages)).flatMap((c) => toContactSummary(c) ?? []);
    },

    /** POST /conversations/search with any query, one page. */
    searchConversations: (query: Query, perPage: number) => searchConversations(query, perPage),

    /** POST /contacts: a lead for an email Intercom does not know yet (the agent asked for it). */
    async createLead(email: string): Promise<ContactSummary> {
      const contact = toContactSummary(await request(Contact, '/contacts', { method: 'POST', body: { role: 'lead', email } }));
      if (!contact) throw new HailerError('recipient_not_found');
      return contact;
    },

    /** The contacts a reference points at: none, one, or several (one email may belong to a user and a lead). */
    async findContacts(ref: RecipientRef): Promise<ContactSummary[]> {
      if (ref.kind === 'contact_id') {
        try {
          return [await getContact(ref.value)];
        } catch (error) {
          if (error instanceof HailerError && error.code === 'recipient_not_found') return [];
          throw error;
        }
      }
      // Intercom matches emails case-insensitively, so the value is sent as the page gave it.
      const field = ref.kind === 'user_id' ? 'external_id' : 'email';
      const contacts = await searchContacts({ field, operator: '=', value: ref.value });
      return contacts.flatMap((c) => toContactSummary(c) ?? []).slice(0, MAX_CONTACTS);
    },

    /** POST /messages. Never retried automatically: a repeated POST is a second message. */
    async createMessage(req: CreateMessageRequest): Promise<SentMessage> {
      const message = await request(Message, '/messages', { method: 'POST', body: req });
      return { messageId: message.id, conversationId: message.conversation_id ?? null, createdAt: message.created_at };
    },

    /**
     * The conversation a message started, when POST /messages did not say. First by the message id
     * (`source.id`); then, in case the search index has not caught up with that field, among the
     * contact's conversations created since the send.
     */
    async findConversationOfMessage(q: { messageId: string; contactId: string; sinceSeconds: number }): Promise<string | null> {
      const isOurs = (c: IntercomConversation) => c.sourceId === q.messageId;
      // Search values of dates must be integers; the send flow's clock is not.
      const since = Math.floor(q.sinceSeconds) - CLOCK_SLACK_SECONDS;
      const bySource = await searchConversations({ field: 'source.id', operator: '=', value: q.messageId }, 5);
      const found =
        bySource.find(isOurs) ??
        (
          await searchConversations(
            {
              operator: 'AND',
              value: [
                { field: 'contact_ids', operator: '=', value: q.contactId },
                { field: 'created_at', operator: '>', value: since },
              ],
            },
            20,
          )
        ).find(isOurs);
      return found?.id ?? null;
    },

    /**
     * A contact's conversations, most recently updated first; with `sinceSeconds`, only those created
     * after it. The search has no sort order of its own, so this sorts the first page it gets.
     */
    async findRecentConversations(q: { contactId: string; sinceSeconds?: number; limit: number }): Promise<IntercomConversation[]> {
      const byContact: Filter = { field: 'contact_ids', operator: '=', value: q.contactId };
      const query: Query =
        q.sinceSeconds === undefined
          ? byContact
          : { operator: 'AND', value: [byContact, { field: 'created_at', operator: '>', value: Math.floor(q.sinceSeconds) }] };
      const conversations = await searchConversations(query, q.limit);
      return conversations.sort((a, b) => b.updatedAt - a.updatedAt || b.createdAt - a.createdAt).slice(0, q.limit);
    },

    /**
     * Conversations these admins started since then (a bulk job's, looked through for a message that
     * reached Intercom twice): up to `maxPages` pages of 150.
     */
    async findConversationsStartedBy(q: { adminIds: string[]; sinceSeconds: number; maxPages: number }): Promise<IntercomConversation[]> {
      const byAdmin: Filter = q.adminIds.length === 1 ? { field: 'source.author.id', operator: '=', value: q.adminIds[0]! } : { field: 'source.author.id', operator: 'IN', value: q.adminIds };
      const query: Query = { operator: 'AND', value: [byAdmin, { field: 'created_at', operator: '>', value: Math.floor(q.sinceSeconds) - CLOCK_SLACK_SECONDS }] };
      return searchConversations(query, MAX_PAGE, q.maxPages);
    },

    async getConversation(id: string): Promise<IntercomConversation> {
      try {
        return toConversation(await request(Conversation, `/conversations/${encodeURIComponent(id)}`));
      } catch (error) {
        if (error instanceof HailerError && error.code === 'recipient_not_found') {
          throw new HailerError('conversation_not_found', { status: error.status, requestId: error.requestId });
        }
        throw error;
      }
    },
  };
}
