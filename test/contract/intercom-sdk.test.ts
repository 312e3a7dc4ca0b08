// Intercom's official Node SDK (intercom-client 7, which speaks Intercom-Version 2.14 by default)
// pointed at the simulator: it gets answers of the shape it expects, and every request it makes is
// one the simulator finds valid against the 2.14 description.
import { IntercomClient, IntercomError } from 'intercom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED, startSimulator, type Simulator } from '../intercom-simulator/index.mjs';

const JANE = SEED.contacts[0]!;
const MARCUS = SEED.contacts[1]!;

let sim: Simulator;
let client: IntercomClient;
beforeAll(async () => {
  sim = await startSimulator();
  client = new IntercomClient({ token: sim.token, baseUrl: sim.apiBaseUrl, maxRetries: 0 });
});
afterAll(() => sim?.close());

describe('intercom-client 7 against the simulator', () => {
  it('identifies the admin and the workspace (GET /me)', async () => {
    const me = await client.admins.identify();
    expect(me).toMatchObject({ type: 'admin', id: SEED.meAdminId, name: 'Ada Admin', email: 'ada@acme.test' });
    expect(me?.app).toMatchObject({ id_code: SEED.app.id_code, name: SEED.app.name, region: 'US' });
  });

  it('finds a contact by id and searches contacts', async () => {
    const jane = await client.contacts.find({ contact_id: JANE.id });
    expect(jane).toMatchObject({ type: 'contact', id: JANE.id, external_id: 'usr_1001', email: JANE.email, role: 'user' });

    const page = await client.contacts.search({
      query: { operator: 'OR', value: [{ field: 'external_id', operator: '=', value: 'usr_1002' }, { field: 'email', operator: '=', value: JANE.email }] },
      pagination: { per_page: 10 },
    });
    expect(page.response).toMatchObject({ type: 'list', total_count: 2 });
    expect(page.data.map((c) => c.id).sort()).toEqual([JANE.id, MARCUS.id].sort());
    expect(page.hasNextPage()).toBe(false);
  });

  it('walks a paged search to the end with its iterator', async () => {
    const page = await client.contacts.search({ query: { field: 'role', operator: '=', value: 'user' }, pagination: { per_page: 2 } });
    const all: string[] = [];
    for await (const contact of page) all.push(contact.id);
    expect(all.sort()).toEqual(SEED.contacts.filter((c) => c.role === 'user').map((c) => c.id).sort());
  });

  it('creates a message, then finds its conversation by search and by id', async () => {
    const message = await client.messages.create({
      // The SDK's own types still say "inapp" (the old name); the 2.14 description, which the
      // simulator enforces, says "in_app".
      message_type: 'in_app' as 'inapp',
      body: '<p>Hello from the SDK</p>',
      from: { type: 'admin', id: Number(SEED.meAdminId) },
      to: { type: 'user', id: JANE.id },
      create_conversation_without_contact_reply: true,
    });
    expect(message).toMatchObject({ type: 'admin_message', message_type: 'inapp', body: '<p>Hello from the SDK</p>', conversation_id: expect.any(String) });

    const found = await client.conversations.search({ query: { field: 'source.id', operator: '=', value: message.id }, pagination: { per_page: 5 } });
    expect(found.data.map((c) => c.id)).toEqual([message.conversation_id]);

    const conversation = await client.conversations.find({ conversation_id: message.conversation_id });
    expect(conversation).toMatchObject({ type: 'conversation', id: message.conversation_id, state: 'open', open: true });
    expect(conversation.source).toMatchObject({ id: message.id, delivered_as: 'admin_initiated', author: { type: 'admin', id: SEED.meAdminId } });
    expect(conversation.contacts?.contacts?.map((c) => c.id)).toEqual([JANE.id]);
  });

  it('sends an email to a user found by external id', async () => {
    const marcus = await client.contacts.showContactByExternalId({ external_id: 'usr_1002' });
    const message = await client.messages.create({
      message_type: 'email',
      subject: 'Your invoice',
      template: 'plain',
      body: '<p>Attached.</p>',
      from: { type: 'admin', id: Number(SEED.meAdminId) },
      to: { type: 'user', id: marcus.id! },
      create_conversation_without_contact_reply: true,
    });
    expect(message).toMatchObject({ message_type: 'email', subject: 'Your invoice' });
  });

  it('surfaces Intercom errors as IntercomError with status and body', async () => {
    const wrong = new IntercomClient({ token: 'not-the-token', baseUrl: sim.url, maxRetries: 0 });
    const unauthorized = await wrong.admins.identify().catch((e: unknown) => e);
    expect(unauthorized).toBeInstanceOf(IntercomError);
    expect(unauthorized).toMatchObject({ statusCode: 401, body: { type: 'error.list', errors: [{ code: 'unauthorized' }] } });

    const missing = await client.conversations.find({ conversation_id: '424242' }).catch((e: unknown) => e);
    expect(missing).toMatchObject({ statusCode: 404, body: { errors: [{ code: 'not_found' }] } });
  });

  it("retries a 429 after the simulator's Retry-After and then succeeds", async () => {
    sim.injectFault({ status: 429, path: '/me', headers: { 'Retry-After': '1' } });
    const retrying = new IntercomClient({ token: sim.token, baseUrl: sim.url, maxRetries: 1 });
    const started = Date.now();
    expect(await retrying.admins.identify()).toMatchObject({ id: SEED.meAdminId });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(sim.requests.slice(-2).map((r) => r.status)).toEqual([429, 200]);
  });

  it('every request the SDK made was valid 2.14, sent with Intercom-Version 2.14', () => {
    const operations = new Set(sim.requests.map((r) => r.operationId));
    for (const op of ['identifyAdmin', 'ShowContact', 'SearchContacts', 'createMessage', 'searchConversations', 'retrieveConversation', 'ShowContactByExternalId']) {
      expect(operations).toContain(op);
    }
    expect(sim.requests.filter((r) => !r.valid).map((r) => [r.method, r.path, r.validationErrors])).toEqual([]);
    expect(new Set(sim.requests.map((r) => r.headers['intercom-version']))).toEqual(new Set(['2.14']));
  });
});
