// The queue's protocol calls: a page (content script) may schedule its own draft, as it may send
// it, but only Hailer's own pages (the popup) may send now, cancel or edit what is waiting.
import { describe, expect, it, vi } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import { createRouter, type Handlers } from '../../utils/router';

const self = { id: 'hailer-id', origin: 'chrome-extension://hailer-id/' };
const contentScript: Runtime.MessageSender = { id: 'hailer-id', url: 'https://console.acme.test/customers/1', tab: { id: 3 } as never };
const popup: Runtime.MessageSender = { id: 'hailer-id', url: 'chrome-extension://hailer-id/popup.html' };
const msg = (call: string, payload: unknown) => ({ hailer: 1, call, payload });

function setup() {
  const handlers = {
    'message.schedule': vi.fn(async () => ({ sendAt: 1 })),
    'queue.sendNow': vi.fn(async () => ({ done: true })),
    'queue.cancel': vi.fn(async () => ({ cancelled: true })),
    'queue.edit': vi.fn(async () => ({ edited: true })),
  } as unknown as Handlers;
  return { handlers, route: createRouter(handlers, self) };
}
const schedule = { draftId: 'draft:v1:ws:contact_id:c1:n1', recipient: { kind: 'contact_id', value: 'c1' }, draft: { channel: 'in_app', body: 'Hi' }, sendAt: 1_900_000_000_000 };

describe('queue calls', () => {
  it('a content script may schedule its draft, with a whole-millisecond time', async () => {
    const { route, handlers } = setup();
    await expect(route(msg('message.schedule', schedule), contentScript)).resolves.toEqual({ ok: true, data: { sendAt: 1 } });
    await expect(route(msg('message.schedule', { ...schedule, sendAt: 1.5 }), contentScript)).resolves.toMatchObject({ ok: false, error: { code: 'bad_request' } });
    await expect(route(msg('message.schedule', { ...schedule, sendAt: 'tomorrow' }), contentScript)).resolves.toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(handlers['message.schedule']).toHaveBeenCalledTimes(1);
  });

  it('only the popup (an extension page) may send now, cancel or edit a waiting send', async () => {
    const { route, handlers } = setup();
    const id = schedule.draftId;
    for (const [call, payload] of [['queue.sendNow', { id }], ['queue.cancel', { id }], ['queue.edit', { id, sendAt: 1_900_000_000_000, body: 'New' }]] as const) {
      await expect(route(msg(call, payload), contentScript)).resolves.toMatchObject({ ok: false, error: { code: 'not_allowed' } });
      await expect(route(msg(call, payload), popup)).resolves.toMatchObject({ ok: true });
      expect(handlers[call]).toHaveBeenCalledTimes(1);
    }
  });
});
