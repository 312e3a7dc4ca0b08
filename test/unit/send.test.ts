// The send flow against the real Intercom client and the simulator: one message per draft, whatever
// the failures in between.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../intercom-simulator/index.mjs';
import { recentlyConfirmed, rememberContacts, rememberedContact, sendDraft, type SendContext } from '../../utils/compose/send';
import { codeOf } from './error-code';
import { simulatedContexts } from './flow-contexts';

const JANE = '6650a1b2c3d4e5f601000001';
let sim: Simulator;
let ctx: SendContext;
let n = 0;

beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.reset();
  ctx = simulatedContexts(sim).send;
});

const posted = () => sim.requests.filter((r) => r.method === 'POST' && r.path === '/messages');
const request = (body = 'Hello from the send flow', extra: object = {}) => ({
  draftId: `unit:${++n}`,
  recipient: { kind: 'email' as const, value: 'jane@acme.test' },
  draft: { channel: 'in_app', body },
  ...extra,
});

describe('sendDraft', () => {
  it('sends once and links the conversation from the answer', async () => {
    const result = await sendDraft(request(), ctx);
    expect(posted()).toHaveLength(1);
    expect(result.conversationFrom).toBe('response');
    expect(result.conversationUrl).toBe(ctx.conversationUrl(result.conversationId!));
    expect(result.requests).toBe(2); // contact lookup + POST /messages
  });

  it('finds the conversation by search when the answer lacks it and indexing lags', async () => {
    sim.setOptions({ includeConversationId: false, conversationIndexDelayMs: 200 });
    const result = await sendDraft(request(), { ...ctx, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) });
    expect(result.conversationFrom).toBe('search');
    expect(sim.state.conversations.find((c: { id: string }) => c.id === result.conversationId)?.source.id).toBe(result.messageId);
  });

  it('links the contact when the conversation never shows up, and still sends only once', async () => {
    sim.setOptions({ includeConversationId: false, conversationIndexDelayMs: 60_000 });
    const req = request();
    const result = await sendDraft(req, ctx);
    expect(result.conversationId).toBeNull();
    expect(result.conversationUrl).toBe(ctx.contactUrl(JANE));
    await sendDraft(req, ctx);
    expect(posted()).toHaveLength(1);
  });

  it('joins concurrent sends of one draft and answers a later retry with the first result', async () => {
    const req = request();
    const [a, b] = await Promise.all([sendDraft(req, ctx), sendDraft(req, ctx)]);
    const c = await sendDraft(req, ctx);
    expect(a).toEqual(b);
    expect(c.conversationId).toBe(a.conversationId);
    expect(posted()).toHaveLength(1);
  });

  it.each([
    [422, 'invalid_message'],
    [401, 'token_rejected'],
    [403, 'forbidden'],
    [429, 'rate_limited'],
  ])('a definite %i sends nothing, and the same draft can be sent afterwards', async (status, code) => {
    sim.injectFault({ status, method: 'POST', path: '/messages' });
    const req = request();
    await expect(codeOf(sendDraft(req, ctx))).resolves.toBe(code);
    await sendDraft(req, ctx);
    expect(posted().filter((r) => r.status === 200)).toHaveLength(1);
    expect(sim.state.messages).toHaveLength(1);
  });

  it.each([
    ['a dropped connection after Intercom created it', { drop: 'after' as const }],
    ['a 502 after Intercom created it', { status: 502, commit: true }],
    ['a slow answer past the timeout after Intercom created it', { delayMs: 1500, commit: true }],
  ])('recognises %s as sent, without sending again', async (_name, fault) => {
    sim.injectFault({ method: 'POST', path: '/messages', ...fault });
    const req = request(`Reconcile me ${n}`);
    const result = await sendDraft(req, ctx);
    expect(result.conversationId).toBeTruthy();
    await sendDraft(req, ctx);
    expect(sim.state.messages).toHaveLength(1);
  });

  it('says "maybe sent" when Intercom may not have it, and sends again only when the agent confirms', async () => {
    sim.injectFault({ method: 'POST', path: '/messages', status: 503 });
    const req = request('Did this arrive?');
    await expect(codeOf(sendDraft(req, ctx))).resolves.toBe('maybe_sent');
    await expect(codeOf(sendDraft(req, ctx))).resolves.toBe('maybe_sent'); // a plain retry does not resend
    expect(sim.state.messages).toHaveLength(0);
    await sendDraft({ ...req, confirmResend: true }, ctx);
    expect(sim.state.messages).toHaveLength(1);
  });

  it('refuses an ambiguous or unknown recipient before sending anything', async () => {
    await expect(codeOf(sendDraft({ ...request(), recipient: { kind: 'email', value: 'shared@acme.test' } }, ctx))).resolves.toBe('recipient_ambiguous');
    await expect(codeOf(sendDraft({ ...request(), recipient: { kind: 'email', value: 'nobody@acme.test' } }, ctx))).resolves.toBe('recipient_not_found');
    expect(posted()).toHaveLength(0);
  });

  it("sends to a contact the caller confirmed without a lookup, and does not remember it for others", async () => {
    const jane = { id: JANE, role: 'user' as const, name: 'Jane Doe', email: 'jane@acme.test', externalId: null };
    const only = { ...ctx, workspaceId: 'confirmed-only' }; // a workspace no other test sent through
    const result = await sendDraft({ ...request(), recipient: { kind: 'contact_id', value: JANE }, confirmed: jane }, only);
    expect(result.requests).toBe(1); // POST /messages only
    expect(sim.requests.filter((r) => r.path === '/contacts/search')).toHaveLength(0);
    expect(posted()[0]?.body).toMatchObject({ to: { type: 'user', id: JANE } });
    expect(recentlyConfirmed({ kind: 'contact_id', value: JANE }, only.workspaceId)).toBeNull();
  });
});

describe('the memory of confirmed contacts', () => {
  const contact = (i: number) => ({ id: `c${i}`, role: 'user' as const, name: null, email: `p${i}@many.test`, externalId: null });

  it('keeps the newest few thousand keys: the oldest go, a refreshed one stays', () => {
    rememberContacts({ kind: 'email', value: 'p0@many.test' }, [contact(0)], 'bound');
    for (let i = 1; i <= 3000; i++) {
      rememberContacts({ kind: 'email', value: `p${i}@many.test` }, [contact(i)], 'bound');
      if (i === 2000) rememberContacts({ kind: 'email', value: 'p0@many.test' }, [contact(0)], 'bound');
    }
    expect(rememberedContact({ kind: 'email', value: 'p1@many.test' }, 'bound')).toBeUndefined();
    expect(rememberedContact({ kind: 'email', value: 'p0@many.test' }, 'bound')?.id).toBe('c0');
    expect(recentlyConfirmed({ kind: 'contact_id', value: 'c3000' }, 'bound')?.email).toBe('p3000@many.test');
    rememberContacts({ kind: 'email', value: 'p3000@many.test' }, [contact(3000), contact(3001)], 'bound'); // now two contacts
    expect(rememberedContact({ kind: 'email', value: 'p3000@many.test' }, 'bound')).toBeUndefined();
  });
});
