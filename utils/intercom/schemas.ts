// What Hailer reads from Intercom 2.14 answers, and nothing more. Objects are loose (Intercom adds
// fields freely), a field is optional when the description does not require it and nullable when
// the description allows null. Named after the description's components/schemas entries.
import { z } from 'zod';

/** `admin` (items of `admin_list`). */
export const Admin = z.looseObject({
  id: z.string(),
  name: z.string(),
  email: z.string().optional(),
});

/** `admin_with_app`: GET /me. The app is nullable in the description, but without it there is no workspace. */
export const AdminWithApp = Admin.extend({
  app: z.looseObject({
    id_code: z.string(),
    name: z.string(),
    region: z.string().optional(),
  }),
});

/** `admin_list`: GET /admins. */
export const AdminList = z.looseObject({ admins: z.array(Admin) });

/**
 * `contact`. `companies.data` items are `company_data` (id and url only); a `name` is read if present.
 * `email` is also accepted as null: a lead without an email must not make a whole search unreadable.
 */
export const Contact = z.looseObject({
  id: z.string(),
  role: z.string(),
  name: z.string().nullable().optional(),
  email: z.string().nullish(),
  external_id: z.string().nullable().optional(),
  custom_attributes: z.record(z.string(), z.unknown()).optional(),
  unsubscribed_from_emails: z.boolean().nullish(),
  companies: z
    .looseObject({ data: z.array(z.looseObject({ id: z.string().optional(), name: z.string().optional() })).optional() })
    .optional(),
});

/** `contact_list`: POST /contacts/search. */
export const ContactList = z.looseObject({ data: z.array(Contact) });

/**
 * `message`: POST /messages. `conversation_id` is optional in 2.14. It is also accepted as null,
 * which the description does not allow: failing to read the answer of a message that was sent
 * would leave the agent unsure whether it went out.
 */
export const Message = z.looseObject({
  id: z.string(),
  created_at: z.number(),
  conversation_id: z.string().nullish(),
});

/** `conversation_source`, the part that started a conversation (for us: the message we sent). */
const ConversationSource = z.looseObject({
  id: z.string().optional(),
  subject: z.string().optional(),
  body: z.string().optional(),
  author: z.looseObject({ id: z.string().optional(), type: z.string().optional() }).optional(),
});

/** `conversation_parts` (GET /conversations/{id} only): who wrote each part, and when. */
const ConversationParts = z.looseObject({
  conversation_parts: z
    .array(z.looseObject({ created_at: z.number(), author: z.looseObject({ type: z.string().optional() }).nullish() }))
    .optional(),
});

/** `conversation` and `conversation_list_item`: the same fields for what we read. */
export const Conversation = z.looseObject({
  id: z.string(),
  title: z.string().nullable().optional(),
  created_at: z.number(),
  updated_at: z.number(),
  state: z.string(),
  admin_assignee_id: z.union([z.number(), z.string()]).nullable().optional(),
  source: ConversationSource.optional(),
  contacts: z.looseObject({ contacts: z.array(z.looseObject({ id: z.string() })).optional() }).optional(),
  conversation_parts: ConversationParts.nullish(),
});

/** `conversation_list`: POST /conversations/search and GET /conversations. */
export const ConversationList = z.looseObject({ conversations: z.array(Conversation) });

/** `error`: the error list of every failed request. */
export const ErrorList = z.looseObject({
  type: z.string(),
  request_id: z.string().nullable().optional(),
  errors: z.array(
    z.looseObject({
      code: z.string(),
      message: z.string().nullable().optional(),
      field: z.string().nullable().optional(),
    }),
  ),
});
