// The in-app message type fallback (utils/intercom/message-type.ts) with the real client against the
// simulator: once per workspace when Intercom refuses the type, never for any other refusal.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../intercom-simulator/index.mjs';
import { createIntercomClient, type CreateMessageRequest } from '../../utils/intercom';
import { refusesMessageType, withInAppNameFallback, type InAppName } from '../../utils/intercom/message-type';
import { HailerError } from '../../utils/errors';

const JANE = '6650a1b2c3d4e5f601000001';
let sim: Simulator;
let remembered: Record<string, InAppName>;
const names = { get: async () => remembered, set: async (value: Record<string, InAppName>) => void (remembered = value) };

beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.reset();
  remembered = {};
});

const posted = () => sim.requests.filter((r) => r.method === 'POST' && r.path === '/messages');
const typeOf = (r: { body: unknown }) => (r.body as { message_type?: string }).message_type;
const message = (over: Partial<CreateMessageRequest> = {}): CreateMessageRequest => ({
  message_type: 'in_app',
  body: '<p>Hello</p>',
  from: { type: 'admin', id: 991001 },
  to: { type: 'user', id: JANE },
  create_conversation_without_contact_reply: true,
  ...over,
});
const send = (workspace = 'acme42') => {
  const api = createIntercomClient({ token: sim.token, apiBaseUrl: sim.apiBaseUrl, timeoutMs: 1000 });
  return withInAppNameFallback(api.createMessage, workspace, names);
};

describe('in-app message type fallback', () => {
  it('sends what the pinned schema says, once, where Intercom takes it', async () => {
    await send()(message());
    expect(posted().map((r) => [typeOf(r), r.status, r.valid])).toEqual([['in_app', 200, true]]);
    expect(remembered).toEqual({});
  });

  it('retries once with "inapp" where "in_app" is refused, and remembers it for that workspace only', async () => {
    sim.setOptions({ inAppOnlyAsInapp: true });
    const sent = await send()(message());
    expect(sent.conversationId).toBeTruthy();
    expect(posted().map((r) => [typeOf(r), r.status])).toEqual([
      ['in_app', 400],
      ['inapp', 200],
    ]);
    expect(remembered).toEqual({ acme42: 'inapp' });
    await send()(message());
    expect(posted().slice(2).map((r) => typeOf(r))).toEqual(['inapp']);
    await send('other1')(message()).catch(() => {});
    expect(posted().slice(3).map((r) => typeOf(r))).toEqual(['in_app', 'inapp']);
    expect(sim.state.messages).toHaveLength(3);
  });

  it('goes back to "in_app" when a workspace that took "inapp" starts refusing it', async () => {
    remembered = { acme42: 'inapp' };
    sim.setOptions({ inAppOnlyAsInapp: false });
    await send()(message());
    expect(posted().map((r) => [typeOf(r), r.status])).toEqual([
      ['inapp', 400],
      ['in_app', 200],
    ]);
    expect(remembered).toEqual({ acme42: 'in_app' });
  });

  it('never touches emails', async () => {
    sim.setOptions({ inAppOnlyAsInapp: true });
    await send()(message({ message_type: 'email', subject: 'Invoice', template: 'plain' }));
    expect(posted().map((r) => [typeOf(r), r.status])).toEqual([['email', 200]]);
  });

  it.each([400, 401, 403, 404, 409, 413, 422, 429])('does not retry a %i that is not about the message type', async (status) => {
    sim.setOptions({ inAppOnlyAsInapp: true });
    sim.injectFault({ method: 'POST', path: '/messages', status });
    await expect(send()(message())).rejects.toBeInstanceOf(HailerError);
    expect(posted()).toHaveLength(1);
    expect(sim.state.messages).toHaveLength(0);
    expect(remembered).toEqual({});
  });

  it('does not retry a refusal naming another field', async () => {
    await expect(send()(message({ to: { type: 'lead', id: JANE } }))).rejects.toMatchObject({ code: 'invalid_message' });
    expect(posted()).toHaveLength(1);
  });
});

describe('refusesMessageType', () => {
  const error = (status: number, detail?: string) => new HailerError('invalid_message', { status, detail });
  it.each([
    [error(400, 'Invalid message_type: in_app'), true],
    [error(422, 'The message type is not supported'), true],
    [error(400, 'message-type must be one of inapp, email'), true],
    [error(400, 'parameter_invalid'), true],
    [error(400, 'No subject supplied for email message'), false],
    [error(422, 'Contact 1 is a user, not a lead'), false],
    [error(400), false],
    [error(413, 'message_type'), false],
    [new HailerError('forbidden', { status: 403, detail: 'message_type' }), false],
    [new Error('message_type'), false],
  ])('%s → %s', (e, expected) => {
    expect(refusesMessageType(e)).toBe(expected);
  });
});
