import { describe, expect, it, vi } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import { createRouter, type Handlers } from '../../utils/router';
import { HailerError } from '../../utils/errors';

const self = { id: 'hailer-id', origin: 'chrome-extension://hailer-id/' };
const contentScript: Runtime.MessageSender = { id: 'hailer-id', url: 'https://console.acme.test/customers/1', tab: { id: 3 } as never };
const optionsPage: Runtime.MessageSender = { id: 'hailer-id', url: 'chrome-extension://hailer-id/options.html' };
const otherExtension: Runtime.MessageSender = { id: 'evil-id', url: 'chrome-extension://evil-id/page.html' };

function setup() {
  const handlers = {
    'token.status': vi.fn(async () => ({ set: true, last4: 'abcd' })),
    'token.set': vi.fn(async () => ({})),
    'recipient.find': vi.fn(async () => ({ contacts: [] })),
    'message.send': vi.fn(async () => {
      throw new HailerError('rate_limited', { retryAt: Date.UTC(2026, 0, 1, 10, 42), requestId: 'req-1' });
    }),
  } as unknown as Handlers;
  return { handlers, route: createRouter(handlers, self) };
}
const msg = (call: string, payload: unknown) => ({ hailer: 1, call, payload });

describe('router', () => {
  it('answers a page call from a content script', async () => {
    const { route, handlers } = setup();
    const reply = await route(msg('recipient.find', { ref: { kind: 'email', value: 'jane@acme.test' } }), contentScript);
    expect(reply).toEqual({ ok: true, data: { contacts: [] } });
    // No workspace named: the handler gets an empty context and uses the default workspace.
    expect(handlers['recipient.find']).toHaveBeenCalledWith({ ref: { kind: 'email', value: 'jane@acme.test' } }, contentScript, {});
  });

  it('passes the workspace a call names to its handler, and refuses a malformed one', async () => {
    const { route, handlers } = setup();
    const payload = { ref: { kind: 'email', value: 'jane@acme.test' } };
    await route({ ...msg('recipient.find', payload), workspaceId: 'ws-b' }, contentScript);
    expect(handlers['recipient.find']).toHaveBeenCalledWith(payload, contentScript, { workspaceId: 'ws-b' });
    const reply = await route({ ...msg('recipient.find', payload), workspaceId: '../ws b' }, contentScript);
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(handlers['recipient.find']).toHaveBeenCalledTimes(1);
  });

  it("gives a page's calls that name no workspace the one its URL maps to; extension pages get the default", async () => {
    const handlers = { 'recipient.find': vi.fn(async () => ({ contacts: [] })), 'token.status': vi.fn(async () => ({ set: false, last4: null })) } as unknown as Handlers;
    const pageWorkspace = vi.fn(async ({ url }: { url?: string }) => (url?.startsWith('https://console.acme.test/') ? 'ws-acme' : undefined));
    const route = createRouter(handlers, { ...self, pageWorkspace });
    const payload = { ref: { kind: 'email', value: 'jane@acme.test' } };
    await route(msg('recipient.find', payload), contentScript);
    expect(handlers['recipient.find']).toHaveBeenLastCalledWith(payload, contentScript, { workspaceId: 'ws-acme' });
    await route({ ...msg('recipient.find', payload), workspaceId: 'ws-b' }, contentScript);
    expect(handlers['recipient.find']).toHaveBeenLastCalledWith(payload, contentScript, { workspaceId: 'ws-b' });
    await route(msg('token.status', {}), optionsPage);
    expect(handlers['token.status']).toHaveBeenLastCalledWith({}, optionsPage, {});
    expect(pageWorkspace).toHaveBeenCalledTimes(1);
  });

  it('refuses token and settings calls from a content script', async () => {
    const { route, handlers } = setup();
    for (const call of ['token.status', 'token.set']) {
      const reply = await route(msg(call, call === 'token.set' ? { token: 'x'.repeat(20) } : {}), contentScript);
      expect(reply).toMatchObject({ ok: false, error: { code: 'not_allowed' } });
    }
    expect(handlers['token.status']).not.toHaveBeenCalled();
    expect(handlers['token.set']).not.toHaveBeenCalled();
  });

  it('allows token status from an extension page', async () => {
    const { route } = setup();
    await expect(route(msg('token.status', {}), optionsPage)).resolves.toEqual({ ok: true, data: { set: true, last4: 'abcd' } });
  });

  it('refuses every call from another extension', async () => {
    const { route } = setup();
    const reply = await route(msg('recipient.find', { ref: { kind: 'email', value: 'jane@acme.test' } }), otherExtension);
    expect(reply).toMatchObject({ ok: false, error: { code: 'not_allowed' } });
  });

  it.each([
    ['not an object', 'hello'],
    ['no envelope', { call: 'token.status', payload: {} }],
    ['unknown call', msg('token.read', {})],
    ['inherited property as call', msg('toString', {})],
    ['wrong payload shape', msg('recipient.find', { ref: { kind: 'phone', value: '123' } })],
    ['extra payload field', msg('recipient.find', { ref: { kind: 'email', value: 'a@b.co' }, token: 'x' })],
  ])('answers %s with a typed bad_request', async (_name, message) => {
    const { route } = setup();
    const reply = await route(message, contentScript);
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.any(String), action: expect.any(String) } });
  });

  it('never echoes payload values in errors', async () => {
    const { route } = setup();
    const secret = 'sk_live_secret_value_123';
    const reply = await route(msg('token.set', { token: secret, extra: secret }), optionsPage);
    expect(JSON.stringify(reply)).not.toContain(secret);
  });

  it('turns a handler error into plain words with what to do', async () => {
    const { route } = setup();
    const reply = await route(
      msg('message.send', {
        draftId: 'ws:email:jane@acme.test:n1',
        recipient: { kind: 'email', value: 'jane@acme.test' },
        draft: { channel: 'in_app', body: 'Hi' },
      }),
      contentScript,
    );
    expect(reply).toMatchObject({
      ok: false,
      error: {
        code: 'rate_limited',
        message: 'Intercom is limiting how fast messages can be sent.',
        action: expect.stringMatching(/^Wait until .+ and send again\. Nothing was sent\.$/),
        retryAt: Date.UTC(2026, 0, 1, 10, 42),
        requestId: 'req-1',
      },
    });
  });
});
