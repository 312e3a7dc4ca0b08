// The protocol calls for continuing a conversation, through the router: shapes checked before any
// handler runs, other extensions refused, and the new error codes in the agent's words.
import { describe, expect, it, vi } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import { createRouter, toWireError, type Handlers } from '../../utils/router';
import { HailerError } from '../../utils/errors';

const self = { id: 'hailer-id', origin: 'chrome-extension://hailer-id/' };
const contentScript: Runtime.MessageSender = { id: 'hailer-id', url: 'https://console.acme.test/customers/1', tab: { id: 3 } as never };
const otherExtension: Runtime.MessageSender = { id: 'evil-id', url: 'chrome-extension://evil-id/page.html' };
const msg = (call: string, payload: unknown) => ({ hailer: 1, call, payload });

const reply = {
  draftId: 'draft:v1:acme42:contact_id:abc:conversation:1001:n1',
  conversationId: '1001',
  recipient: { kind: 'contact_id', value: '6650a1b2c3d4e5f601000001' },
  draft: { channel: 'in_app', body: 'Hello' },
  note: false,
  seenPartId: 'source:403918002',
};

function setup() {
  const handlers = {
    'conversation.reply': vi.fn(async () => ({ status: 'collision', parts: [], latestPartId: null })),
    'conversation.followUp': vi.fn(async () => ({ ok: true })),
  } as unknown as Handlers;
  return { handlers, route: createRouter(handlers, self) };
}

describe('conversation calls', () => {
  it('a content script may reply and apply a follow-up', async () => {
    const { route } = setup();
    await expect(route(msg('conversation.reply', { ...reply, followUp: { kind: 'snooze' } }), contentScript)).resolves.toMatchObject({ ok: true, data: { status: 'collision' } });
    await expect(route(msg('conversation.followUp', { conversationId: '1001', followUp: { kind: 'assign_team', teamId: '814001' } }), contentScript)).resolves.toEqual({ ok: true, data: { ok: true } });
  });

  it.each([
    ['a conversation id that is not Intercom’s', { ...reply, conversationId: '../admins' }],
    ['a draft id with other characters', { ...reply, draftId: 'a b' }],
    ['an unknown follow-up', { ...reply, followUp: { kind: 'delete' } }],
    ['a team id that is not a number', { ...reply, followUp: { kind: 'assign_team', teamId: 'x' } }],
    ['a snooze time that is not a time', { ...reply, followUp: { kind: 'snooze', until: -5 } }],
    ['a missing "seen" part', (({ seenPartId, ...rest }) => rest)(reply)],
    ['an extra field', { ...reply, force: true }],
  ])('refuses %s before any handler runs', async (_name, payload) => {
    const { route, handlers } = setup();
    await expect(route(msg('conversation.reply', payload), contentScript)).resolves.toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(handlers['conversation.reply']).not.toHaveBeenCalled();
  });

  it('refuses another extension', async () => {
    const { route } = setup();
    await expect(route(msg('conversation.reply', reply), otherExtension)).resolves.toMatchObject({ ok: false, error: { code: 'not_allowed' } });
  });

  it('words the new errors: what happened, what to do', () => {
    expect(toWireError(new HailerError('conversation_gone'))).toMatchObject({
      message: 'This conversation no longer exists in Intercom.',
      action: expect.stringContaining('Nothing was sent and your text is kept.'),
    });
    expect(toWireError(new HailerError('conversation_conflict'))).toMatchObject({
      message: 'Intercom refused the reply because the conversation changed.',
      action: expect.stringContaining('Nothing was sent'),
    });
  });
});
