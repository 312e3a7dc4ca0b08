// What a warm panel open reuses (utils/compose/recipient-calls.ts, conversation-list-cache.ts): asked
// `warm`, the contact confirmed a moment ago and the contact's conversation list come from memory with
// no request to Intercom, and say so (`remembered`); asked plainly, Intercom is asked and the memory
// refreshed; a list is gone once it is too old or once Hailer sends, replies or follows up in it.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startSimulator, type Simulator } from '../intercom-simulator/index.mjs';
import { conversationsApi, createIntercomClient } from '../../utils/intercom';
import { applyFollowUp, sendReply } from '../../utils/compose/reply';
import { sendDraft } from '../../utils/compose/send';
import { recipientCalls } from '../../utils/compose/recipient-calls';
import { CONVERSATION_LIST_TTL_MS, forgetConversationLists, rememberConversationList, rememberedConversationList } from '../../utils/compose/conversation-list-cache';
import { newWorkspace } from '../../utils/storage/workspaces';
import type { IntercomConversation } from '../../utils/intercom';
import type { Session } from '../../utils/intercom/workspace-session';

const contact = { id: 'c1', role: 'user' as const, name: 'Jane Cooper', email: 'jane@acme.test' };
const conversation = (id: string): IntercomConversation => ({ id, title: null, state: 'open', createdAt: 1, updatedAt: 2, sourceId: null, sourceSubject: null, sourceBody: '<p>Hello</p>', sourceAuthorId: null, contactIds: ['c1'], customerWroteAt: null, waitingSince: null });

function setUp() {
  const api = { findContacts: vi.fn(async () => [contact]), findRecentConversations: vi.fn(async () => [conversation('1001'), conversation('1002')]) };
  const ws = newWorkspace(`ws-${Math.random()}`, 'Acme', 0, { idCode: 'abc', admin: { id: '7', name: 'Ann', email: 'ann@acme.test' }, learntFrom: 'https://api.test' });
  const session = { ws, api, apiBaseUrl: 'https://api.test', appBaseUrl: 'https://app.test' } as unknown as Session;
  const calls = recipientCalls({ intercom: async () => session, admins: async () => [] });
  return { api, ws, calls };
}
const ref = { kind: 'email' as const, value: 'jane@acme.test' };

describe('a warm panel open', () => {
  beforeEach(() => forgetConversationLists({ contactId: 'c1' }));

  it('answers the contact and the list from memory, saying so, once they were asked for plainly', async () => {
    const { api, calls } = setUp();
    expect(await calls['recipient.find']({ ref, warm: true }, {} as never)).toEqual({ contacts: [contact] }); // nothing remembered yet: asked
    expect(await calls['recipient.find']({ ref, warm: true }, {} as never)).toEqual({ contacts: [contact], remembered: true });
    expect(api.findContacts).toHaveBeenCalledTimes(1);
    await calls['recipient.find']({ ref }, {} as never); // the recheck behind it asks again
    expect(api.findContacts).toHaveBeenCalledTimes(2);

    const first = await calls['recipient.conversations']({ contactId: 'c1', warm: true }, {} as never);
    expect(first.remembered).toBeUndefined();
    const warm = await calls['recipient.conversations']({ contactId: 'c1', warm: true }, {} as never);
    expect(warm).toEqual({ ...first, remembered: true });
    expect(warm.conversations.map((c) => c.id)).toEqual(['1001', '1002']);
    expect(api.findRecentConversations).toHaveBeenCalledTimes(1);
    await calls['recipient.conversations']({ contactId: 'c1' }, {} as never);
    expect(api.findRecentConversations).toHaveBeenCalledTimes(2);
  });

  it('lists again after a send to the contact, a reply or follow-up in one of its conversations, or when the list is old', async () => {
    const { api, ws, calls } = setUp();
    const list = async () => (await calls['recipient.conversations']({ contactId: 'c1', warm: true }, {} as never)).remembered === true;
    expect(await list()).toBe(false);
    expect(await list()).toBe(true);
    forgetConversationLists({ contactId: 'c1' }); // what send.ts does before POST /messages
    expect(await list()).toBe(false);
    forgetConversationLists({ conversationId: '1002' }); // what reply.ts does before a reply or after a follow-up
    expect(await list()).toBe(false);
    forgetConversationLists({ conversationId: '9999' }); // another contact's conversation
    expect(await list()).toBe(true);
    expect(api.findRecentConversations).toHaveBeenCalledTimes(3);

    rememberConversationList(ws.id, 'c1', [conversation('1001')], 1_000);
    expect(rememberedConversationList(ws.id, 'c1', 1_000 + CONVERSATION_LIST_TTL_MS - 1)?.conversations).toHaveLength(1);
    expect(rememberedConversationList(ws.id, 'c1', 1_000 + CONVERSATION_LIST_TTL_MS)).toBeNull();
  });

  it('keeps each workspace’s list apart', async () => {
    const a = setUp();
    const b = setUp();
    await a.calls['recipient.conversations']({ contactId: 'c1' }, {} as never);
    expect((await b.calls['recipient.conversations']({ contactId: 'c1', warm: true }, {} as never)).remembered).toBeUndefined();
  });
});

describe('the send and reply flows drop the lists they change (against the simulator)', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
  });
  afterAll(() => sim.close());

  it('a reply, then a follow-up', async () => {
    const api = conversationsApi(createIntercomClient({ token: sim.token, apiBaseUrl: sim.apiBaseUrl, timeoutMs: 1000 }));
    const listed = () => rememberedConversationList('ws1', 'c1') !== null;
    rememberConversationList('ws1', 'c1', [conversation('1001')]);
    rememberConversationList('ws1', 'c2', [conversation('2002')]);
    const ctx = { api, defaultAdminId: '991001', conversationUrl: (id: string) => `${sim.appBaseUrl}/${id}` };
    await sendReply({ draftId: `warm:${Date.now()}`, conversationId: '1001', draft: { channel: 'in_app', body: 'On it' }, note: false, seenPartId: 'source:403918002' }, ctx);
    expect(listed()).toBe(false);
    expect(rememberedConversationList('ws1', 'c2')).not.toBeNull(); // another contact's list stays
    rememberConversationList('ws1', 'c1', [conversation('1001')]);
    expect(await applyFollowUp(api, '1001', '991001', { kind: 'close' })).toEqual({ ok: true });
    expect(listed()).toBe(false);
  });

  it('a new message to the contact', async () => {
    const JANE = '6650a1b2c3d4e5f601000001';
    rememberConversationList('ws1', JANE, [conversation('1001')]);
    rememberConversationList('ws1', 'c2', [conversation('2002')]);
    const api = createIntercomClient({ token: sim.token, apiBaseUrl: sim.apiBaseUrl, timeoutMs: 1000 });
    const ctx = { api, defaultAdminId: '991001', conversationUrl: (id: string) => `${sim.appBaseUrl}/${id}`, contactUrl: (id: string) => `${sim.appBaseUrl}/u/${id}`, sleep: async () => {} };
    await sendDraft({ draftId: `warm:new:${Date.now()}`, recipient: { kind: 'contact_id', value: JANE }, draft: { channel: 'in_app', body: 'A new conversation' } }, ctx);
    expect(rememberedConversationList('ws1', JANE)).toBeNull();
    expect(rememberedConversationList('ws1', 'c2')).not.toBeNull();
  });
});
