// Every flow against the simulator answering as Intercom's documentation does (numeric part ids;
// bot, team and integration parts; a part assigned to a contact; ticket and AI-agent fields), with
// the real client and the real send and reply flows. Before the schemas were made tolerant, every
// reply, note and follow-up failed here at the collision check.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../intercom-simulator/index.mjs';
import { conversationsApi, type IntercomClient } from '../../utils/intercom';
import { fetchContactCard } from '../../utils/intercom/card';
import { fetchMacros } from '../../utils/intercom/macros';
import { lookUpPeople, refKey } from '../../utils/intercom/people';
import { sendDraft, type SendContext } from '../../utils/compose/send';
import { applyFollowUp, sendReply, type ReplyContext } from '../../utils/compose/reply';
import { messageOutbox, replyOutbox } from '../../utils/compose/outbox';
import { toWireError } from '../../utils/router';
import { codeOf } from './error-code';
import { simulatedContexts } from './flow-contexts';

const JANE = '6650a1b2c3d4e5f601000001';
const OPEN = '1001';
let sim: Simulator;
let client: IntercomClient;
let send: SendContext;
let reply: ReplyContext;
let n = 0;

beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.reset();
  sim.setOptions({ documentedAnswers: true });
  messageOutbox.forgetMirror();
  replyOutbox.forgetMirror();
  ({ client, send, reply } = simulatedContexts(sim));
});

/** What the panel showed when the agent chose the conversation: its latest part. */
const seenNow = async (id = OPEN) => (await conversationsApi(client).getConversationDetail(id)).parts.at(-1)!.id;
const adminReplies = (id = OPEN) =>
  sim.state.conversations.find((c: { id: string }) => c.id === id)!.conversation_parts.conversation_parts.filter(
    (p: { author: { type: string } }) => p.author.type === 'admin',
  );

describe('the simulator answers as documented', () => {
  it('part ids are numbers, and bots, teams, integrations and contact assignments are among the parts', async () => {
    await client.getConversation(OPEN);
    const answer = sim.requests.at(-1)!.response as { conversation_parts: { conversation_parts: { id: unknown; author: { type: string }; assigned_to: { type: string } | null }[] }; ticket: unknown; ai_agent_participated: unknown };
    const parts = answer.conversation_parts.conversation_parts;
    expect(parts.every((p) => typeof p.id === 'number')).toBe(true);
    expect(parts.map((p) => p.author.type)).toEqual(expect.arrayContaining(['bot', 'team', 'admin']));
    expect(parts.some((p) => p.assigned_to?.type === 'contact')).toBe(true);
    expect(answer).toHaveProperty('ticket');
    expect(answer).toHaveProperty('ai_agent_participated');
  });

  it('Hailer reads them as text ids and keeps unknown part types and author types', async () => {
    const detail = await conversationsApi(client).getConversationDetail(OPEN);
    expect(detail.parts.every((p) => typeof p.id === 'string')).toBe(true);
    expect(detail.parts.map((p) => p.kind)).toEqual(expect.arrayContaining(['custom_action_started', 'conversation_attribute_updated_by_admin']));
    expect(detail.parts.map((p) => p.authorType)).toEqual(expect.arrayContaining(['bot', 'team']));
  });
});

describe('every flow, end to end', () => {
  it('a new conversation: sent once, its conversation found', async () => {
    const result = await sendDraft({ draftId: `doc:${++n}`, recipient: { kind: 'email', value: 'jane@acme.test' }, draft: { channel: 'in_app', body: 'Hello' } }, send);
    expect(result.conversationId).toMatch(/^\d+$/);
    expect(sim.requests.filter((r) => r.method === 'POST' && r.path === '/messages')).toHaveLength(1);
  });

  it('a reply and a note pass the collision check and go out once each; the reply’s part id is read as text', async () => {
    const sent = await sendReply({ draftId: `doc:${++n}`, conversationId: OPEN, draft: { channel: 'in_app', body: 'A reply' }, note: false, seenPartId: await seenNow() }, reply);
    expect(sent).toMatchObject({ status: 'sent', partId: expect.stringMatching(/^\d+$/) });
    const note = await sendReply({ draftId: `doc:${++n}`, conversationId: OPEN, draft: { channel: 'in_app', body: 'A note' }, note: true, seenPartId: await seenNow() }, reply);
    expect(note).toMatchObject({ status: 'sent', note: true });
    expect(adminReplies().map((p: { part_type: string }) => p.part_type)).toEqual(['comment', 'note']);
  });

  it('the collision check sees a customer part added since, and "Send anyway" then sends one', async () => {
    const seen = await seenNow();
    sim.addCustomerPart(OPEN, '<p>Actually, one more thing</p>');
    const req = { draftId: `doc:${++n}`, conversationId: OPEN, draft: { channel: 'in_app', body: 'Answer' }, note: false, seenPartId: seen };
    const first = await sendReply(req, reply);
    expect(first).toMatchObject({ status: 'collision', parts: [expect.objectContaining({ authorType: 'user', body: '<p>Actually, one more thing</p>' })] });
    if (first.status !== 'collision') return;
    expect(await sendReply({ ...req, seenPartId: first.latestPartId }, reply)).toMatchObject({ status: 'sent' });
    expect(adminReplies()).toHaveLength(1);
  });

  it.each([
    ['assign to me', { kind: 'assign_me' } as const],
    ['assign to a team', { kind: 'assign_team', teamId: '814001' } as const],
    ['close', { kind: 'close' } as const],
    ['snooze', { kind: 'snooze', until: Math.floor(Date.now() / 1000) + 3600 } as const],
  ])('follow-up: %s', async (_, followUp) => {
    expect(await applyFollowUp(reply.api, OPEN, '991001', followUp)).toEqual({ ok: true });
  });

  it('People on this page, the contact card and macros read their documented shapes', async () => {
    const found = await lookUpPeople(client, [{ kind: 'email', value: 'jane@acme.test' }]);
    expect(found.get(refKey({ kind: 'email', value: 'jane@acme.test' }))?.map((c) => c.id)).toEqual([JANE]);
    expect(await fetchContactCard(client, JANE, [])).toMatchObject({ id: JANE, name: 'Jane Cooper' });
    expect(Array.isArray(await fetchMacros(client))).toBe(true);
  });
});

describe('an answer Hailer cannot read', () => {
  const unreadable = { type: 'conversation', id: OPEN, conversation_parts: { conversation_parts: [{ id: { nested: true } }] } };

  it('at the collision check: nothing was sent, and the words say so (not "Intercom is having trouble")', async () => {
    sim.injectFault({ method: 'GET', path: `/conversations/${OPEN}`, status: 200, body: unreadable });
    const error = await sendReply({ draftId: `doc:${++n}`, conversationId: OPEN, draft: { channel: 'in_app', body: 'Hi' }, note: false, seenPartId: null }, reply).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'unreadable_answer' });
    expect(sim.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
    const words = toWireError(error);
    expect(words.message).toBe('Intercom answered in a way Hailer could not read.');
    expect(words.action).toMatch(/^Nothing was sent\./);
    expect(words.detail).toMatch(/^GET \/conversations\/\{id\}: created_at: /);
  });

  it('after the reply went out: found by reconciling, so never sent twice', async () => {
    sim.injectFault({ method: 'POST', path: `/conversations/${OPEN}/reply`, status: 200, body: unreadable, commit: true });
    const req = { draftId: `doc:${++n}`, conversationId: OPEN, draft: { channel: 'in_app', body: 'Once only' }, note: false, seenPartId: await seenNow() };
    expect(await sendReply(req, reply)).toMatchObject({ status: 'sent' });
    expect(adminReplies()).toHaveLength(1);
  });

  it('after POST /messages, when reconciling finds nothing: "It may have been sent", and a retry does not resend', async () => {
    sim.injectFault({ method: 'POST', path: '/messages', status: 200, body: { type: 'admin_message' } });
    const req = { draftId: `doc:${++n}`, recipient: { kind: 'email' as const, value: 'jane@acme.test' }, draft: { channel: 'in_app', body: 'Maybe' } };
    const error = await sendDraft(req, send).catch((e: unknown) => e);
    const words = toWireError(error);
    expect(words.code).toBe('maybe_sent');
    expect(words.message).toMatch(/^It may have been sent: Intercom answered, but in a way Hailer could not read/);
    await expect(codeOf(sendDraft(req, send))).resolves.toBe('maybe_sent');
    expect(sim.requests.filter((r) => r.method === 'POST' && r.path === '/messages')).toHaveLength(1);
  });
});
