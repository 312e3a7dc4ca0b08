// What the client hands on from Intercom's contact and conversation answers, once the schemas
// (./schemas.ts) have read them: Hailer's own shapes, with only the fields the product uses.
import type { z } from 'zod';
import type { ContactSummary } from '../protocol';
import type { Contact, Conversation } from './schemas';

export interface IntercomConversation {
  id: string;
  title: string | null;
  state: string;
  /** Epoch seconds. */
  createdAt: number;
  updatedAt: number;
  /** The part that started the conversation: for ours, the message we sent. */
  sourceId: string | null;
  sourceSubject: string | null;
  sourceBody: string | null;
  sourceAuthorId: string | null;
  contactIds: string[];
  /** The assigned admin, if any. */
  assigneeId?: string | null;
  /** Epoch seconds of the customer's latest part (GET /conversations/{id} only; lists carry no parts). */
  customerWroteAt: number | null;
  /** Epoch seconds since the customer has been waiting for an answer (null when an admin wrote last); lists carry it too. */
  waitingSince: number | null;
}

export function toContactSummary(contact: z.output<typeof Contact>): ContactSummary | null {
  if (contact.role !== 'user' && contact.role !== 'lead') return null;
  return {
    id: contact.id,
    role: contact.role,
    name: contact.name ?? null,
    email: contact.email ?? null,
    externalId: contact.external_id ?? null,
    company: contact.companies?.data?.find((company) => company.name)?.name ?? null,
    customAttributes: contact.custom_attributes ?? {},
    ...(contact.unsubscribed_from_emails ? { unsubscribedFromEmails: true } : {}),
  };
}

export function toConversation(c: z.output<typeof Conversation>): IntercomConversation {
  return {
    id: c.id,
    title: c.title ?? null,
    state: c.state,
    createdAt: c.created_at,
    updatedAt: c.updated_at,
    sourceId: c.source?.id ?? null,
    sourceSubject: c.source?.subject ?? null,
    sourceBody: c.source?.body ?? null,
    sourceAuthorId: c.source?.author?.id ?? null,
    contactIds: c.contacts?.contacts?.map((contact) => contact.id) ?? [],
    ...(c.admin_assignee_id === null || c.admin_assignee_id === undefined ? {} : { assigneeId: String(c.admin_assignee_id) }),
    customerWroteAt: customerWroteAt(c),
    waitingSince: c.waiting_since ?? null,
  };
}

const isCustomer = (author: { type?: string | null } | null | undefined) => ['user', 'lead', 'contact'].includes(author?.type ?? '');
function customerWroteAt(c: z.output<typeof Conversation>): number | null {
  const times = (c.conversation_parts?.conversation_parts ?? []).filter((part) => isCustomer(part.author)).map((part) => part.created_at);
  if (isCustomer(c.source?.author)) times.push(c.created_at);
  return times.length ? Math.max(...times) : null;
}
