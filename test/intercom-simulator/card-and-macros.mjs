// Issue 13's operations of the simulated Intercom: a contact's companies and tags (the contact card),
// the contact data attributes (the card's chosen attributes) and, in API 2.16, the workspace macros
// with their cursor paging. Handlers by operationId, spread into ./api.mjs `handlers`; the seeded
// data is `extrasState`, added to the state by ./seed.mjs.
import { ApiError } from './api.mjs';

const JANE = '6650a1b2c3d4e5f601000001';
const MARCUS = '6650a1b2c3d4e5f601000002';
const PER_PAGE_MAX = 150;

const TAGS = [
  { id: '7001', name: 'VIP' },
  { id: '7002', name: 'Beta tester' },
];

const COMPANIES = {
  '6650a1b2c3d4e5f602000001': { name: 'Acme Inc', company_id: 'acme', plan: 'Pro' },
  '6650a1b2c3d4e5f602000002': { name: 'Globex', company_id: 'globex', plan: 'Starter' },
  '6650a1b2c3d4e5f602000003': { name: 'Initech', company_id: 'initech', plan: 'Pro' },
};

const iso = (seconds) => new Date(seconds * 1000).toISOString();

/** Macros as Intercom 2.16 lists them; the placeholder shapes are those of the description's examples. */
const MACROS = [
  {
    id: '501',
    name: 'Export ready',
    body: '<p>Hi <attribute key="user.first_name" default="there"/>,</p><p>Your <b>export</b> is ready on the <attribute key="user.custom_attributes.plan"/> plan.</p>',
    body_text: 'Hi {{user.first_name|fallback:"there"}},\n\nYour export is ready on the {{user.custom_attributes.plan}} plan.',
    updated: 1717200000,
    visible_to: 'everyone',
    visible_to_team_ids: [],
    available_on: ['inbox', 'messenger'],
  },
  {
    id: '502',
    name: 'Order status',
    body: '<p>Hi <attribute key="user.name" default="there"/>, your order #<attribute key="order.number"/> is on its way.</p>',
    body_text: 'Hi {{user.name|fallback:"there"}}, your order #{{order.number}} is on its way.',
    updated: 1717100000,
    visible_to: 'everyone',
    visible_to_team_ids: [],
    available_on: ['inbox'],
  },
  {
    id: '503',
    name: 'Messenger greeting',
    body: '<p>Welcome! How can we help?</p>',
    body_text: 'Welcome! How can we help?',
    updated: 1717000000,
    visible_to: 'everyone',
    visible_to_team_ids: [],
    available_on: ['messenger'],
  },
  {
    id: '504',
    name: 'Billing team only',
    body: '<p>Your invoice is attached.</p>',
    body_text: 'Your invoice is attached.',
    updated: 1716900000,
    visible_to: 'specific_teams',
    visible_to_team_ids: ['8801'],
    available_on: ['inbox'],
  },
];

const DATA_ATTRIBUTES = [
  { name: 'name', full_name: 'name', label: 'Name', data_type: 'string', custom: false },
  { name: 'email', full_name: 'email', label: 'Email', data_type: 'string', custom: false },
  { name: 'plan', full_name: 'custom_attributes.plan', label: 'Plan', data_type: 'string', custom: true },
  { name: 'seats', full_name: 'custom_attributes.seats', label: 'Seats', data_type: 'integer', custom: true },
  { name: 'timezone', full_name: 'custom_attributes.timezone', label: 'Time zone', data_type: 'string', custom: true },
  { name: 'legacy_id', full_name: 'custom_attributes.legacy_id', label: 'Legacy id', data_type: 'string', custom: true, archived: true },
];

/** The extra seeded data; also decorates Jane and Marcus with a location, tags and attributes. */
export function extrasState(contacts) {
  for (const contact of contacts) {
    if (contact.id === JANE) {
      contact.location = { type: 'location', country: 'United States', region: 'California', city: 'San Francisco' };
      contact.custom_attributes.seats = 12;
      contact.custom_attributes.timezone = 'America/Los_Angeles';
      contact.tags = { ...contact.tags, data: TAGS.map((t) => ({ type: 'tag', id: t.id, url: `/tags/${t.id}` })), total_count: TAGS.length };
    }
    if (contact.id === MARCUS) contact.location = { type: 'location', country: 'Germany', region: 'Berlin', city: 'Berlin' };
  }
  return {
    tags: TAGS.map((t) => ({ ...t })),
    macros: MACROS.map((m) => ({ ...m, visible_to_team_ids: [...m.visible_to_team_ids], available_on: [...m.available_on] })),
    dataAttributes: DATA_ATTRIBUTES.map((a, i) => ({ ...a, id: 100 + i })),
  };
}

const findContact = (state, id) => {
  const contact = state.contacts.find((c) => c.id === id);
  if (!contact) throw new ApiError(404, 'not_found', 'User Not Found');
  return contact;
};

function companyObject(state, ref) {
  const company = COMPANIES[ref.id] ?? { name: ref.id, company_id: ref.id, plan: null };
  return {
    type: 'company',
    id: ref.id,
    name: company.name,
    app_id: state.app.id_code,
    company_id: company.company_id,
    remote_created_at: 1700000000,
    created_at: 1700000000,
    updated_at: 1700000000,
    last_request_at: 1700000000,
    monthly_spend: 0,
    session_count: 0,
    user_count: 1,
    tags: { type: 'tag.list', tags: [] },
    segments: { type: 'segment.list', segments: [] },
    plan: company.plan ? { type: 'plan', id: company.plan.toLowerCase(), name: company.plan } : {},
    custom_attributes: {},
  };
}

/** The 2.16 cursor: Base64 of the JSON `[updated_at, id]` of the last macro of the previous page. */
const cursorOf = (macro) => Buffer.from(JSON.stringify([macro.updated, macro.id])).toString('base64');
function afterCursor(cursor) {
  try {
    const [updated, id] = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8'));
    if (typeof updated === 'number' && typeof id === 'string') return { updated, id };
  } catch {
    // handled below
  }
  throw new ApiError(400, 'parameter_invalid', `starting_after "${cursor}" is not a cursor this API gave`);
}
/** Descending by updated_at, then id: the order the cursor walks. */
const newerFirst = (a, b) => b.updated - a.updated || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

export const cardAndMacroHandlers = {
  // The 2.14 schema (`contact_attached_companies`) names the list `companies`.
  listCompaniesForAContact({ state, params }) {
    const contact = findContact(state, params.contact_id);
    const companies = (contact.companies?.data ?? []).map((ref) => companyObject(state, ref));
    return {
      status: 200,
      body: { type: 'list', companies, total_count: companies.length, pages: { type: 'pages', page: 1, per_page: 50, total_pages: 1 } },
    };
  },

  listTagsForAContact({ state, params }) {
    const contact = findContact(state, params.contact_id);
    const ids = (contact.tags?.data ?? []).map((t) => t.id);
    const data = state.tags.filter((t) => ids.includes(t.id)).map((t) => ({ type: 'tag', id: t.id, name: t.name, applied_at: 1716000000, applied_by: { type: 'admin', id: state.meAdminId } }));
    return { status: 200, body: { type: 'list', data } };
  },

  lisDataAttributes({ state, query }) {
    const includeArchived = query.include_archived === true;
    const data = state.dataAttributes
      .filter((a) => (!query.model || query.model === 'contact') && (includeArchived || !a.archived))
      .map((a) => ({ type: 'data_attribute', model: 'contact', description: a.label, api_writable: true, ui_writable: true, messenger_writable: false, archived: false, ...a }));
    return { status: 200, body: { type: 'list', data } };
  },

  listMacros({ state, query }) {
    const perPage = Number(query.per_page ?? 50);
    if (!Number.isInteger(perPage) || perPage < 1 || perPage > PER_PAGE_MAX) throw new ApiError(400, 'parameter_invalid', `per_page must be between 1 and ${PER_PAGE_MAX}`);
    let macros = [...state.macros].sort(newerFirst);
    if (query.updated_since !== undefined) macros = macros.filter((m) => m.updated > Number(query.updated_since));
    if (query.starting_after) {
      const after = afterCursor(query.starting_after);
      macros = macros.filter((m) => newerFirst(m, after) > 0);
    }
    const page = macros.slice(0, perPage);
    const more = macros.length > perPage;
    const data = page.map(({ updated, ...m }) => ({ type: 'macro', ...m, created_at: iso(updated - 86400), updated_at: iso(updated) }));
    return { status: 200, body: { type: 'list', data, pages: { type: 'pages', per_page: perPage, next: more ? { starting_after: cursorOf(page.at(-1)) } : null } } };
  },
};
