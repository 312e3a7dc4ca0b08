// What the client asks Intercom and what it makes of the answers, through an injected fetch that
// answers with real Response objects. (test/contract/client.test.ts checks the same requests against
// the official 2.14 description.)
import { describe, expect, it } from 'vitest';
import { HailerError } from '../../utils/errors';
import { createIntercomClient } from '../../utils/intercom';

type Route = (body: any) => [status: number, answer: unknown];
interface Call {
  method: string;
  path: string;
  headers: Headers;
  body: any;
}

function fakeIntercom(routes: Record<string, Route>) {
  const calls: Call[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    const method = init?.method ?? 'GET';
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    calls.push({ method, path: url.pathname, headers: new Headers(init?.headers), body });
    const route = routes[`${method} ${url.pathname}`];
    const [status, answer] = route ? route(body) : [404, { type: 'error.list', request_id: 'nf', errors: [{ code: 'not_found' }] }];
    return new Response(JSON.stringify(answer), { status, headers: { 'content-type': 'application/json' } });
  };
  const client = createIntercomClient({ token: 'tok_unit_12345678', apiBaseUrl: 'https://api.intercom.test', fetch });
  return { calls, client };
}

const contact = (n: number, extra: Record<string, unknown> = {}) => ({
  type: 'contact',
  id: `6650a1b2c3d4e5f6010000${String(n).padStart(2, '0')}`,
  role: 'user',
  name: `Person ${n}`,
  email: `p${n}@acme.test`,
  external_id: `usr_${n}`,
  ...extra,
});
const list = (data: unknown[]) => ({ type: 'list', data, total_count: data.length });
const conversation = (id: string, sourceId: string, createdAt: number, updatedAt = createdAt) => ({
  type: 'conversation',
  id,
  title: null,
  created_at: createdAt,
  updated_at: updatedAt,
  state: 'open',
  open: true,
  source: { type: 'conversation', id: sourceId, subject: '', body: `<p>${id}</p>`, author: { type: 'admin', id: '991001' } },
  contacts: { type: 'contact.list', contacts: [{ type: 'contact', id: 'c1' }] },
});
const conversations = (items: unknown[]) => ({ type: 'conversation.list', conversations: items, total_count: items.length });

async function failure(run: () => Promise<unknown>): Promise<HailerError> {
  const error = await run().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(HailerError);
  return error as HailerError;
}

describe('headers', () => {
  it('sends the token, the pinned version, and a JSON content type only with a body', async () => {
    const { client, calls } = fakeIntercom({
      'GET /admins': () => [200, { type: 'admin.list', admins: [] }],
      'POST /contacts/search': () => [200, list([])],
    });
    await client.listAdmins();
    await client.findContacts({ kind: 'email', value: 'x@acme.test' });
    for (const call of calls) {
      expect(call.headers.get('authorization')).toBe('Bearer tok_unit_12345678');
      expect(call.headers.get('intercom-version')).toBe('2.14');
      expect(call.headers.get('accept')).toBe('application/json');
    }
    expect(calls[0]!.headers.get('content-type')).toBeNull();
    expect(calls[1]!.headers.get('content-type')).toBe('application/json');
    expect(client.requests).toBe(2);
  });
});

describe('me and admins', () => {
  it('reads the admin and the workspace from GET /me', async () => {
    const { client } = fakeIntercom({
      'GET /me': () => [
        200,
        { type: 'admin', id: '991001', name: 'Ada Admin', email: 'ada@acme.test', app: { type: 'app', id_code: 'acme42', name: 'Acme', region: 'EU' } },
      ],
    });
    expect(await client.me()).toEqual({
      admin: { id: '991001', name: 'Ada Admin', email: 'ada@acme.test' },
      workspace: { id: 'acme42', name: 'Acme', region: 'eu' },
    });
  });

  it('refuses a /me without a workspace', async () => {
    const { client } = fakeIntercom({ 'GET /me': () => [200, { type: 'admin', id: '1', name: 'A', app: null }] });
    const error = await failure(() => client.me());
    expect(error).toMatchObject({ code: 'unreadable_answer', detail: 'GET /me: app: expected object, received null' });
  });

  it('lists admins, an absent email as null', async () => {
    const { client } = fakeIntercom({
      'GET /admins': () => [
        200,
        { type: 'admin.list', admins: [{ type: 'admin', id: '1', name: 'Ada', email: 'a@acme.test' }, { type: 'admin', id: '2', name: 'Bot' }] },
      ],
    });
    expect(await client.listAdmins()).toEqual([
      { id: '1', name: 'Ada', email: 'a@acme.test' },
      { id: '2', name: 'Bot', email: null },
    ]);
  });
});

describe('findContacts', () => {
  it('looks a contact id up directly and maps it', async () => {
    const jane = contact(1, {
      custom_attributes: { plan: 'Pro' },
      companies: { type: 'list', data: [{ type: 'company', id: 'co1', url: '/companies/co1', name: 'Acme Inc' }] },
    });
    const { client, calls } = fakeIntercom({ [`GET /contacts/${jane.id}`]: () => [200, jane] });
    expect(await client.findContacts({ kind: 'contact_id', value: jane.id })).toEqual([
      {
        id: jane.id,
        role: 'user',
        name: 'Person 1',
        email: 'p1@acme.test',
        externalId: 'usr_1',
        company: 'Acme Inc',
        customAttributes: { plan: 'Pro' },
      },
    ]);
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual([`GET /contacts/${jane.id}`]);
  });

  it('finds nobody for an unknown contact id, but lets other failures through', async () => {
    const { client } = fakeIntercom({ 'GET /contacts/bad': () => [401, { type: 'error.list', errors: [{ code: 'unauthorized' }] }] });
    expect(await client.findContacts({ kind: 'contact_id', value: 'nobody' })).toEqual([]);
    expect((await failure(() => client.findContacts({ kind: 'contact_id', value: 'bad' }))).code).toBe('token_rejected');
  });

  it.each([
    ['user_id', 'usr_1001', 'external_id'],
    ['email', 'Jane@Acme.test', 'email'],
  ] as const)('searches a %s by %s, as given', async (kind, value, field) => {
    const { client, calls } = fakeIntercom({ 'POST /contacts/search': () => [200, list([contact(1)])] });
    expect(await client.findContacts({ kind, value })).toHaveLength(1);
    expect(calls[0]!.body).toEqual({ query: { field, operator: '=', value }, pagination: { per_page: 20 } });
  });

  it('keeps users and leads only, at most 20, with nulls for what Intercom leaves out', async () => {
    const found = [
      contact(1, { role: 'lead', name: null, email: null, external_id: null }),
      { type: 'contact', id: 'v1', role: 'visitor' },
      ...Array.from({ length: 25 }, (_, i) => contact(i + 2)),
    ];
    const { client } = fakeIntercom({ 'POST /contacts/search': () => [200, list(found)] });
    const contacts = await client.findContacts({ kind: 'email', value: 'shared@acme.test' });
    expect(contacts).toHaveLength(20);
    expect(contacts[0]).toEqual({ id: found[0]!.id, role: 'lead', name: null, email: null, externalId: null, company: null, customAttributes: {} });
    expect(contacts.map((c) => c.id)).not.toContain('v1');
  });
});

describe('createMessage', () => {
  const req = {
    message_type: 'email',
    subject: 'Your invoice',
    body: '<p>Hi</p>',
    template: 'plain',
    from: { type: 'admin', id: 991001 },
    to: { type: 'lead', id: '6650a1b2c3d4e5f601000004' },
    create_conversation_without_contact_reply: true,
  } as const;

  it.each([
    ['a conversation id', { conversation_id: '2001' }, '2001'],
    ['no conversation id', {}, null],
    ['a null conversation id', { conversation_id: null }, null],
  ])('posts the request as is and reads an answer with %s', async (_what, extra, conversationId) => {
    const { client, calls } = fakeIntercom({
      'POST /messages': (body) => [
        200,
        { type: 'admin_message', id: '403918396', created_at: 1734537780, body: body.body, message_type: 'email', ...extra },
      ],
    });
    expect(await client.createMessage(req)).toEqual({ messageId: '403918396', conversationId, createdAt: 1734537780 });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.body).toEqual(req);
  });
});

describe('findConversationOfMessage', () => {
  const q = { messageId: 'm1', contactId: 'c1', sinceSeconds: 1_750_000_000 };

  it('finds it by the message id in one request', async () => {
    const { client, calls } = fakeIntercom({ 'POST /conversations/search': () => [200, conversations([conversation('2001', 'm1', q.sinceSeconds)])] });
    expect(await client.findConversationOfMessage(q)).toBe('2001');
    expect(calls.map((c) => c.body)).toEqual([{ query: { field: 'source.id', operator: '=', value: 'm1' }, pagination: { per_page: 5 } }]);
  });

  it('falls back to the contact’s conversations since the send, and picks the one our message started', async () => {
    const { client, calls } = fakeIntercom({
      'POST /conversations/search': (body) => [
        200,
        conversations(
          body.query.field === 'source.id'
            ? []
            : [conversation('2002', 'other', q.sinceSeconds + 1), conversation('2003', 'm1', q.sinceSeconds + 2)],
        ),
      ],
    });
    expect(await client.findConversationOfMessage(q)).toBe('2003');
    expect(calls[1]!.body).toEqual({
      query: {
        operator: 'AND',
        value: [
          { field: 'contact_ids', operator: '=', value: 'c1' },
          { field: 'created_at', operator: '>', value: q.sinceSeconds - 5 },
        ],
      },
      pagination: { per_page: 20 },
    });
  });

  it('is null when neither search finds our message', async () => {
    const { client, calls } = fakeIntercom({
      'POST /conversations/search': () => [200, conversations([conversation('2002', 'other', q.sinceSeconds)])],
    });
    expect(await client.findConversationOfMessage(q)).toBeNull();
    expect(calls).toHaveLength(2);
  });
});

describe('conversations', () => {
  it('lists a contact’s conversations, most recently updated first, up to the limit', async () => {
    const { client, calls } = fakeIntercom({
      'POST /conversations/search': () => [
        200,
        conversations([conversation('1', 's1', 100, 100), conversation('2', 's2', 50, 300), conversation('3', 's3', 200, 200)]),
      ],
    });
    const recent = await client.findRecentConversations({ contactId: 'c1', limit: 2 });
    expect(recent.map((c) => c.id)).toEqual(['2', '3']);
    expect(recent[0]).toEqual({
      id: '2',
      title: null,
      state: 'open',
      createdAt: 50,
      updatedAt: 300,
      sourceId: 's2',
      sourceSubject: '',
      sourceBody: '<p>2</p>',
      sourceAuthorId: '991001',
      contactIds: ['c1'],
      customerWroteAt: null,
      waitingSince: null,
    });
    expect(calls[0]!.body).toEqual({ query: { field: 'contact_ids', operator: '=', value: 'c1' }, pagination: { per_page: 2 } });

    await client.findRecentConversations({ contactId: 'c1', sinceSeconds: 1000, limit: 20 });
    expect(calls[1]!.body.query).toEqual({
      operator: 'AND',
      value: [
        { field: 'contact_ids', operator: '=', value: 'c1' },
        { field: 'created_at', operator: '>', value: 1000 },
      ],
    });
  });

  it('gets one conversation, and says so when it does not exist', async () => {
    const { client } = fakeIntercom({ 'GET /conversations/1001': () => [200, conversation('1001', 'm0', 10)] });
    expect((await client.getConversation('1001')).sourceId).toBe('m0');
    const part = (id: string, at: number, type: string) => ({ type: 'conversation_part', id, part_type: 'comment', body: '<p>x</p>', created_at: at, author: { type, id: 'a' } });
    const withParts = { ...conversation('1002', 'm1', 10, 400), conversation_parts: { type: 'conversation_part.list', conversation_parts: [part('p1', 300, 'user'), part('p2', 350, 'admin')], total_count: 2 } };
    const { client: withReplies } = fakeIntercom({ 'GET /conversations/1002': () => [200, withParts] });
    expect((await withReplies.getConversation('1002')).customerWroteAt).toBe(300); // the customer's part, not the admin's
    expect(await failure(() => client.getConversation('9'))).toMatchObject({ code: 'conversation_not_found', status: 404, requestId: 'nf' });
  });
});
