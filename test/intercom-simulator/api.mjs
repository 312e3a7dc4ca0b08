// What the simulated Intercom does for each operation Hailer uses, on the simulator's state.
// Every handler gets a request already checked against the 2.14 description and answers
// { status, body } or throws an ApiError; nothing here knows about sockets or faults.
import { adminObject, adminWithApp, contactObject, conversationObject } from './seed.mjs';
import { conversationHandlers } from './conversations.mjs';
import { cardAndMacroHandlers } from './card-and-macros.mjs';

export class ApiError extends Error {
  /** `invalid`: the request breaks a rule of Intercom's that the description does not state. */
  constructor(status, code, message, invalid = false) {
    super(message);
    this.status = status;
    this.code = code;
    this.invalid = invalid;
  }
}

const PER_PAGE_MAX = 150;

/**
 * Handlers by operationId. `ctx`: { state, options, params, query, body, now, isVisible(conversation),
 * index(conversation) (starts the search-index delay of a new conversation) }.
 */
export const handlers = {
  ...cardAndMacroHandlers,
  identifyAdmin({ state }) {
    return ok(adminWithApp(findAdmin(state, state.meAdminId), appOf(state)));
  },

  listAdmins({ state }) {
    return ok({ type: 'admin.list', admins: state.admins.map(adminObject) });
  },

  retrieveAdmin({ state, params }) {
    return ok(adminObject(findAdmin(state, params.admin_id)));
  },

  ShowContact({ state, params }) {
    const contact = state.contacts.find((c) => c.id === params.contact_id);
    if (!contact) throw new ApiError(404, 'not_found', 'User Not Found');
    return ok(contact);
  },

  // "Note that this endpoint only supports users and not leads."
  ShowContactByExternalId({ state, params }) {
    const contact = state.contacts.find((c) => c.role === 'user' && c.external_id === params.external_id);
    if (!contact) throw new ApiError(404, 'not_found', 'User Not Found');
    return ok(contact);
  },

  // Hailer creates leads only (an unknown email the agent chose to message); users come from the app.
  CreateContact({ state, body, now }) {
    if (body.role !== 'lead') throw new ApiError(422, 'parameter_invalid', 'The simulator creates leads only', true);
    if (!body.email) throw new ApiError(400, 'parameter_not_found', 'email is required for a lead', true);
    if (state.contacts.some((c) => c.email?.toLowerCase() === body.email.toLowerCase() && c.role === 'lead')) {
      throw new ApiError(409, 'conflict', 'A contact matching those details already exists', true);
    }
    const id = (0x6650a1b2c3d4e5f601000100n + BigInt(state.contacts.length)).toString(16).padStart(24, '0');
    const seed = { id, role: 'lead', email: body.email, name: body.name ?? null, external_id: null, company: null, custom_attributes: {} };
    const at = Math.floor(now / 1000);
    const contact = { ...contactObject(seed, state.contacts.length, [], state.app.id_code), created_at: at, updated_at: at, last_seen_at: null };
    state.contacts.push(contact);
    return ok(contact);
  },

  SearchContacts({ state, body }) {
    const found = state.contacts.filter(matcher(body.query, contactField));
    const { items, pages, total_count } = paginate(found, body.pagination, 50);
    return ok({ type: 'list', data: items, total_count, pages });
  },

  createMessage({ state, options, body, now, index }) {
    if (body.message_type === 'email') {
      // The description's anyOf does not tie these to message_type; Intercom does (its own example).
      for (const field of ['subject', 'template']) {
        if (!body[field]) throw new ApiError(422, 'parameter_not_found', `No ${field} supplied for email message`, true);
      }
    }
    const admin = state.admins.find((a) => a.id === String(body.from.id));
    if (!admin) throw new ApiError(404, 'admin_not_found', 'Admin not found');
    const recipients = [body.to].flat().map((to) => {
      const contact = state.contacts.find((c) => c.id === to.id);
      if (!contact) throw new ApiError(404, 'not_found', `${to.type === 'lead' ? 'Lead' : 'User'} Not Found`);
      if (contact.role !== to.type) throw new ApiError(422, 'parameter_invalid', `Contact ${to.id} is a ${contact.role}, not a ${to.type}`);
      return contact;
    });

    const seconds = Math.floor(now / 1000);
    const message = {
      type: 'admin_message',
      id: String(403918400 + state.messages.length),
      created_at: seconds,
      message_type: body.message_type,
      subject: body.subject ?? '',
      body: body.body,
      template: body.template ?? null,
      from: { type: 'admin', id: admin.id },
      to: recipients.map((c) => ({ type: c.role, id: c.id })),
      conversation_id: null,
    };
    state.messages.push(message);

    if (body.create_conversation_without_contact_reply) {
      const conversation = conversationObject({
        id: String(Math.max(1000, ...state.conversations.map((c) => Number(c.id))) + 1),
        created_at: seconds,
        updated_at: seconds,
        state: 'open',
        contacts: recipients,
        assigneeId: null,
        source: {
          type: body.message_type === 'email' ? 'email' : 'conversation',
          id: message.id,
          delivered_as: 'admin_initiated',
          subject: message.subject,
          body: body.body,
          author: { type: 'admin', id: admin.id, name: admin.name, email: admin.email },
        },
      });
      state.conversations.push(conversation);
      index(conversation);
      message.conversation_id = conversation.id;
    }

    const answer = {
      type: message.type,
      id: message.id,
      created_at: message.created_at,
      subject: message.subject,
      body: message.body,
      // The answer names in-app messages the old way; the description's `message` enum says so too.
      message_type: message.message_type === 'in_app' ? 'inapp' : message.message_type,
      owner: { ...adminObject(admin) },
    };
    if (message.conversation_id && options.includeConversationId) answer.conversation_id = message.conversation_id;
    return ok(answer);
  },

  retrieveConversation({ state, params, isVisible }) {
    const conversation = state.conversations.find((c) => c.id === String(params.conversation_id) && isVisible(c));
    if (!conversation) throw new ApiError(404, 'not_found', 'Conversation not found');
    return ok(conversation);
  },

  searchConversations({ state, body, isVisible }) {
    const found = state.conversations.filter((c) => isVisible(c)).filter(matcher(body.query, conversationField));
    const { items, pages, total_count } = paginate(found, body.pagination, 20);
    return ok({ type: 'conversation.list', conversations: items.map(listItem), total_count, pages });
  },

  listConversations({ state, query, isVisible }) {
    const newestFirst = state.conversations.filter((c) => isVisible(c)).sort((a, b) => b.updated_at - a.updated_at || Number(b.id) - Number(a.id));
    const { items, pages, total_count } = paginate(newestFirst, query, 20);
    return ok({ type: 'conversation.list', conversations: items.map(listItem), total_count, pages });
  },

  ...conversationHandlers,
};

const ok = (body) => ({ status: 200, body });
const appOf = (state) => ({ ...state.app });
const listItem = ({ conversation_parts, ...item }) => item;

function findAdmin(state, id) {
  const admin = state.admins.find((a) => a.id === String(id));
  if (!admin) throw new ApiError(404, 'admin_not_found', 'Admin not found');
  return admin;
}

// --- search -----------------------------------------------------------------------------------

const CONTACT_FIELDS = ['id', 'email', 'external_id', 'role', 'name', 'phone', 'created_at', 'updated_at', 'signed_up_at', 'last_seen_at', 'custom_attributes'];
const CONVERSATION_FIELDS = ['id', 'created_at', 'updated_at', 'state', 'open', 'read', 'priority', 'title', 'admin_assignee_id', 'team_assignee_id', 'source', 'contact_ids'];

/** How a contact's field is read; an unknown field is refused when the query is read, as Intercom does. */
function contactField(field) {
  if (!CONTACT_FIELDS.includes(field.split('.')[0])) throw unknownField(field, 'contacts', CONTACT_FIELDS);
  return digger(field);
}

function conversationField(field) {
  if (!CONVERSATION_FIELDS.includes(field.split('.')[0])) throw unknownField(field, 'conversations', CONVERSATION_FIELDS);
  if (field === 'contact_ids') return (conversation) => conversation.contacts.contacts.map((c) => c.id);
  return digger(field);
}

const unknownField = (field, what, known) =>
  new ApiError(400, 'parameter_invalid', `The simulator cannot search ${what} by "${field}" (it knows ${known.join(', ')})`);
const digger = (path) => {
  const keys = path.split('.');
  return (object) => keys.reduce((o, key) => (o == null ? undefined : o[key]), object);
};

const POSITIVE = {
  '=': (a, v, fold) => (v === null ? a == null : a != null && fold(a) === fold(v)),
  IN: (a, v, fold) => v.some((x) => POSITIVE['='](a, x, fold)),
  '~': (a, v) => a != null && lower(a).includes(lower(v)),
  '^': (a, v) => a != null && lower(a).startsWith(lower(v)),
  $: (a, v) => a != null && lower(a).endsWith(lower(v)),
  '>': (a, v) => a != null && Number(a) > Number(v),
  '>=': (a, v) => a != null && Number(a) >= Number(v),
  '<': (a, v) => a != null && Number(a) < Number(v),
  '<=': (a, v) => a != null && Number(a) <= Number(v),
};
const NEGATIVE = { '!=': '=', NIN: 'IN', '!~': '~' };
const MAX_GROUP_FILTERS = 15;
const MAX_NESTING = 2;
const lower = (x) => String(x).toLowerCase();

/**
 * A predicate for a search query: AND/OR of filters, each { field, operator, value }. A field
 * holding a list (contact_ids) matches when any element does; a negated operator when none does.
 * `fieldOf(field)` gives how a field is read (and refuses an unknown one), once per filter.
 */
function matcher(query, fieldOf, depth = 0) {
  if (query.operator === 'AND' || query.operator === 'OR') {
    // Rules the description states in words only (SearchContacts, searchConversations: "Nesting & Limitations").
    if (query.value.length > MAX_GROUP_FILTERS) throw new ApiError(400, 'parameter_invalid', `At most ${MAX_GROUP_FILTERS} filters in an ${query.operator} group (got ${query.value.length})`, true);
    if (depth >= MAX_NESTING) throw new ApiError(400, 'parameter_invalid', `Search filters nest at most ${MAX_NESTING} deep`, true);
    const parts = query.value.map((q) => matcher(q, fieldOf, depth + 1));
    if (query.operator === 'OR') {
      // Many people looked up at once (a bulk send's 150 a search): equal-to filters on one field are one set lookup.
      const oneField = equalsOnOneField(query.value);
      if (oneField) return oneField(fieldOf);
    }
    return query.operator === 'AND' ? (x) => parts.every((p) => p(x)) : (x) => parts.some((p) => p(x));
  }
  const { field, operator, value } = query;
  if (typeof field !== 'string' || !operator) throw new ApiError(400, 'parameter_invalid', 'Each search filter needs a field, an operator and a value');
  const positive = POSITIVE[NEGATIVE[operator] ?? operator];
  if ((operator === 'IN' || operator === 'NIN') !== Array.isArray(value)) {
    throw new ApiError(400, 'parameter_invalid', `The ${operator} operator ${Array.isArray(value) ? 'does not take' : 'needs'} a list of values (field "${field}")`);
  }
  const read = fieldOf(field);
  const fold = foldFor(field);
  return (x) => {
    const actual = read(x);
    const any = (Array.isArray(actual) ? actual : [actual]).some((a) => positive(a, value, fold));
    return NEGATIVE[operator] ? !any : any;
  };
}

// Emails compare without case, as Intercom stores them.
const foldFor = (field) => (field === 'email' ? lower : String);

/** An OR of `field = value` filters (no null values) as one set lookup; else null. */
function equalsOnOneField(filters) {
  const field = filters[0]?.field;
  if (!filters.every((f) => f.operator === '=' && f.field === field && f.value !== null && typeof f.value !== 'object')) return null;
  const fold = foldFor(field);
  const values = new Set(filters.map((f) => fold(f.value)));
  return (fieldOf) => {
    const read = fieldOf(field);
    return (x) => [read(x)].flat().some((a) => a != null && values.has(fold(a)));
  };
}

/** Cursor pagination as Intercom answers it; the cursor is an opaque offset. */
function paginate(items, pagination, defaultPerPage) {
  const perPage = Number(pagination?.per_page ?? defaultPerPage);
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > PER_PAGE_MAX) {
    throw new ApiError(400, 'parameter_invalid', `per_page must be between 1 and ${PER_PAGE_MAX}`);
  }
  const cursor = pagination?.starting_after;
  const start = cursor ? Number(Buffer.from(cursor, 'base64url').toString().replace(/^offset:/, '')) : 0;
  if (!Number.isInteger(start) || start < 0) throw new ApiError(400, 'parameter_invalid', `starting_after "${cursor}" is not a cursor this API gave`);
  const pages = { type: 'pages', page: Math.floor(start / perPage) + 1, per_page: perPage, total_pages: Math.max(1, Math.ceil(items.length / perPage)) };
  if (start + perPage < items.length) pages.next = { per_page: perPage, starting_after: Buffer.from(`offset:${start + perPage}`).toString('base64url') };
  return { items: items.slice(start, start + perPage), pages, total_count: items.length };
}

// --- the inbox page -----------------------------------------------------------------------------

/** The page an agent lands on: /a/inbox/{app_id}/inbox/conversation/{id}. */
export function inboxPage(state, appId, conversationId) {
  const conversation = appId === state.app.id_code ? state.conversations.find((c) => c.id === conversationId) : undefined;
  if (!conversation) {
    const what = appId === state.app.id_code ? `Conversation ${conversationId} does not exist` : `Workspace ${appId} does not exist`;
    return { status: 404, html: page(`Not found · Intercom (simulated)`, `<h1>Not found</h1><p>${escapeHtml(what)} in this simulated Intercom.</p>`) };
  }
  const recipients = conversation.contacts.contacts
    .map((ref) => state.contacts.find((c) => c.id === ref.id))
    .filter(Boolean)
    .map((c) => `${c.name} <${c.email}>`)
    .join(', ');
  const paragraphs = htmlToText(conversation.source.body)
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('');
  const subject = conversation.source.subject ? `<p class="subject">${escapeHtml(conversation.source.subject)}</p>` : '';
  return {
    status: 200,
    html: page(
      `Conversation ${conversation.id} · Intercom (simulated)`,
      `<h1 data-conversation-id="${escapeHtml(conversation.id)}">Conversation ${escapeHtml(conversation.id)}</h1>
<p class="meta">${escapeHtml(state.app.name)} · ${escapeHtml(conversation.state)} · to <span data-recipient>${escapeHtml(recipients)}</span></p>
${subject}<article data-first-message>${paragraphs}</article>`,
    ),
  };
}

/** A contact's profile, /a/apps/{app_id}/users/{id}: where Hailer lands when a conversation is not indexed yet. */
export function contactPage(state, appId, contactId) {
  const contact = appId === state.app.id_code ? state.contacts.find((c) => c.id === contactId) : undefined;
  if (!contact) return { status: 404, html: page('Not found · Intercom (simulated)', '<h1>Not found</h1>') };
  const conversations = state.conversations
    .filter((c) => c.contacts.contacts.some((ref) => ref.id === contact.id))
    .map((c) => `<li><a href="/a/inbox/${escapeHtml(appId)}/inbox/conversation/${escapeHtml(c.id)}">Conversation ${escapeHtml(c.id)}</a></li>`)
    .join('');
  return {
    status: 200,
    html: page(
      `${contact.name ?? contact.email} · Intercom (simulated)`,
      `<h1 data-contact-id="${escapeHtml(contact.id)}">${escapeHtml(contact.name ?? contact.email)}</h1>
<p class="meta">${escapeHtml(contact.role)} · ${escapeHtml(contact.email ?? '')}</p><ul>${conversations}</ul>`,
    ),
  };
}

// Message bodies are HTML; the page shows their text, one paragraph per block.
function htmlToText(html) {
  const entities = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };
  return String(html ?? '')
    .split(/<\/p>|<br\s*\/?>/i)
    .map((block) => block.replace(/<[^>]*>/g, '').replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, e) => entities[e]).trim())
    .filter(Boolean);
}

const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const page = (title, main) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:40rem;color:#222}.meta{color:#666}article{border-left:3px solid #286efa;padding-left:1rem}</style>
</head><body><main>${main}</main></body></html>`;
