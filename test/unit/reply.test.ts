// The reply flow against the real Intercom client and the simulator: the collision check, one reply
// per draft whatever fails in between, and the follow-up said apart from the reply.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../intercom-simulator/index.mjs';
import { sendReply, tomorrowAtNine, type ReplyContext, type ReplyRequest } from '../../utils/compose/reply';
import { replyOutbox } from '../../utils/compose/outbox';
import { codeOf } from './error-code';
import { simulatedContexts } from './flow-contexts';

const OPEN = '1001';
let sim: Simulator;
let ctx: ReplyContext;
let n = 0;

beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.reset();
  replyOutbox.forgetMirror();
  ctx = simulatedContexts(sim).reply;
});

const parts = () => sim.state.conversations.find((c) => c.id === OPEN)!.conversation_parts.conversation_parts;
const replies = () => parts().filter((p) => p.part_type === 'comment' && p.author.type === 'admin');
const seen = 'source:403918002'; // the opening message: all the panel showed of conversation 1001
const request = (extra: Partial<ReplyRequest> = {}): ReplyRequest => ({
  draftId: `reply:${++n}`,
  conversationId: OPEN,
  draft: { channel: 'in_app', body: `Reply number ${n}` },
  note: false,
  seenPartId: seen,
  ...extra,
});

describe('sendReply', () => {
  it('checks for collisions, then replies once: GET then POST, and nothing else', async () => {
    const outcome = await sendReply(request(), ctx);
    expect(outcome).toMatchObject({ status: 'sent', conversationId: OPEN, note: false, followUp: null, requests: 2 });
    expect(sim.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /conversations/1001', 'POST /conversations/1001/reply']);
    expect(replies().map((p) => p.body)).toEqual([`<p>Reply number ${n}</p>`]);
    expect(outcome.status === 'sent' && outcome.partId).toBe(replies()[0]!.id);
  });

  it('leaves a note as a note', async () => {
    await sendReply(request({ note: true }), ctx);
    expect(parts().map((p) => [p.part_type, p.author.id])).toEqual([['note', '991001']]);
  });

  it('a customer part newer than what the panel showed stops the reply and comes back; sending anyway with it seen sends one', async () => {
    sim.addCustomerPart(OPEN, '<p>Never mind, it works now</p>');
    const req = request();
    const outcome = await sendReply(req, ctx);
    expect(outcome.status).toBe('collision');
    if (outcome.status !== 'collision') return;
    expect(outcome.parts.map((p) => [p.kind, p.authorType, p.body])).toEqual([['comment', 'user', '<p>Never mind, it works now</p>']]);
    expect(replies()).toHaveLength(0);
    await sendReply({ ...req, seenPartId: outcome.latestPartId }, ctx);
    await sendReply({ ...req, seenPartId: outcome.latestPartId }, ctx); // a second click answers the first result
    expect(replies()).toHaveLength(1);
  });

  it('a teammate closing or reassigning the conversation counts as new too', async () => {
    await ctx.api.manage(OPEN, '991002', { kind: 'close' });
    const outcome = await sendReply(request(), ctx);
    expect(outcome).toMatchObject({ status: 'collision', parts: [expect.objectContaining({ kind: 'close', authorId: '991002' })] });
  });

  it('a collision check that fails sends nothing and leaves nothing behind: the retry sends, without "maybe sent"', async () => {
    sim.injectFault({ status: 503, method: 'GET', path: '/conversations/1001' });
    const req = request();
    await expect(codeOf(sendReply(req, ctx))).resolves.toBe('intercom_unavailable');
    expect(sim.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
    replyOutbox.forgetMirror(); // also as a new worker would read it
    await expect(codeOf(sendReply(req, ctx))).resolves.toBe('sent');
    expect(replies()).toHaveLength(1);
  });

  it('joins concurrent sends of one draft', async () => {
    const req = request();
    const [a, b] = await Promise.all([sendReply(req, ctx), sendReply(req, ctx)]);
    expect(a).toEqual(b);
    expect(replies()).toHaveLength(1);
  });

  it.each([
    [404, 'conversation_gone'],
    [409, 'conversation_conflict'],
    [422, 'invalid_message'],
    [401, 'token_rejected'],
    [429, 'rate_limited'],
  ])('a definite %i sends nothing, and the same draft can be sent afterwards', async (status, code) => {
    sim.injectFault({ status, method: 'POST', path: '/conversations/1001/reply' });
    const req = request();
    await expect(codeOf(sendReply(req, ctx))).resolves.toBe(code);
    expect(replies()).toHaveLength(0);
    await sendReply(req, ctx);
    expect(replies()).toHaveLength(1);
  });

  it.each([
    ['a dropped connection after Intercom stored it', { drop: 'after' as const }],
    ['a 503 after Intercom stored it', { status: 503, commit: true }],
    ['a slow answer past the timeout after Intercom stored it', { delayMs: 1500, commit: true }],
  ])('recognises %s as sent, without replying again', async (_name, fault) => {
    sim.injectFault({ method: 'POST', path: '/conversations/1001/reply', ...fault });
    const req = request();
    const outcome = await sendReply(req, ctx);
    expect(outcome).toMatchObject({ status: 'sent', partId: replies()[0]!.id });
    await sendReply(req, ctx);
    expect(replies()).toHaveLength(1);
  });

  it('says "maybe sent" when the reply may not have landed, and replies again only when the agent confirms', async () => {
    sim.injectFault({ method: 'POST', path: '/conversations/1001/reply', status: 503 });
    const req = request();
    await expect(codeOf(sendReply(req, ctx))).resolves.toBe('maybe_sent');
    await expect(codeOf(sendReply(req, ctx))).resolves.toBe('maybe_sent');
    expect(replies()).toHaveLength(0);
    await sendReply({ ...req, confirmResend: true }, ctx);
    expect(replies()).toHaveLength(1);
  });

  it.each([
    ['had reached Intercom: the retry finds it among the parts and sends nothing', true],
    ['had not reached Intercom: the retry says "maybe sent" and sends nothing', false],
  ])('a worker that stopped mid-reply, whose reply %s', async (_name, reached) => {
    const req = request();
    const body = `<p>Reply number ${n}</p>`;
    // What the stopped worker left: its outbox entry, and (maybe) the reply in Intercom.
    await replyOutbox.put({ draftId: req.draftId, state: 'sending', startedAt: Date.now(), conversationId: OPEN, adminId: '991001', note: false, body });
    if (reached) await ctx.api.reply(OPEN, { adminId: '991001', body, note: false });
    replyOutbox.forgetMirror(); // the new worker reads the outbox from storage
    sim.requests.length = 0;
    await expect(codeOf(sendReply(req, ctx))).resolves.toBe(reached ? 'sent' : 'maybe_sent');
    expect(sim.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /conversations/1001']);
    expect(replies()).toHaveLength(reached ? 1 : 0);
  });

  it('applies the follow-up after the reply, and a failed follow-up does not hide that the reply was sent', async () => {
    const closed = await sendReply(request({ followUp: { kind: 'close' } }), ctx);
    expect(closed).toMatchObject({ status: 'sent', followUp: { ok: true }, requests: 3 });
    expect(parts().map((p) => p.part_type)).toEqual(['comment', 'close']);

    sim.injectFault({ status: 403, method: 'POST', path: '/conversations/1001/parts' });
    const req = request({ followUp: { kind: 'assign_me' }, seenPartId: parts().at(-1)!.id });
    const failed = await sendReply(req, ctx);
    expect(failed).toMatchObject({ status: 'sent', followUp: { ok: false, code: 'forbidden' } });
    expect(replies()).toHaveLength(2);
  });

  it('assigns to me (the admin who replies), to a team, and snoozes', async () => {
    const seenNow = () => parts().at(-1)?.id ?? seen;
    await sendReply(request({ draft: { channel: 'in_app', body: 'a', fromAdminId: '991002' }, followUp: { kind: 'assign_me' } }), ctx);
    expect(sim.state.conversations.find((c) => c.id === OPEN)!.admin_assignee_id).toBe(991002);
    await sendReply(request({ seenPartId: seenNow(), followUp: { kind: 'assign_team', teamId: '814002' } }), ctx);
    const until = Math.floor(Date.now() / 1000) + 86_400;
    await sendReply(request({ seenPartId: seenNow(), followUp: { kind: 'snooze', until } }), ctx);
    expect(sim.state.conversations.find((c) => c.id === OPEN)).toMatchObject({ team_assignee_id: 814002, state: 'snoozed', snoozed_until: until });
    await sendReply(request({ seenPartId: seenNow(), followUp: { kind: 'snooze' } }), ctx);
    expect(sim.state.conversations.find((c) => c.id === OPEN)!.snoozed_until).toBe(tomorrowAtNine(new Date()));
  });

  it('refuses an empty reply before any request', async () => {
    await expect(codeOf(sendReply(request({ draft: { channel: 'in_app', body: '   ' } }), ctx))).resolves.toBe('invalid_message');
    expect(sim.requests).toHaveLength(0);
  });
});

describe('a reply the browser resent', () => {
  it('is reported with the number of copies the conversation holds', async () => {
    const req = request();
    const body = `<p>Reply number ${n}</p>`;
    // As if Chromium had resent the POST: Intercom got the same reply twice.
    await ctx.api.reply(OPEN, { adminId: '991001', body, note: false });
    const outcome = await sendReply({ ...req, seenPartId: parts().at(-1)!.id }, ctx);
    expect(outcome).toMatchObject({ status: 'sent', copies: 2 });
  });
});
