// Contract for continuing a conversation: our client's requests (reply, note, assignment, close,
// snooze, teams) and Intercom's official SDK against the simulator. Every request must be valid 2.14
// and every 200 answer must match the description's response schema; the simulator keeps the parts.
import { IntercomClient } from 'intercom-client';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HailerError } from '../../utils/errors';
import { conversationsApi, createIntercomClient, partsAfter, type ConversationsApi } from '../../utils/intercom';
import { SEED, startSimulator, validateRequest, validateResponse, type Simulator } from '../intercom-simulator/index.mjs';

const OPEN = '1001'; // Jane's open conversation, assigned to Ada
const CLOSED = '1000';
const ADA = SEED.meAdminId;
const BEN = '991002';

let sim: Simulator;
let api: ConversationsApi;
beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
});
afterAll(() => sim?.close());
beforeEach(() => {
  sim.reset();
  api = conversationsApi(createIntercomClient({ token: sim.token, apiBaseUrl: sim.apiBaseUrl, timeoutMs: 2000 }));
});
afterEach(() => {
  for (const r of sim.requests) {
    expect({ request: `${r.method} ${r.path}`, errors: r.validationErrors }).toEqual({ request: `${r.method} ${r.path}`, errors: [] });
    expect(r.headers['intercom-version'] ?? '2.14').toBe('2.14');
    if (r.status === 200) expect(validateResponse({ method: r.method, path: r.path, status: 200, body: r.response }).errors).toEqual([]);
  }
});

const conversation = (id: string) => sim.state.conversations.find((c) => c.id === id)!;
const parts = (id: string) => conversation(id).conversation_parts.conversation_parts;

describe('the requests we build are 2.14 requests', () => {
  it.each([
    ['an admin comment', '/conversations/1001/reply', { message_type: 'comment', type: 'admin', admin_id: ADA, body: '<p>Hi</p>' }],
    ['a note', '/conversations/1001/reply', { message_type: 'note', type: 'admin', admin_id: ADA, body: '<p>FYI</p>' }],
    ['close', '/conversations/1001/parts', { message_type: 'close', type: 'admin', admin_id: ADA }],
    ['snooze', '/conversations/1001/parts', { message_type: 'snoozed', admin_id: ADA, snoozed_until: 1900000000 }],
    ['assign to an admin', '/conversations/1001/parts', { message_type: 'assignment', type: 'admin', admin_id: ADA, assignee_id: BEN }],
    ['assign to a team', '/conversations/1001/parts', { message_type: 'assignment', type: 'team', admin_id: ADA, assignee_id: '814001' }],
  ])('%s', (_name, path, body) => {
    expect(validateRequest({ method: 'POST', path, body }).errors).toEqual([]);
  });

  it('and the description refuses what Intercom would (admin_id missing, unknown message_type, snooze without a time)', () => {
    const reply = (body: object) => validateRequest({ method: 'POST', path: '/conversations/1001/reply', body }).valid;
    const manage = (body: object) => validateRequest({ method: 'POST', path: '/conversations/1001/parts', body }).valid;
    expect(reply({ message_type: 'comment', type: 'admin', body: 'x' })).toBe(false);
    expect(reply({ message_type: 'shout', type: 'admin', admin_id: ADA, body: 'x' })).toBe(false);
    expect(manage({ message_type: 'snoozed', admin_id: ADA })).toBe(false);
    expect(manage({ message_type: 'assignment', type: 'admin', admin_id: ADA })).toBe(false);
  });
});

describe('conversationsApi against the simulator', () => {
  it('reads a conversation with its opening message as the first part', async () => {
    const detail = await api.getConversationDetail(OPEN);
    expect(detail).toMatchObject({ id: OPEN, state: 'open', adminAssigneeId: ADA, contactIds: [SEED.contacts[0]!.id] });
    expect(detail.parts).toEqual([expect.objectContaining({ kind: 'source', authorType: 'user', body: '<p>Hi, the CSV export fails on large reports.</p>' })]);
  });

  it('replies and leaves notes: each a part, in order, by the admin', async () => {
    await api.reply(OPEN, { adminId: ADA, body: '<p>Looking into it</p>', note: false });
    const after = await api.reply(OPEN, { adminId: BEN, body: '<p>Customer on Pro plan</p>', note: true });
    expect(after.parts.slice(1).map((p) => [p.kind, p.authorId, p.body])).toEqual([
      ['comment', ADA, '<p>Looking into it</p>'],
      ['note', BEN, '<p>Customer on Pro plan</p>'],
    ]);
    expect(parts(OPEN)).toHaveLength(2);
  });

  it('a reply reopens a closed conversation; a note does not', async () => {
    await api.reply(CLOSED, { adminId: ADA, body: '<p>note</p>', note: true });
    expect(conversation(CLOSED).state).toBe('closed');
    await api.reply(CLOSED, { adminId: ADA, body: '<p>reply</p>', note: false });
    expect(conversation(CLOSED)).toMatchObject({ state: 'open', open: true });
  });

  it('assigns to an admin and to a team, closes, snoozes: state and parts follow', async () => {
    await api.manage(OPEN, ADA, { kind: 'assign_admin', assigneeId: BEN });
    expect(conversation(OPEN).admin_assignee_id).toBe(Number(BEN));
    const teamed = await api.manage(OPEN, ADA, { kind: 'assign_team', teamId: '814002' });
    expect(teamed.teamAssigneeId).toBe('814002');
    const until = Math.floor(Date.now() / 1000) + 3600;
    const snoozed = await api.manage(OPEN, ADA, { kind: 'snooze', until });
    expect(snoozed.state).toBe('snoozed');
    expect(conversation(OPEN).snoozed_until).toBe(until);
    const closed = await api.manage(OPEN, ADA, { kind: 'close' });
    expect(closed.state).toBe('closed');
    expect(parts(OPEN).map((p) => p.part_type)).toEqual(['assignment', 'assignment', 'snoozed', 'close']);
  });

  it('lists teams', async () => {
    expect(await api.listTeams()).toEqual([
      { id: '814001', name: 'Billing' },
      { id: '814002', name: 'Escalations' },
    ]);
  });

  it('a deleted conversation is "conversation_gone", a 409 "conversation_conflict", a 503 stays ambiguous', async () => {
    const code = async (run: () => Promise<unknown>) => ((await run().catch((e: unknown) => e)) as HailerError).code;
    expect(await code(() => api.reply('424242', { adminId: ADA, body: '<p>x</p>', note: false }))).toBe('conversation_gone');
    sim.injectFault({ status: 409, path: '/conversations/1001/reply' });
    expect(await code(() => api.reply(OPEN, { adminId: ADA, body: '<p>x</p>', note: false }))).toBe('conversation_conflict');
    sim.injectFault({ status: 503, path: '/conversations/1001/parts' });
    expect(await code(() => api.manage(OPEN, ADA, { kind: 'close' }))).toBe('intercom_unavailable');
    expect(parts(OPEN)).toHaveLength(0);
  });

  it('the test hook adds a customer part, which partsAfter reports as new', async () => {
    const seen = (await api.getConversationDetail(OPEN)).parts.at(-1)!.id;
    sim.addCustomerPart(OPEN, '<p>Any news?</p>');
    const fresh = partsAfter((await api.getConversationDetail(OPEN)).parts, seen);
    expect(fresh).toEqual([expect.objectContaining({ kind: 'comment', authorType: 'user', body: '<p>Any news?</p>' })]);
  });

  it('the hook is also a control route over HTTP (not recorded as an Intercom request)', async () => {
    const answer = await fetch(`${sim.url}/__sim/conversations/${OPEN}/customer-part`, { method: 'POST', body: JSON.stringify({ body: '<p>Hello?</p>' }) });
    expect(await answer.json()).toMatchObject({ type: 'conversation_part', part_type: 'comment', body: '<p>Hello?</p>' });
    expect(parts(OPEN).map((p) => p.body)).toEqual(['<p>Hello?</p>']);
    expect((await fetch(`${sim.url}/__sim/conversations/424242/customer-part`, { method: 'POST', body: '{}' })).status).toBe(400);
  });
});

describe('intercom-client 7 drives the new endpoints', () => {
  it('reply, note, manage (assign, snooze, open, close), teams, retrieve with parts: all valid 2.14', async () => {
    const client = new IntercomClient({ token: sim.token, baseUrl: sim.apiBaseUrl, maxRetries: 0 });
    const replied = await client.conversations.reply({ conversation_id: OPEN, body: { message_type: 'comment', type: 'admin', admin_id: ADA, body: '<p>From the SDK</p>' } });
    expect(replied.conversation_parts?.conversation_parts?.at(-1)).toMatchObject({ part_type: 'comment', body: '<p>From the SDK</p>', author: { type: 'admin', id: ADA } });
    await client.conversations.reply({ conversation_id: OPEN, body: { message_type: 'note', type: 'admin', admin_id: ADA, body: '<p>SDK note</p>' } });
    await client.conversations.manage({ conversation_id: OPEN, body: { message_type: 'assignment', type: 'admin', admin_id: ADA, assignee_id: BEN } });
    await client.conversations.manage({ conversation_id: OPEN, body: { message_type: 'snoozed', admin_id: ADA, snoozed_until: Math.floor(Date.now() / 1000) + 60 } });
    await client.conversations.manage({ conversation_id: OPEN, body: { message_type: 'open', admin_id: ADA } });
    const closed = await client.conversations.manage({ conversation_id: OPEN, body: { message_type: 'close', type: 'admin', admin_id: ADA } });
    expect(closed).toMatchObject({ state: 'closed', open: false, admin_assignee_id: Number(BEN) });
    const teams = await client.teams.list();
    expect(teams.teams?.map((t) => t.name)).toEqual(['Billing', 'Escalations']);
    const found = await client.conversations.find({ conversation_id: OPEN });
    expect(found.conversation_parts?.conversation_parts?.map((p) => p.part_type)).toEqual(['comment', 'note', 'assignment', 'snoozed', 'open', 'close']);
    expect(new Set(sim.requests.map((r) => r.operationId))).toEqual(new Set(['replyConversation', 'manageConversation', 'listTeams', 'retrieveConversation']));
    expect(sim.requests.every((r) => r.valid && r.status === 200)).toBe(true);
  });

  it('a reply to a conversation that is gone is a 404 the SDK reports', async () => {
    const client = new IntercomClient({ token: sim.token, baseUrl: sim.apiBaseUrl, maxRetries: 0 });
    const error = await client.conversations.reply({ conversation_id: '424242', body: { message_type: 'comment', type: 'admin', admin_id: ADA, body: 'x' } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ statusCode: 404 });
  });
});
