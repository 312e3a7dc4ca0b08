// The Intercom simulator against Intercom's 2.14 description: what it accepts and rejects, what it
// answers (every 200 checked against the description's response schema), its state, and its faults.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_TOKEN, SEED, startSimulator, validateResponse, type Simulator } from '../intercom-simulator/index.mjs';

const [JANE, MARCUS, PRIYA, SAM, ALEX_USER, ALEX_LEAD] = SEED.contacts.map((c) => c.id) as [string, string, string, string, string, string];
const HEADERS = { Authorization: `Bearer ${DEMO_TOKEN}`, 'Intercom-Version': '2.14', 'Content-Type': 'application/json' };
const inApp = (overrides: Record<string, unknown> = {}) => ({
  message_type: 'in_app',
  body: '<p>Hello Jane</p>',
  from: { type: 'admin', id: 991001 },
  to: { type: 'user', id: JANE },
  create_conversation_without_contact_reply: true,
  ...overrides,
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim?.close());
beforeEach(() => sim.reset());

type Answer = { status: number; headers: Headers; body: any };

/** Calls the simulator; every 200 answer must match the description's response schema. */
async function call(method: string, path: string, body?: unknown, init: { headers?: Record<string, string>; signal?: AbortSignal } = {}): Promise<Answer> {
  const response = await fetch(sim.url + path, {
    method,
    headers: init.headers ?? HEADERS,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    signal: init.signal,
  });
  const text = await response.text();
  const answer = { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
  if (answer.status === 200) {
    expect(validateResponse({ method, path: path.split('?')[0]!, status: 200, body: answer.body }).errors).toEqual([]);
  }
  return answer;
}

const errorOf = (answer: Answer) => {
  expect(answer.body).toMatchObject({ type: 'error.list', request_id: expect.any(String), errors: [expect.any(Object)] });
  return answer.body.errors[0] as { code: string; message: string };
};
const send = (message = inApp()) => call('POST', '/messages', message);
const searchConversations = (query: unknown, pagination?: unknown) => call('POST', '/conversations/search', { query, pagination });
const ids = (answer: Answer) => (answer.body.conversations ?? answer.body.data).map((x: { id: string }) => x.id).sort();

describe('authentication and version', () => {
  it('answers 401 with an Intercom error list without the right bearer token, and records the header redacted', async () => {
    const attempts: Record<string, string>[] = [{}, { Authorization: 'Bearer wrong-token' }, { Authorization: DEMO_TOKEN }];
    for (const headers of attempts) {
      const answer = await call('GET', '/me', undefined, { headers });
      expect(answer.status).toBe(401);
      expect(errorOf(answer)).toEqual({ code: 'unauthorized', message: 'Access Token Invalid' });
      expect(validateResponse({ method: 'GET', path: '/admins', status: 401, body: answer.body }).errors).toEqual([]);
    }
    expect(sim.requests.map((r) => r.headers.authorization)).toEqual([undefined, 'Bearer [redacted]', '[redacted]']);
    expect(JSON.stringify(sim.requests)).not.toContain('wrong-token');
  });

  it('accepts another token once told to', async () => {
    sim.setOptions({ token: 'other-token' });
    expect((await call('GET', '/me')).status).toBe(401);
    expect((await call('GET', '/me', undefined, { headers: { Authorization: 'Bearer other-token' } })).status).toBe(200);
    expect(sim.token).toBe('other-token');
  });

  it('speaks Intercom-Version 2.14 and 2.16 only, and takes requests without the header as 2.14', async () => {
    const answer = await call('GET', '/me', undefined, { headers: { ...HEADERS, 'Intercom-Version': '2.11' } });
    expect(answer.status).toBe(400);
    expect(errorOf(answer).message).toContain('speaks Intercom-Version 2.14 and 2.16');
    expect(sim.requests[0]).toMatchObject({ valid: false, validationErrors: ['Intercom-Version 2.11 is not one of 2.14, 2.16'] });
    expect((await call('GET', '/me', undefined, { headers: { Authorization: HEADERS.Authorization } })).status).toBe(200);
  });
});

describe('requests checked against the 2.14 description', () => {
  it('accepts valid in-app and email messages', async () => {
    expect((await send()).status).toBe(200);
    const email = inApp({ message_type: 'email', subject: 'Your invoice', template: 'plain', to: { type: 'user', id: MARCUS } });
    expect((await send(email)).status).toBe(200);
    expect(sim.requests.map((r) => [r.operationId, r.valid, r.validationErrors])).toEqual([
      ['createMessage', true, []],
      ['createMessage', true, []],
    ]);
  });

  it.each([
    ['message_type "inapp"', { message_type: 'inapp' }, 'body.message_type must be one of "in_app", "email" (got "inapp")'],
    ['to.type "contact"', { to: { type: 'contact', id: JANE } }, 'body.to.type must be one of "user", "lead" (got "contact")'],
    ['from.id as a string', { from: { type: 'admin', id: '991001' } }, 'body.from.id must be integer (got string "991001")'],
    ['no body', { body: undefined }, 'body.body is required'],
  ])('rejects %s with 400 parameter_invalid naming the field', async (_, overrides, expected) => {
    const answer = await send(inApp(overrides));
    expect(answer.status).toBe(400);
    expect(errorOf(answer).code).toBe('parameter_invalid');
    expect(errorOf(answer).message).toContain(expected);
    expect(sim.requests[0]).toMatchObject({ valid: false, validationErrors: expect.arrayContaining([expected]) });
    expect(sim.state.messages).toHaveLength(0);
  });

  it('rejects an email without subject or template as Intercom does (422 parameter_not_found)', async () => {
    const noSubject = await send(inApp({ message_type: 'email', template: 'plain' }));
    expect(noSubject.status).toBe(422);
    expect(errorOf(noSubject)).toEqual({ code: 'parameter_not_found', message: 'No subject supplied for email message' });
    const noTemplate = await send(inApp({ message_type: 'email', subject: 'Hi' }));
    expect(errorOf(noTemplate).message).toBe('No template supplied for email message');
    expect(sim.requests.map((r) => r.valid)).toEqual([false, false]);
    expect(sim.state.messages).toHaveLength(0);
  });

  it('checks path parameters, query parameters and JSON syntax', async () => {
    const path = await call('GET', '/conversations/abc');
    expect([path.status, errorOf(path).message]).toEqual([400, 'path.conversation_id must be integer (got string "abc")']);
    const query = await call('GET', '/conversations?per_page=500');
    expect([query.status, errorOf(query).message]).toEqual([400, 'query.per_page must be <= 150']);
    const json = await call('POST', '/contacts/search', '{"query":');
    expect([json.status, errorOf(json).message]).toEqual([400, 'the request body is not valid JSON']);
    expect(sim.requests.map((r) => r.valid)).toEqual([false, false, false]);
  });

  it('answers unknown routes with 404 and operations it does not simulate with 501', async () => {
    const unknown = await call('GET', '/no/such/route');
    expect([unknown.status, errorOf(unknown).code]).toEqual([404, 'not_found']);
    const tags = await call('GET', '/tags');
    expect([tags.status, errorOf(tags).code]).toEqual([501, 'not_implemented']);
    expect(sim.requests.map((r) => [r.operationId, r.valid])).toEqual([
      [null, false],
      ['listTags', true],
    ]);
  });

  it('answers CORS preflights and exposes the rate-limit headers', async () => {
    const preflight = await fetch(`${sim.url}/messages`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://support.example.test', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,intercom-version,content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Authorization.*Intercom-Version.*Content-Type/);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    const me = await call('GET', '/me');
    expect(me.headers.get('access-control-allow-origin')).toBe('*');
    expect(me.headers.get('access-control-expose-headers')).toContain('Retry-After');
    expect(sim.requests).toHaveLength(1);
  });
});

describe('admins and contacts', () => {
  it('GET /me answers the token owner with the workspace', async () => {
    const me = await call('GET', '/me');
    expect(me.body).toMatchObject({ type: 'admin', id: '991001', name: 'Ada Admin', email: 'ada@acme.test' });
    expect(me.body.app).toMatchObject({ type: 'app', id_code: 'acme42', name: 'Acme (simulated)', region: 'US' });
  });

  it('lists and finds admins', async () => {
    const list = await call('GET', '/admins');
    expect(list.body.type).toBe('admin.list');
    expect(list.body.admins.map((a: { id: string; name: string }) => `${a.id} ${a.name}`)).toEqual(['991001 Ada Admin', '991002 Ben Support', '991003 Cleo Success']);
    expect((await call('GET', '/admins/991003')).body).toMatchObject({ type: 'admin', email: 'cleo@acme.test' });
    const missing = await call('GET', '/admins/1');
    expect([missing.status, errorOf(missing).code]).toEqual([404, 'admin_not_found']);
  });

  it('finds contacts by id and users by external id', async () => {
    const jane = await call('GET', `/contacts/${JANE}`);
    expect(jane.body).toMatchObject({ type: 'contact', id: JANE, role: 'user', external_id: 'usr_1001', email: 'jane@acme.test', name: 'Jane Cooper', custom_attributes: { plan: 'Pro' } });
    expect(jane.body.companies.data).toEqual([{ type: 'company', id: SEED.companies[0]!.id, url: `/companies/${SEED.companies[0]!.id}` }]);
    expect((await call('GET', '/contacts/find_by_external_id/usr_1002')).body).toMatchObject({ id: MARCUS, name: 'Marcus Lee' });
    expect((await call('GET', '/contacts/0000000000000000000000ff')).status).toBe(404);
    expect(errorOf(await call('GET', '/contacts/find_by_external_id/usr_9999'))).toEqual({ code: 'not_found', message: 'User Not Found' });
  });

  it.each([
    ['= on email, without case', { field: 'email', operator: '=', value: 'Shared@Acme.test' }, [ALEX_USER, ALEX_LEAD]],
    ['= on external_id', { field: 'external_id', operator: '=', value: 'usr_1003' }, [PRIYA]],
    ['!= on role', { field: 'role', operator: '!=', value: 'user' }, [SAM, ALEX_LEAD]],
    ['IN on id', { field: 'id', operator: 'IN', value: [JANE, MARCUS, 'nope'] }, [JANE, MARCUS]],
    ['~ (contains) on name', { field: 'name', operator: '~', value: 'kim' }, [ALEX_USER, ALEX_LEAD]],
    ['^ (starts with) on email', { field: 'email', operator: '^', value: 'sam.' }, [SAM]],
    ['AND', { operator: 'AND', value: [{ field: 'email', operator: '=', value: 'shared@acme.test' }, { field: 'role', operator: '=', value: 'lead' }] }, [ALEX_LEAD]],
    ['OR', { operator: 'OR', value: [{ field: 'external_id', operator: '=', value: 'usr_1001' }, { field: 'email', operator: '=', value: 'marcus@globex.test' }] }, [JANE, MARCUS]],
  ])('searches contacts with %s', async (_, query, expected) => {
    const answer = await call('POST', '/contacts/search', { query });
    expect(answer.body).toMatchObject({ type: 'list', total_count: expected.length });
    expect(ids(answer)).toEqual([...expected].sort());
  });

  it('pages contact searches with per_page and starting_after', async () => {
    const query = { field: 'role', operator: 'IN', value: ['user', 'lead'] };
    const first = await call('POST', '/contacts/search', { query, pagination: { per_page: 4 } });
    expect(first.body).toMatchObject({ total_count: 6, pages: { type: 'pages', page: 1, per_page: 4, total_pages: 2 } });
    expect(first.body.data).toHaveLength(4);
    const second = await call('POST', '/contacts/search', { query, pagination: { per_page: 4, starting_after: first.body.pages.next.starting_after } });
    expect(second.body.pages).toMatchObject({ page: 2, total_pages: 2 });
    expect(second.body.pages.next).toBeUndefined();
    expect([...ids(first), ...ids(second)].sort()).toEqual(SEED.contacts.map((c) => c.id).sort());
  });
});

describe('messages and conversations', () => {
  it('creates a message and its conversation: source.id is the message id, delivered as admin_initiated', async () => {
    const before = Math.floor(Date.now() / 1000);
    const message = await send(inApp({ body: '<p>Your export is ready.</p>' }));
    expect(message.body).toMatchObject({ type: 'admin_message', id: expect.stringMatching(/^\d+$/), message_type: 'inapp', body: '<p>Your export is ready.</p>' });
    expect(message.body.created_at).toBeGreaterThanOrEqual(before);
    const conversationId = message.body.conversation_id as string;
    expect(sim.state.messages).toEqual([expect.objectContaining({ id: message.body.id, conversation_id: conversationId, message_type: 'in_app' })]);

    const conversation = await call('GET', `/conversations/${conversationId}`);
    expect(conversation.body).toMatchObject({
      type: 'conversation',
      id: conversationId,
      state: 'open',
      open: true,
      source: {
        type: 'conversation',
        id: message.body.id,
        delivered_as: 'admin_initiated',
        body: '<p>Your export is ready.</p>',
        author: { type: 'admin', id: '991001', name: 'Ada Admin', email: 'ada@acme.test' },
      },
      contacts: { type: 'contact.list', contacts: [{ type: 'contact', id: JANE, external_id: 'usr_1001' }] },
    });
    const found = await searchConversations({ field: 'source.id', operator: '=', value: message.body.id });
    expect(ids(found)).toEqual([conversationId]);
  });

  it('an email conversation carries the subject and the email source type', async () => {
    const message = await send(inApp({ message_type: 'email', subject: 'Invoice', template: 'personal', to: { type: 'user', id: MARCUS } }));
    expect(message.body).toMatchObject({ message_type: 'email', subject: 'Invoice' });
    const conversation = sim.state.conversations.find((c) => c.id === message.body.conversation_id);
    expect(conversation?.source).toMatchObject({ type: 'email', subject: 'Invoice', id: message.body.id });
  });

  it('creates no conversation without create_conversation_without_contact_reply', async () => {
    const message = await send(inApp({ create_conversation_without_contact_reply: false }));
    expect(message.status).toBe(200);
    expect(message.body.conversation_id).toBeUndefined();
    expect(sim.state.conversations).toHaveLength(SEED.conversations.length);
    expect(sim.state.messages[0]!.conversation_id).toBeNull();
  });

  it('answers without conversation_id when told to, the conversation still being found by source.id', async () => {
    sim.setOptions({ includeConversationId: false });
    const message = await send();
    expect(message.body).not.toHaveProperty('conversation_id');
    const found = await searchConversations({ field: 'source.id', operator: '=', value: message.body.id });
    expect(found.body.conversations.map((c: { id: string }) => c.id)).toEqual([sim.state.messages[0]!.conversation_id]);
  });

  it('shows a new conversation to GET, search and list only after the index delay', async () => {
    sim.setOptions({ conversationIndexDelayMs: 300 });
    const message = await send();
    const id = message.body.conversation_id as string;
    const bySource = { field: 'source.id', operator: '=', value: message.body.id };
    expect((await call('GET', `/conversations/${id}`)).status).toBe(404);
    expect((await searchConversations(bySource)).body.total_count).toBe(0);
    expect(ids(await call('GET', '/conversations'))).not.toContain(id);
    await sleep(320);
    expect((await call('GET', `/conversations/${id}`)).status).toBe(200);
    expect(ids(await searchConversations(bySource))).toEqual([id]);
    expect(ids(await call('GET', '/conversations'))).toContain(id);
  });

  it.each([
    ['an unknown admin', inApp({ from: { type: 'admin', id: 123 } }), 404, 'admin_not_found'],
    ['an unknown contact', inApp({ to: { type: 'user', id: '0000000000000000000000ff' } }), 404, 'not_found'],
    ['a lead addressed as a user', inApp({ to: { type: 'user', id: SAM } }), 422, 'parameter_invalid'],
    ['a user addressed as a lead', inApp({ to: { type: 'lead', id: JANE } }), 422, 'parameter_invalid'],
  ])('refuses a message from or to %s', async (_, message, status, code) => {
    const answer = await send(message);
    expect([answer.status, errorOf(answer).code]).toEqual([status, code]);
    expect(sim.state.messages).toHaveLength(0);
  });

  it('sends to a lead addressed as a lead', async () => {
    const answer = await send(inApp({ to: { type: 'lead', id: ALEX_LEAD } }));
    expect(answer.status).toBe(200);
    expect(sim.state.conversations.at(-1)!.contacts.contacts).toEqual([{ type: 'contact', id: ALEX_LEAD, external_id: null }]);
  });

  it('searches conversations by id, contact, state, open and time, with AND/OR', async () => {
    const message = await send();
    const created = message.body.created_at as number;
    const fresh = message.body.conversation_id as string;
    const cases: [unknown, string[]][] = [
      [{ field: 'id', operator: '=', value: '1001' }, ['1001']],
      [{ field: 'id', operator: 'IN', value: ['1000', '1001'] }, ['1000', '1001']],
      [{ field: 'contact_ids', operator: '=', value: JANE }, ['1000', '1001', fresh]],
      [{ field: 'contact_ids', operator: '=', value: MARCUS }, []],
      [{ field: 'state', operator: '=', value: 'closed' }, ['1000']],
      [{ field: 'open', operator: '=', value: true }, ['1001', fresh]],
      [{ field: 'created_at', operator: '>', value: created - 1 }, [fresh]],
      [{ field: 'updated_at', operator: '<', value: 1717000000 }, ['1000']],
      [{ operator: 'AND', value: [{ field: 'contact_ids', operator: '=', value: JANE }, { field: 'created_at', operator: '>', value: 1716000000 }] }, ['1001', fresh]],
      [{ operator: 'OR', value: [{ field: 'state', operator: '=', value: 'closed' }, { field: 'source.id', operator: '=', value: message.body.id }] }, ['1000', fresh]],
    ];
    for (const [query, expected] of cases) {
      const answer = await searchConversations(query);
      expect({ query, found: ids(answer), type: answer.body.type }).toEqual({ query, found: [...expected].sort(), type: 'conversation.list' });
    }
  });

  it('refuses a search by a field it cannot search, and pages conversation searches', async () => {
    const unknown = await searchConversations({ field: 'colour', operator: '=', value: 'red' });
    expect([unknown.status, errorOf(unknown).message]).toEqual([400, expect.stringContaining('"colour"')]);
    const page = await searchConversations({ field: 'contact_ids', operator: '=', value: JANE }, { per_page: 1 });
    expect(page.body).toMatchObject({ total_count: 2, pages: { per_page: 1, total_pages: 2, next: { starting_after: expect.any(String) } } });
  });

  it('lists conversations, most recently updated first', async () => {
    const message = await send();
    const list = await call('GET', '/conversations?per_page=2');
    expect(list.body).toMatchObject({ type: 'conversation.list', total_count: 3, pages: { per_page: 2 } });
    expect(list.body.conversations.map((c: { id: string }) => c.id)).toEqual([message.body.conversation_id, '1001']);
    expect((await call('GET', '/conversations/1001?display_as=plaintext')).body.conversation_parts.type).toBe('conversation_part.list');
  });
});

describe('inbox page', () => {
  it('shows the conversation, its recipient and its first message (escaped), and records the view', async () => {
    const message = await send(inApp({ body: '<p>Hi &amp; welcome</p><p><script>alert(1)</script>bye</p>' }));
    const id = message.body.conversation_id as string;
    const page = await fetch(`${sim.appBaseUrl}/a/inbox/${SEED.app.id_code}/inbox/conversation/${id}`);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain(`<title>Conversation ${id} · Intercom (simulated)</title>`);
    expect(html).toContain(`<h1 data-conversation-id="${id}">`);
    expect(html).toContain('Jane Cooper &#60;jane@acme.test&#62;');
    expect(html).toContain('<p>Hi &#38; welcome</p>');
    expect(html).not.toContain('<script>');
    expect(sim.inboxViews).toEqual([id]);
    expect(sim.requests.filter((r) => r.path.startsWith('/a/'))).toEqual([]);
  });

  it('says so for an unknown conversation or workspace', async () => {
    const unknown = await fetch(`${sim.url}/a/inbox/acme42/inbox/conversation/99999`);
    expect([unknown.status, await unknown.text()]).toEqual([404, expect.stringContaining('Conversation 99999 does not exist')]);
    const workspace = await fetch(`${sim.url}/a/inbox/other/inbox/conversation/1001`);
    expect(workspace.status).toBe(404);
    expect(sim.inboxViews).toEqual([]);
  });
});

describe('contact page', () => {
  it('shows a contact and links their conversations, and 404s for unknown ones', async () => {
    const jane = SEED.contacts[0]!;
    const page = await fetch(`${sim.appBaseUrl}/a/apps/${SEED.app.id_code}/users/${jane.id}/all-conversations`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`data-contact-id="${jane.id}"`);
    expect(html).toContain(`/a/inbox/${SEED.app.id_code}/inbox/conversation/1001`);
    expect((await fetch(`${sim.url}/a/apps/${SEED.app.id_code}/users/000000000000000000000000`)).status).toBe(404);
  });
});

describe('faults', () => {
  it('429 carries Intercom rate-limit headers and is consumed', async () => {
    sim.injectFault({ status: 429, path: '/me' });
    const limited = await call('GET', '/me');
    const now = Date.now() / 1000;
    expect(limited.status).toBe(429);
    expect(errorOf(limited).code).toBe('rate_limit_exceeded');
    expect(limited.headers.get('x-ratelimit-limit')).toMatch(/^\d+$/);
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    const reset = Number(limited.headers.get('x-ratelimit-reset'));
    expect(reset).toBeGreaterThan(now);
    expect(reset).toBeLessThan(now + 10);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await call('GET', '/me')).status).toBe(200);
    expect(sim.requests.map((r) => [r.status, r.fault?.status])).toEqual([
      [429, 429],
      [200, undefined],
    ]);
  });

  it.each([
    [401, 'unauthorized'],
    [403, 'api_plan_restricted'],
    [404, 'not_found'],
    [422, 'parameter_invalid'],
    [500, 'server_error'],
    [502, 'server_error'],
    [503, 'service_unavailable'],
  ])('status %i answers an Intercom error list (%s) without performing the request', async (status, code) => {
    sim.injectFault({ status, method: 'POST', path: '/messages' });
    const answer = await send();
    expect([answer.status, errorOf(answer).code]).toEqual([status, code]);
    expect(sim.state.messages).toHaveLength(0);
    expect(sim.requests[0]!.fault).toMatchObject({ status, processed: false });
  });

  it('only matching requests consume a fault; times, RegExp paths, custom headers and bodies apply', async () => {
    sim.injectFault({ status: 503, method: 'POST', path: /^\/conversations\/search$/, times: 2 });
    sim.injectFault({ path: '/admins', headers: { 'X-Simulated': 'yes' }, body: { type: 'admin.list', admins: [] } });
    expect((await call('GET', '/me')).status).toBe(200);
    expect((await searchConversations({ field: 'id', operator: '=', value: '1' })).status).toBe(503);
    expect((await searchConversations({ field: 'id', operator: '=', value: '1' })).status).toBe(503);
    expect((await searchConversations({ field: 'id', operator: '=', value: '1' })).status).toBe(200);
    const admins = await call('GET', '/admins');
    expect([admins.body.admins, admins.headers.get('x-simulated')]).toEqual([[], 'yes']);
    expect((await call('GET', '/admins')).body.admins).toHaveLength(3);
  });

  it('commit: a 5xx after the message was created ("maybe sent")', async () => {
    sim.injectFault({ status: 502, method: 'POST', path: '/messages', commit: true });
    expect((await send()).status).toBe(502);
    expect(sim.state.messages).toHaveLength(1);
    expect(sim.state.conversations).toHaveLength(SEED.conversations.length + 1);
    expect(sim.requests[0]!.fault).toMatchObject({ processed: true });
  });

  it('delayMs answers late but answers', async () => {
    sim.injectFault({ delayMs: 250, path: '/messages' });
    const started = Date.now();
    const answer = await send();
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
    expect(answer.status).toBe(200);
    expect(sim.state.messages).toHaveLength(1);
  });

  it('a client that gives up on a slow request: not created, unless committed', async () => {
    sim.injectFault({ delayMs: 300, path: '/messages' });
    await expect(call('POST', '/messages', inApp(), { headers: HEADERS, signal: AbortSignal.timeout(80) })).rejects.toThrow();
    sim.injectFault({ delayMs: 300, path: '/messages', commit: true });
    await expect(call('POST', '/messages', inApp(), { headers: HEADERS, signal: AbortSignal.timeout(80) })).rejects.toThrow();
    expect(sim.state.messages).toHaveLength(1);
    await sleep(350);
    expect(sim.state.messages).toHaveLength(1);
    expect(sim.requests.map((r) => [r.status, r.fault?.processed])).toEqual([
      [0, false],
      [0, true],
    ]);
  });

  it('drop "before" closes the connection without creating; drop "after" creates first', async () => {
    sim.injectFault({ drop: 'before', path: '/messages' });
    await expect(send()).rejects.toThrow();
    expect(sim.state.messages).toHaveLength(0);
    sim.injectFault({ drop: 'after', path: '/messages' });
    await expect(send()).rejects.toThrow();
    expect(sim.state.messages).toHaveLength(1);
    expect(sim.requests.map((r) => [r.status, r.fault?.drop, r.fault?.processed])).toEqual([
      [0, 'before', false],
      [0, 'after', true],
    ]);
    expect((await send()).status).toBe(200);
  });

  it('latencyMs delays every answer', async () => {
    sim.setOptions({ latencyMs: 120 });
    const started = Date.now();
    await call('GET', '/me');
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });

  it('clearFaults and reset drop pending faults; reset restores the seed and the start options', async () => {
    sim.injectFault({ status: 500, times: 5 });
    sim.clearFaults();
    expect((await call('GET', '/me')).status).toBe(200);
    sim.setOptions({ includeConversationId: false });
    await send();
    sim.injectFault({ status: 500 });
    sim.reset();
    expect([sim.requests, sim.state.messages, sim.state.conversations.length, sim.options.includeConversationId]).toEqual([[], [], 2, true]);
    expect((await call('GET', '/me')).status).toBe(200);
  });
});

describe('control over HTTP (/__sim/)', () => {
  const admin = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${sim.url}/__sim/${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: response.status, body: await response.json() };
  };

  it('injects faults (pathPattern), sets options, shows requests and state, resets; none of it recorded', async () => {
    expect((await admin('POST', 'faults', { status: 429, pathPattern: '^/contacts/' })).body).toEqual({ faults: 1 });
    expect((await call('GET', `/contacts/${JANE}`)).status).toBe(429);
    expect((await admin('POST', 'options', { includeConversationId: false })).body).toMatchObject({ includeConversationId: false });
    expect((await send()).body).not.toHaveProperty('conversation_id');
    const requests = await admin('GET', 'requests');
    expect(requests.body.map((r: { path: string; status: number }) => `${r.path} ${r.status}`)).toEqual([`/contacts/${JANE} 429`, '/messages 200']);
    expect(requests.body[0].fault.path).toBe('/^\\/contacts\\//');
    const state = await admin('GET', 'state');
    expect(state.body.state.messages).toHaveLength(1);
    expect(state.body.options.includeConversationId).toBe(false);
    expect((await admin('POST', 'faults', [{ status: 500 }, { status: 503 }])).body).toEqual({ faults: 2 });
    expect((await admin('DELETE', 'faults')).body).toEqual({ faults: 0 });
    expect((await admin('POST', 'reset')).status).toBe(200);
    expect(sim.requests).toEqual([]);
    expect(sim.state.messages).toEqual([]);
  });

  it('refuses unknown options and malformed faults', async () => {
    expect((await admin('POST', 'options', { colour: 'red' })).status).toBe(400);
    expect((await admin('POST', 'faults', { drop: 'sometimes' })).status).toBe(400);
    expect(() => sim.setOptions({ latencyMs: -1 })).toThrow(/latencyMs/);
    expect((await admin('GET', 'nothing')).status).toBe(404);
  });
});

describe('command line', () => {
  it('prints its url and token as one JSON line, honours flags, and stops cleanly on SIGTERM', async () => {
    const cli = fileURLToPath(new URL('../intercom-simulator/cli.mjs', import.meta.url));
    const child = spawn(process.execPath, [cli, '--port', '0', '--no-conversation-id', '--latency', '1'], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const [line] = (await once(child.stdout, 'data')) as [Buffer];
      const started = JSON.parse(line.toString()) as { url: string; token: string };
      expect(started).toEqual({ url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), token: DEMO_TOKEN });
      const answer = await fetch(`${started.url}/messages`, { method: 'POST', headers: HEADERS, body: JSON.stringify(inApp()) });
      expect(answer.status).toBe(200);
      expect(await answer.json()).not.toHaveProperty('conversation_id');
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });
});
