// The remembered thread (utils/compose/thread-memory.ts): conversation.get remembers what it read, a
// warm side panel open gets it from memory only (utils/compose/recipient-calls.ts warmStart), no
// older than the live thread's longest backoff; a reply, a note, a follow-up or a new message to the
// contact drops it; and the reply's collision check compares with what the panel showed last, the
// remembered thread or the read that replaced it. Against the simulator.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startSimulator, type Simulator } from '../intercom-simulator/index.mjs';
import { conversationsApi, createIntercomClient, type ConversationDetail, type IntercomConversation } from '../../utils/intercom';
import { conversationCalls } from '../../utils/compose/conversation-calls';
import { applyFollowUp, sendReply } from '../../utils/compose/reply';
import { sendDraft } from '../../utils/compose/send';
import { recipientCalls, warmStart } from '../../utils/compose/recipient-calls';
import { forgetConversationLists } from '../../utils/compose/conversation-list-cache';
import { forgetThreads, rememberedThread, rememberThread, THREAD_MEMORY_TTL_MS } from '../../utils/compose/thread-memory';
import { MAX_DELAY_MS } from '../../utils/compose/thread-refresh';
import { newWorkspace } from '../../utils/storage/workspaces';
import type { Session } from '../../utils/intercom/workspace-session';

const JANE = '6650a1b2c3d4e5f601000001';
const OPEN = '1001';
const detail = (id: string, contactIds = ['c1']): ConversationDetail => ({ id, title: null, state: 'open', updatedAt: 1, adminAssigneeId: null, teamAssigneeId: null, contactIds, parts: [] });

describe('the remembered thread', () => {
  beforeEach(() => forgetThreads({ contactId: 'c1' }));

  it('lasts no longer than the live thread’s longest wait between reads', () => {
    expect(THREAD_MEMORY_TTL_MS).toBeLessThanOrEqual(MAX_DELAY_MS);
    rememberThread('abc', detail('1'), 1_000);
    expect(rememberedThread('abc', '1', 1_000 + THREAD_MEMORY_TTL_MS - 1)?.detail.id).toBe('1');
    expect(rememberedThread('abc', '1', 1_000 + THREAD_MEMORY_TTL_MS)).toBeNull();
    expect(rememberedThread('other', '1', 1_000)).toBeNull(); // another Intercom workspace's conversation 1
  });

  it('is dropped for the conversation changed, or for every conversation of the contact written to', () => {
    rememberThread('abc', detail('1'));
    rememberThread('abc', detail('2'));
    rememberThread('abc', detail('3', ['c2']));
    forgetThreads({ conversationId: '1' });
    expect(rememberedThread('abc', '1')).toBeNull();
    expect(rememberedThread('abc', '2')).not.toBeNull();
    forgetThreads({ contactId: 'c1' });
    expect(rememberedThread('abc', '2')).toBeNull();
    expect(rememberedThread('abc', '3')).not.toBeNull(); // another contact's
  });
});

describe('against the simulator', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
  });
  afterAll(() => sim.close());

  const setUp = () => {
    const client = createIntercomClient({ token: sim.token, apiBaseUrl: sim.apiBaseUrl, timeoutMs: 2000 });
    const calls = conversationCalls({
      intercom: async () => ({ api: client, appBaseUrl: sim.appBaseUrl }),
      workspaceId: async () => 'abc',
      defaultAdminId: async () => '991001',
      admins: async () => [],
      recipientLabel: (ref) => ref.value,
    });
    const replyCtx = { api: conversationsApi(client), defaultAdminId: '991001', conversationUrl: (id: string) => `${sim.appBaseUrl}/${id}` };
    return { client, calls, replyCtx };
  };
  const read = (calls: ReturnType<typeof setUp>['calls']) => calls['conversation.get']({ conversationId: OPEN, lastParts: 50 }, {} as never);

  it('conversation.get remembers what it read; a reply and a note drop it', async () => {
    const { calls, replyCtx } = setUp();
    const shown = await read(calls);
    expect(rememberedThread('abc', OPEN)?.detail.parts.at(-1)?.id).toBe(shown.latestPartId);
    await sendReply({ draftId: `memory:reply:${Date.now()}`, conversationId: OPEN, draft: { channel: 'in_app', body: 'On it' }, note: false, seenPartId: shown.latestPartId }, replyCtx);
    expect(rememberedThread('abc', OPEN)).toBeNull();
    const again = await read(calls);
    expect(rememberedThread('abc', OPEN)).not.toBeNull();
    await sendReply({ draftId: `memory:note:${Date.now()}`, conversationId: OPEN, draft: { channel: 'in_app', body: 'A note' }, note: true, seenPartId: again.latestPartId }, replyCtx);
    expect(rememberedThread('abc', OPEN)).toBeNull();
  });

  it('a follow-up drops it, and a new message to the contact drops the contact’s threads', async () => {
    const { client, calls, replyCtx } = setUp();
    await read(calls);
    expect(await applyFollowUp(replyCtx.api, OPEN, '991001', { kind: 'assign_me' })).toEqual({ ok: true });
    expect(rememberedThread('abc', OPEN)).toBeNull();
    await read(calls);
    expect(rememberedThread('abc', OPEN)!.detail.contactIds).toContain(JANE);
    await sendDraft(
      { draftId: `memory:new:${Date.now()}`, recipient: { kind: 'contact_id', value: JANE }, draft: { channel: 'in_app', body: 'A new conversation' } },
      { api: client, defaultAdminId: '991001', conversationUrl: (id) => `${sim.appBaseUrl}/${id}`, contactUrl: (id) => `${sim.appBaseUrl}/u/${id}`, sleep: async () => {} },
    );
    expect(rememberedThread('abc', OPEN)).toBeNull();
  });

  it('the collision check compares with what was shown: the remembered thread until the re-read replaced it, then the re-read', async () => {
    const { calls, replyCtx } = setUp();
    const remembered = await read(calls); // what a warm open shows at once
    sim.addCustomerPart(OPEN, '<p>Are you there?</p>'); // the customer wrote after that read
    const refreshed = await read(calls); // the live loop's read at once, which replaces it on screen
    expect(refreshed.latestPartId).not.toBe(remembered.latestPartId);
    expect(refreshed.parts.at(-1)?.text).toBe('Are you there?');
    const reply = (seenPartId: string | null) =>
      sendReply({ draftId: `memory:collision:${seenPartId}:${Date.now()}`, conversationId: OPEN, draft: { channel: 'in_app', body: 'Yes, here' }, note: false, seenPartId }, replyCtx);
    // Sent while the remembered thread was still on screen: the customer's new part is a collision.
    const early = await reply(remembered.latestPartId);
    expect(early.status).toBe('collision');
    expect(early.status === 'collision' && early.parts.map((p) => p.id)).toEqual([refreshed.latestPartId]);
    // Sent once the re-read was shown: the agent saw it, the reply goes out.
    expect((await reply(refreshed.latestPartId)).status).toBe('sent');
  });
});

describe('a warm side panel open (warmStart)', () => {
  const conversation = (id: string, state = 'open'): IntercomConversation => ({ id, title: null, state, createdAt: 1, updatedAt: 2, sourceId: null, sourceSubject: null, sourceBody: '<p>Hello</p>', sourceAuthorId: null, contactIds: ['c1'], customerWroteAt: null, waitingSince: null });
  const contact = { id: 'c1', role: 'user' as const, name: 'Jane Cooper', email: 'jane@acme.test', externalId: null };
  const ref = { kind: 'email' as const, value: 'jane@acme.test' };

  it('answers the contact, the list and the picked conversation’s thread from memory only, and nothing it has not got', async () => {
    forgetConversationLists({ contactId: 'c1' });
    forgetThreads({ conversationId: '1001' }); // the simulator's 1001, read above in the same workspace code
    const api = { findContacts: vi.fn(async () => [contact]), findRecentConversations: vi.fn(async () => [conversation('1001'), conversation('1002', 'closed')]), me: vi.fn() };
    const ws = newWorkspace(`ws-${Math.random()}`, 'Acme', 0, { idCode: 'abc', admin: { id: '7', name: 'Ann', email: 'ann@acme.test' }, learntFrom: 'https://api.test' });
    const session = { ws, api, apiBaseUrl: 'https://api.test', appBaseUrl: 'https://app.test' } as unknown as Session;
    const deps = { intercom: async () => session, admins: async () => [] };
    const latestOpen = (list: { id: string; state: string }[]) => list.find((c) => c.state === 'open')?.id;
    expect(await warmStart(deps, undefined, ref, latestOpen, 50)).toEqual({ contact: null, conversations: null, thread: null });

    const calls = recipientCalls(deps);
    await calls['recipient.find']({ ref }, {} as never);
    await calls['recipient.conversations']({ contactId: 'c1' }, {} as never);
    const noThread = await warmStart(deps, undefined, ref, latestOpen, 50);
    expect(noThread.contact?.id).toBe('c1');
    expect(noThread.conversations?.map((c) => c.id)).toEqual(['1001', '1002']);
    expect(noThread.thread).toBeNull(); // 1001 was never read

    const parts = [{ id: 'p1', kind: 'comment', authorType: 'user', authorId: null, authorName: 'Jane Cooper', body: '<p>Hi</p>', createdAt: 5 }, { id: 'p2', kind: 'comment', authorType: 'admin', authorId: '7', authorName: 'Ann', body: '<p>Hello Jane</p>', createdAt: 6 }];
    rememberThread('abc', { ...detail('1001'), parts } as ConversationDetail, Date.now() - 1_000);
    const warm = await warmStart(deps, undefined, ref, latestOpen, 1);
    expect(warm.thread?.answer).toMatchObject({ totalParts: 2, latestPartId: 'p2', parts: [{ id: 'p2', text: 'Hello Jane' }] });
    expect(Date.now() - warm.thread!.at).toBeGreaterThanOrEqual(1_000);
    expect(api.findContacts).toHaveBeenCalledTimes(1);
    expect(api.findRecentConversations).toHaveBeenCalledTimes(1);
    expect(api.me).not.toHaveBeenCalled(); // nothing asked of Intercom for the warm answer
  });
});
