// What Hailer reads from Intercom's answers, and nothing more. Objects are loose (Intercom adds
// fields freely); a field Hailer can do without is optional and may be null (the descriptions'
// examples have null where their schemas do not allow it); enum-like fields (roles, states, part and
// author types) are plain strings, so a value Intercom adds is kept as text. Every documented answer
// example of 2.11, 2.14, 2.16 and Preview must read (test/contract/documented-answers.test.ts).
// Named after the description's components/schemas entries.
import { z } from 'zod';

/**
 * An id as Intercom documents it: a string in most schemas, an integer in some (conversation part
 * ids, admin and team ids in several examples). Read either way and kept as a string, so an id
 * compares the same wherever it came from.
 */
export const Id = z.union([z.string(), z.number()]).transform(String);

/** `admin` (items of `admin_list`). */
export const Admin = z.looseObject({
  id: Id,
  name: z.string(),
  email: z.string().nullish(),
});

/** `admin_with_app`: GET /me. The app is nullable in the description, but without it there is no workspace. */
export const AdminWithApp = Admin.extend({
  app: z.looseObject({
    id_code: z.string(),
    name: z.string(),
    region: z.string().nullish(),
  }),
});

/** `admin_list`: GET /admins. */
export const AdminList = z.looseObject({ admins: z.array(Admin) });

/**
 * `contact`. `companies.data` items are `company_data` (id and url only); a `name` is read if present.
 * `email` is also accepted as null: a lead without an email must not make a whole search unreadable.
 */
export const Contact = z.looseObject({
  id: Id,
  role: z.string(),
  name: z.string().nullish(),
  email: z.string().nullish(),
  external_id: z.string().nullish(),
  custom_attributes: z.record(z.string(), z.unknown()).nullish(),
  unsubscribed_from_emails: z.boolean().nullish(),
  companies: z
    .looseObject({ data: z.array(z.looseObject({ id: Id.nullish(), name: z.string().nullish() })).nullish() })
    .nullish(),
});

/** `contact_list`: POST /contacts/search. */
/** A search's page; `pages.next` names the cursor of the next one when the search found more. */
export const ContactList = z.looseObject({
  data: z.array(Contact),
  pages: z.looseObject({ next: z.looseObject({ starting_after: z.string().nullish() }).nullish() }).nullish(),
});

/**
 * `message`: POST /messages. `conversation_id` is optional in 2.14. It is also accepted as null,
 * which the description does not allow: failing to read the answer of a message that was sent
 * would leave the agent unsure whether it went out.
 */
export const Message = z.looseObject({
  id: Id,
  created_at: z.number(),
  conversation_id: Id.nullish(),
});

/** `conversation_source`, the part that started a conversation (for us: the message we sent). */
const ConversationSource = z.looseObject({
  id: Id.nullish(),
  subject: z.string().nullish(),
  body: z.string().nullish(),
  author: z.looseObject({ id: Id.nullish(), type: z.string().nullish() }).nullish(),
});

/** `conversation_parts` (GET /conversations/{id} only): who wrote each part, and when. */
const ConversationParts = z.looseObject({
  conversation_parts: z
    .array(z.looseObject({ created_at: z.number(), author: z.looseObject({ type: z.string().nullish() }).nullish() }))
    .nullish(),
});

/** `conversation` and `conversation_list_item`: the same fields for what we read. */
export const Conversation = z.looseObject({
  id: Id,
  title: z.string().nullish(),
  created_at: z.number(),
  updated_at: z.number(),
  state: z.string(),
  admin_assignee_id: Id.nullish(),
  waiting_since: z.number().nullish(),
  source: ConversationSource.nullish(),
  contacts: z.looseObject({ contacts: z.array(z.looseObject({ id: Id })).nullish() }).nullish(),
  conversation_parts: ConversationParts.nullish(),
});

/** `conversation_list`: POST /conversations/search and GET /conversations. */
export const ConversationList = z.looseObject({
  conversations: z.array(Conversation),
  pages: z.looseObject({ next: z.looseObject({ starting_after: z.string().nullish() }).nullish() }).nullish(),
});

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
