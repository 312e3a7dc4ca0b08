// The simulated workspace everybody shares (tests, demo console, fixtures), and the builders that
// turn it into Intercom 2.14 objects. Timestamps are fixed so answers about seeded data are stable.

import { extrasState } from './card-and-macros.mjs';

export const DEMO_TOKEN = 'hailer-demo-token-0042';

const JANE = '6650a1b2c3d4e5f601000001';

export const SEED = deepFreeze({
  token: DEMO_TOKEN,
  app: { id_code: 'acme42', name: 'Acme (simulated)', region: 'US', timezone: 'America/New_York', created_at: 1700000000 },
  /** The token's owner: the admin GET /me answers with. */
  meAdminId: '991001',
  admins: [
    { id: '991001', name: 'Ada Admin', email: 'ada@acme.test', job_title: 'Support lead' },
    { id: '991002', name: 'Ben Support', email: 'ben@acme.test', job_title: 'Support engineer' },
    { id: '991003', name: 'Cleo Success', email: 'cleo@acme.test', job_title: 'Customer success' },
  ],
  companies: [
    { id: '6650a1b2c3d4e5f602000001', name: 'Acme Inc' },
    { id: '6650a1b2c3d4e5f602000002', name: 'Globex' },
    { id: '6650a1b2c3d4e5f602000003', name: 'Initech' },
  ],
  contacts: [
    { id: JANE, role: 'user', name: 'Jane Cooper', email: 'jane@acme.test', external_id: 'usr_1001', company: 'Acme Inc', custom_attributes: { plan: 'Pro' } },
    { id: '6650a1b2c3d4e5f601000002', role: 'user', name: 'Marcus Lee', email: 'marcus@globex.test', external_id: 'usr_1002', company: 'Globex' },
    { id: '6650a1b2c3d4e5f601000003', role: 'user', name: 'Priya Shah', email: 'priya@initech.test', external_id: 'usr_1003', company: 'Initech' },
    { id: '6650a1b2c3d4e5f601000004', role: 'lead', name: 'Sam Rivera', email: 'sam.rivera@example.test', external_id: null },
    { id: '6650a1b2c3d4e5f601000005', role: 'user', name: 'Alex Kim', email: 'shared@acme.test', external_id: 'usr_1005' },
    { id: '6650a1b2c3d4e5f601000006', role: 'lead', name: 'Alex Kim', email: 'shared@acme.test', external_id: null },
  ],
  conversations: [
    // Jane's older question, answered and closed.
    {
      id: '1000',
      contactId: JANE,
      state: 'closed',
      created_at: 1714000000,
      updated_at: 1714090000,
      messageId: '403918001',
      body: '<p>How do I add a teammate to our plan?</p>',
      assigneeId: '991002',
    },
    // The open conversation Jane has with support.
    {
      id: '1001',
      contactId: JANE,
      state: 'open',
      created_at: 1717000000,
      updated_at: 1717003600,
      messageId: '403918002',
      body: '<p>Hi, the CSV export fails on large reports.</p>',
      assigneeId: '991001',
    },
  ],
});

const FIRST = ['Olivia', 'Noah', 'Emma', 'Liam', 'Ava', 'Mateo', 'Sofia', 'Lucas', 'Mia', 'Hugo', 'Yuki', 'Lena', 'Omar', 'Chloe', 'Ravi', 'Ines', 'Tom', 'Zara', 'Kenji', 'Nora'];
const LAST = ['Garcia', 'Müller', 'Dubois', 'Rossi', 'Tanaka', 'Silva', 'Novak', 'Okafor', 'Jensen', 'Haddad'];

/**
 * Customers a failed billing run hit (the demo console's "Affected customers" list, bulk tests and the
 * bench): `customer-0001@affected.test`, … with user ids `aff_0001`, …. Among the first twenty, a few
 * cases a batch must handle: #4 and #9 unsubscribed from emails, #6 without a name (placeholders fall
 * back), #14 also known as a lead (two contacts).
 */
export function affectedCustomers(count) {
  const out = [];
  for (let i = 1; i <= count; i++) {
    const n = String(i).padStart(4, '0');
    const id = `6650a1b2c3d4e5f603${i.toString(16).padStart(6, '0')}`;
    const name = i === 6 ? null : `${FIRST[(i - 1) % FIRST.length]} ${LAST[Math.floor((i - 1) / FIRST.length) % LAST.length]}`;
    const email = `customer-${n}@affected.test`;
    const custom_attributes = { plan: i % 3 === 0 ? 'Team' : 'Pro', invoice: `INV-${20260 + i}` };
    out.push({ id, role: 'user', name, email, external_id: `aff_${n}`, company: null, custom_attributes, ...(i === 4 || i === 9 ? { unsubscribed_from_emails: true } : {}) });
    if (i === 14) out.push({ id: `6650a1b2c3d4e5f604${i.toString(16).padStart(6, '0')}`, role: 'lead', name, email, external_id: null, company: null, custom_attributes: {} });
  }
  return out;
}

/** Intercom's `admin` object (GET /admins, GET /admins/{id}). */
export function adminObject(admin) {
  return {
    type: 'admin',
    id: admin.id,
    name: admin.name,
    email: admin.email,
    job_title: admin.job_title,
    away_mode_enabled: false,
    away_mode_reassign: false,
    away_status_reason_id: null,
    has_inbox_seat: true,
    team_ids: [],
    avatar: null,
  };
}

/** Intercom's `admin_with_app` object (GET /me). */
export function adminWithApp(admin, app) {
  const { away_status_reason_id, ...rest } = adminObject(admin);
  return { ...rest, avatar: { type: 'avatar', image_url: null }, email_verified: true, app: { type: 'app', ...app, identity_verification: false } };
}

/** Intercom's `contact` object. */
export function contactObject(seed, index, companies, workspaceId) {
  const created = 1704067200 + index * 86400;
  const company = companies.find((c) => c.name === seed.company);
  const list = (path, data) => ({ type: 'list', data, url: `/contacts/${seed.id}/${path}`, total_count: data.length, has_more: false });
  return {
    type: 'contact',
    id: seed.id,
    workspace_id: workspaceId,
    external_id: seed.external_id,
    role: seed.role,
    email: seed.email,
    email_domain: seed.email.split('@')[1],
    phone: null,
    name: seed.name,
    owner_id: null,
    has_hard_bounced: false,
    marked_email_as_spam: false,
    unsubscribed_from_emails: seed.unsubscribed_from_emails ?? false,
    created_at: created,
    updated_at: created,
    signed_up_at: seed.role === 'user' ? created : null,
    last_seen_at: created + 3600,
    last_replied_at: null,
    last_contacted_at: null,
    last_email_opened_at: null,
    last_email_clicked_at: null,
    language_override: null,
    browser: null,
    browser_version: null,
    browser_language: null,
    os: null,
    android_app_name: null,
    android_app_version: null,
    android_device: null,
    android_os_version: null,
    android_sdk_version: null,
    android_last_seen_at: null,
    ios_app_name: null,
    ios_app_version: null,
    ios_device: null,
    ios_os_version: null,
    ios_sdk_version: null,
    ios_last_seen_at: null,
    custom_attributes: { ...seed.custom_attributes },
    avatar: null,
    tags: list('tags', []),
    notes: list('notes', []),
    companies: list('companies', company ? [{ id: company.id, type: 'company', url: `/companies/${company.id}` }] : []),
    location: { type: 'location', country: null, region: null, city: null },
    social_profiles: { type: 'list', data: [] },
  };
}

/**
 * Intercom's `conversation` object, with its parts. `source` is the first message; for a
 * conversation an admin started through POST /messages its id is that message's id.
 */
export function conversationObject({ id, created_at, updated_at, state, source, contacts, assigneeId }) {
  return {
    type: 'conversation',
    id,
    title: null,
    created_at,
    updated_at,
    waiting_since: null,
    snoozed_until: null,
    open: state !== 'closed',
    state,
    read: true,
    priority: 'not_priority',
    admin_assignee_id: assigneeId ? Number(assigneeId) : null,
    team_assignee_id: null,
    tags: { type: 'tag.list', tags: [] },
    conversation_rating: null,
    source: { attachments: [], url: null, redacted: false, ...source },
    contacts: { type: 'contact.list', contacts: contacts.map((c) => ({ type: 'contact', id: c.id, external_id: c.external_id })) },
    teammates: { type: 'admin.list', teammates: assigneeId ? [{ type: 'admin', id: assigneeId }] : [] },
    custom_attributes: {},
    first_contact_reply: null,
    sla_applied: null,
    statistics: null,
    conversation_parts: { type: 'conversation_part.list', conversation_parts: [], total_count: 0 },
    linked_objects: { type: 'list', total_count: 0, has_more: false, data: [] },
    ai_agent_participated: false,
  };
}

/** A fresh, mutable copy of the seeded workspace. */
export function seedState(seed = SEED) {
  const contacts = seed.contacts.map((c, i) => contactObject(c, i, seed.companies, seed.app.id_code));
  const conversations = seed.conversations.map((c) => {
    const contact = contacts.find((x) => x.id === c.contactId);
    return conversationObject({
      ...c,
      contacts: [contact],
      source: {
        type: 'conversation',
        id: c.messageId,
        delivered_as: 'customer_initiated',
        subject: '',
        body: c.body,
        author: { type: 'user', id: contact.id, name: contact.name, email: contact.email },
      },
    });
  });
  return {
    app: { ...seed.app },
    meAdminId: seed.meAdminId,
    admins: seed.admins.map((a) => ({ ...a })),
    contacts,
    conversations,
    messages: [],
    ...extrasState(contacts),
  };
}

function deepFreeze(value) {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
