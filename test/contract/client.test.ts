// Contract: every request the Intercom client builds is valid against Intercom's official 2.14
// description, and every answer that description allows is one the client can read. The simulator
// validates each request it receives against the description and records the verdict; this test
// drives every client method (and every failure the client maps) through it.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HailerError } from '../../utils/errors';
import { createIntercomClient, isNetworkFailure, type IntercomClient } from '../../utils/intercom';
import { SEED, startSimulator, type Simulator } from '../intercom-simulator/index.mjs';

let sim: Simulator;
let client: IntercomClient;

const jane = SEED.contacts.find((c) => c.name === 'Jane Cooper')!;
const sam = SEED.contacts.find((c) => c.role === 'lead' && c.name === 'Sam Rivera')!;
const me = SEED.admins.find((a) => a.id === SEED.meAdminId)!;

beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
});
afterAll(async () => {
  await sim?.close();
});
beforeEach(() => {
  sim.reset(); // the seed again, no faults, no recorded requests
  sim.setOptions({ includeConversationId: true, conversationIndexDelayMs: 0, latencyMs: 0 });
  client = createIntercomClient({ token: sim.token, apiBaseUrl: sim.apiBaseUrl });
});
afterEach(() => {
  // The point of the whole file: whatever a test did, each request it made was valid 2.14.
  expect(sim.requests.length).toBeGreaterThan(0);
  for (const request of sim.requests) {
    expect({ request: `${request.method} ${request.path}`, errors: request.validationErrors }).toEqual({
      request: `${request.method} ${request.path}`,
      errors: [],
    });
    expect(request.valid).toBe(true);
    expect(request.headers['intercom-version']).toBe('2.14');
  }
});

const made = () => sim.requests;

async function failure(run: () => Promise<unknown>): Promise<HailerError> {
  const error = await run().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(HailerError);
  return error as HailerError;
}

const inApp = (to: { type: 'user' | 'lead'; id: string }, body: string) =>
  ({
    message_type: 'in_app',
    body,
    from: { type: 'admin', id: Number(me.id) },
    to,
    create_conversation_without_contact_reply: true,
  }) as const;

describe('workspace', () => {
  it('me(): the token’s admin and its workspace', async () => {
    expect(await client.me()).toEqual({
      admin: { id: me.id, name: me.name, email: me.email },
      workspace: { id: SEED.app.id_code, name: SEED.app.name, region: SEED.app.region.toLowerCase() },
    });
    expect(made().map((r) => `${r.method} ${r.path}`)).toEqual(['GET /me']);
  });

  it('listAdmins(): every admin of the workspace', async () => {
    expect(await client.listAdmins()).toEqual(SEED.admins.map((a) => ({ id: a.id, name: a.name, email: a.email })));
  });
});

describe('findContacts', () => {
  it('by contact id', async () => {
    const [found, ...rest] = await client.findContacts({ kind: 'contact_id', value: jane.id });
    expect(rest).toEqual([]);
    expect(found).toMatchObject({
      id: jane.id,
      role: 'user',
      name: jane.name,
      email: jane.email,
      externalId: jane.external_id,
      customAttributes: jane.custom_attributes,
    });
    // 2.14's contact lists companies by id only (`company_data`), so a name is there only if Intercom adds one.
    expect([null, jane.company]).toContain(found!.company);
  });

  it('by external user id', async () => {
    const marcus = SEED.contacts.find((c) => c.external_id === 'usr_1002')!;
    expect((await client.findContacts({ kind: 'user_id', value: 'usr_1002' })).map((c) => c.id)).toEqual([marcus.id]);
  });

  it('by email, whatever its case', async () => {
    expect((await client.findContacts({ kind: 'email', value: jane.email.toUpperCase() })).map((c) => c.id)).toEqual([jane.id]);
  });

  it('by email shared by a user and a lead: both, for the agent to choose', async () => {
    const shared = await client.findContacts({ kind: 'email', value: 'shared@acme.test' });
    const expected = SEED.contacts.filter((c) => c.email === 'shared@acme.test');
    expect(expected).toHaveLength(2);
    expect(shared.map((c) => [c.id, c.role]).sort()).toEqual(expected.map((c) => [c.id, c.role]).sort());
  });

  it.each([
    ['contact_id', '6650a1b2c3d4e5f60100ffff'],
    ['user_id', 'usr_9999'],
    ['email', 'nobody@acme.test'],
  ] as const)('nobody for an unknown %s', async (kind, value) => {
    expect(await client.findContacts({ kind, value })).toEqual([]);
  });

  it('getContact() of an unknown id is recipient_not_found', async () => {
    expect(await failure(() => client.getContact('6650a1b2c3d4e5f60100ffff'))).toMatchObject({ code: 'recipient_not_found', status: 404 });
  });
});

describe('createLead', () => {
  it('creates a lead for an unknown email, which can then be found and messaged', async () => {
    const lead = await client.createLead('new.person@example.test');
    expect(lead).toMatchObject({ role: 'lead', email: 'new.person@example.test' });
    expect((await client.findContacts({ kind: 'email', value: 'new.person@example.test' })).map((c) => c.id)).toEqual([lead.id]);
    await client.createMessage({ message_type: 'in_app', body: '<p>Welcome</p>', from: { type: 'admin', id: 991001 }, to: { type: 'lead', id: lead.id }, create_conversation_without_contact_reply: true });
  });
});

describe('messages and their conversations', () => {
  it('an in-app message whose answer names its conversation', async () => {
    const since = Math.floor(Date.now() / 1000);
    const sent = await client.createMessage(inApp({ type: 'user', id: jane.id }, '<p>Your export is fixed.</p>'));
    expect(sent.conversationId).not.toBeNull();
    expect(sent.createdAt).toBeGreaterThanOrEqual(since - 5);

    const conversation = await client.getConversation(sent.conversationId!);
    expect(conversation).toMatchObject({ id: sent.conversationId, sourceId: sent.messageId, contactIds: [jane.id] });
    expect(conversation.sourceBody).toContain('Your export is fixed.');
    expect(await client.findConversationOfMessage({ messageId: sent.messageId, contactId: jane.id, sinceSeconds: since })).toBe(
      sent.conversationId,
    );
  });

  it('an email whose answer has no conversation id: found by searching', async () => {
    sim.setOptions({ includeConversationId: false });
    const since = Math.floor(Date.now() / 1000);
    const sent = await client.createMessage({
      message_type: 'email',
      subject: 'About your trial',
      template: 'plain',
      body: '<p>Shall we talk?</p>',
      from: { type: 'admin', id: Number(me.id) },
      to: { type: 'lead', id: sam.id },
      create_conversation_without_contact_reply: true,
    });
    expect(sent.conversationId).toBeNull();

    const conversationId = await client.findConversationOfMessage({ messageId: sent.messageId, contactId: sam.id, sinceSeconds: since });
    expect(conversationId).not.toBeNull();
    expect((await client.getConversation(conversationId!)).sourceId).toBe(sent.messageId);
  });

  it('a conversation the search index has not caught up with yet is found once it has', async () => {
    const delay = 400;
    sim.setOptions({ includeConversationId: false, conversationIndexDelayMs: delay });
    const since = Math.floor(Date.now() / 1000);
    const sent = await client.createMessage(inApp({ type: 'user', id: jane.id }, '<p>Indexed later</p>'));
    const q = { messageId: sent.messageId, contactId: jane.id, sinceSeconds: since };
    // Right away neither search (by message id, then among the contact's) can see it yet.
    expect(await client.findConversationOfMessage(q)).toBeNull();
    expect(made().filter((r) => r.path === '/conversations/search')).toHaveLength(2);
    await new Promise((resolve) => setTimeout(resolve, delay + 100));
    const late = await client.findConversationOfMessage(q);
    expect(late).not.toBeNull();
    expect((await client.getConversation(late!)).sourceId).toBe(sent.messageId);
  });

  it('findRecentConversations(): the contact’s conversations, most recently updated first', async () => {
    const seeded = SEED.conversations.filter((c) => c.contactId === jane.id).sort((a, b) => b.updated_at - a.updated_at);
    const recent = await client.findRecentConversations({ contactId: jane.id, limit: 10 });
    expect(recent.map((c) => c.id)).toEqual(seeded.map((c) => c.id));
    expect(recent.map((c) => c.state)).toEqual(seeded.map((c) => c.state));
  });

  it('findRecentConversations() since a moment: only what started after it', async () => {
    const since = Math.floor(Date.now() / 1000) - 5;
    const sent = await client.createMessage(inApp({ type: 'user', id: jane.id }, '<p>Just now</p>'));
    const recent = await client.findRecentConversations({ contactId: jane.id, sinceSeconds: since, limit: 20 });
    expect(recent.map((c) => c.sourceId)).toEqual([sent.messageId]);
    expect(recent[0]!.sourceBody).toContain('Just now');
  });

  it('findConversationsStartedBy(): what these admins started since a moment, page after page', async () => {
    const since = Math.floor(Date.now() / 1000);
    const other = SEED.admins.find((a) => a.id !== me.id)!;
    for (let n = 0; n < 155; n++) await client.createMessage(inApp({ type: 'user', id: jane.id }, `<p>Bulk ${n}</p>`));
    await client.createMessage({ ...inApp({ type: 'user', id: jane.id }, '<p>From a teammate</p>'), from: { type: 'admin', id: Number(other.id) } });
    const found = await client.findConversationsStartedBy({ adminIds: [me.id], sinceSeconds: since, maxPages: 3 });
    expect(found).toHaveLength(155);
    expect(new Set(found.map((c) => c.sourceBody)).size).toBe(155);
    expect(found.every((c) => c.sourceAuthorId === me.id && c.contactIds[0] === jane.id)).toBe(true);
    const searches = made().filter((r) => r.path === '/conversations/search');
    expect(searches.map((r) => (r.body as { pagination: { starting_after?: string } }).pagination.starting_after === undefined)).toEqual([true, false]);
    // Two admins at once, and a bound on the pages read.
    expect(await client.findConversationsStartedBy({ adminIds: [me.id, other.id], sinceSeconds: since, maxPages: 5 })).toHaveLength(156);
    expect(await client.findConversationsStartedBy({ adminIds: [me.id], sinceSeconds: since, maxPages: 1 })).toHaveLength(150);
  });

  it('getConversation() of a seeded conversation, and of one that does not exist', async () => {
    const open = SEED.conversations.find((c) => c.state === 'open')!;
    expect(await client.getConversation(open.id)).toMatchObject({ id: open.id, state: 'open', sourceId: open.messageId });
    expect(await failure(() => client.getConversation('999999'))).toMatchObject({ code: 'conversation_not_found', status: 404 });
  });

  it('a message to a contact that does not exist is recipient_not_found', async () => {
    const error = await failure(() => client.createMessage(inApp({ type: 'user', id: '6650a1b2c3d4e5f60100ffff' }, '<p>Hi</p>')));
    expect(error).toMatchObject({ code: 'recipient_not_found', status: 404 });
  });
});

describe('failures', () => {
  it('a token Intercom does not know is token_rejected', async () => {
    const stranger = createIntercomClient({ token: 'not-the-demo-token-0000', apiBaseUrl: sim.apiBaseUrl });
    const error = await failure(() => stranger.me());
    expect(error).toMatchObject({ code: 'token_rejected', status: 401 });
    expect(error.message).not.toContain('not-the-demo-token-0000');
  });

  it('401 injected on a send', async () => {
    sim.injectFault({ status: 401, method: 'POST', path: '/messages', times: 1 });
    expect(await failure(() => client.createMessage(inApp({ type: 'user', id: jane.id }, '<p>x</p>')))).toMatchObject({
      code: 'token_rejected',
      status: 401,
    });
  });

  it('429 with X-RateLimit-Reset', async () => {
    const reset = Math.floor(Date.now() / 1000) + 30;
    sim.injectFault({ status: 429, method: 'POST', path: '/contacts/search', times: 1, headers: { 'X-RateLimit-Reset': String(reset) } });
    const error = await failure(() => client.findContacts({ kind: 'email', value: jane.email }));
    expect(error).toMatchObject({ code: 'rate_limited', status: 429, retryAt: reset * 1000 });
    // The fault was used up: the next search answers.
    expect(await client.findContacts({ kind: 'email', value: jane.email })).toHaveLength(1);
  });

  it.each([500, 503])('%i is intercom_unavailable, and is never retried by the client', async (status) => {
    sim.injectFault({ status, method: 'POST', path: '/messages', times: 1 });
    expect(await failure(() => client.createMessage(inApp({ type: 'user', id: jane.id }, '<p>once</p>')))).toMatchObject({
      code: 'intercom_unavailable',
      status,
    });
    expect(made().filter((r) => r.path === '/messages')).toHaveLength(1);
  });

  it('a 5xx after Intercom committed the message: the message can be found among recent conversations', async () => {
    const since = Math.floor(Date.now() / 1000) - 5;
    sim.injectFault({ status: 502, method: 'POST', path: '/messages', times: 1, commit: true });
    await failure(() => client.createMessage(inApp({ type: 'user', id: jane.id }, '<p>Committed anyway</p>')));
    const recent = await client.findRecentConversations({ contactId: jane.id, sinceSeconds: since, limit: 20 });
    expect(recent.map((c) => c.sourceBody).join()).toContain('Committed anyway');
  });

  it('a connection dropped after Intercom took the message: a network failure, and the message is there', async () => {
    const since = Math.floor(Date.now() / 1000) - 5;
    sim.injectFault({ method: 'POST', path: '/messages', times: 1, drop: 'after' });
    const error = await failure(() => client.createMessage(inApp({ type: 'user', id: jane.id }, '<p>Lost answer</p>')));
    expect(isNetworkFailure(error)).toBe(true);
    expect(sim.state.messages).toHaveLength(1);
    const recent = await client.findRecentConversations({ contactId: jane.id, sinceSeconds: since, limit: 20 });
    expect(recent.map((c) => c.sourceId)).toEqual([sim.state.messages[0]!.id]);
  });

  it('a dropped connection is a network failure', async () => {
    sim.injectFault({ method: 'GET', path: '/me', times: 1, drop: 'before' });
    expect(isNetworkFailure(await failure(() => client.me()))).toBe(true);
  });

  it('no answer in time is a timeout', async () => {
    const impatient = createIntercomClient({ token: sim.token, apiBaseUrl: sim.apiBaseUrl, timeoutMs: 100 });
    sim.injectFault({ method: 'GET', path: '/admins', times: 1, delayMs: 1_000 });
    expect((await failure(() => impatient.listAdmins())).code).toBe('timeout');
  });
});
