// The reply watch (utils/compose/reply-watch.ts): which conversations it looks at (sent or duplicated
// in the last 24 hours with a known conversation, grouped by workspace, the newest send of each), and,
// against the simulator, one request a minute: a search, then the read of what it found in the next.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startSimulator, type Simulator } from '../intercom-simulator/index.mjs';
import { conversationsApi, createIntercomClient } from '../../utils/intercom';
import { historyItem } from '../../utils/compose/history';
import { checkReplies, watched } from '../../utils/compose/reply-watch';
import type { HistoryEntry } from '../../utils/compose/history';

const now = 1_800_000_000;
const entry = (patch: Partial<HistoryEntry>): HistoryEntry => ({ at: now - 60, to: 'Jane Cooper', ref: { kind: 'contact_id', value: 'c1' }, channel: 'in_app', status: 'sent', conversationId: '1001', workspaceId: 'ws1', ...patch });

describe('reply watch: what is watched', () => {
  it('takes sends of the last 24 hours with a conversation, per workspace, the newest send of each conversation', () => {
    const history = [
      entry({ at: now - 10, kind: 'reply' }),
      entry({ at: now - 500 }), // an older send to the same conversation
      entry({ conversationId: '1002', status: 'duplicate' }),
      entry({ conversationId: '2001', workspaceId: 'ws2' }),
      entry({ conversationId: '1003', at: now - 24 * 3600 - 1 }), // too old
      entry({ conversationId: '1004', status: 'failed' }),
      entry({ conversationId: '1005', status: 'maybe_sent' }),
      entry({ conversationId: undefined }), // a new message whose conversation was not found in time
    ];
    const byWorkspace = watched(history, now);
    expect([...byWorkspace.keys()]).toEqual(['ws1', 'ws2']);
    expect([...byWorkspace.get('ws1')!.keys()]).toEqual(['1001', '1002']);
    expect(byWorkspace.get('ws1')!.get('1001')!.at).toBe(now - 10);
    expect([...byWorkspace.get('ws2')!.keys()]).toEqual(['2001']);
  });

  it('watches nothing when nothing was sent', () => {
    expect(watched([], now).size).toBe(0);
    expect(watched([entry({ status: 'failed' })], now).size).toBe(0);
  });
});

describe('reply watch: one request a minute', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
  });
  afterAll(() => sim.close());

  it('searches in one minute, reads what it found in the next, notifies after the read, and reads a conversation once per change', async () => {
    const shown: string[] = [];
    fakeBrowser.notifications.create = vi.fn(async (_id: string, options: { message: string }) => (shown.push(options.message), _id)) as never;
    const api = createIntercomClient({ token: sim.token, apiBaseUrl: sim.apiBaseUrl, timeoutMs: 1000 });
    const deps = { enabled: async () => true, intercom: async () => ({ api }) };
    let clock = Date.now();
    const minute = async () => {
      sim.requests.length = 0;
      const outcome = await checkReplies(deps, (clock += 60_000));
      return { ...outcome, asked: sim.requests.map((r) => `${r.method} ${r.path}`) };
    };
    const sentAt = Math.floor(Date.now() / 1000) - 5;
    await historyItem.setValue([{ at: sentAt, to: 'Jane Cooper', ref: { kind: 'contact_id', value: '6650a1b2c3d4e5f601000001' }, channel: 'in_app', kind: 'reply', status: 'sent', conversationId: '1001' }]);

    expect(await minute()).toEqual({ notified: 0, requests: 1, asked: ['POST /conversations/search'] }); // nothing from the customer yet
    sim.addCustomerPart('1001', '<p>Thanks! Any idea when it will be fixed?</p>');
    expect(await minute()).toEqual({ notified: 0, requests: 1, asked: ['POST /conversations/search'] });
    expect(await minute()).toEqual({ notified: 1, requests: 1, asked: ['GET /conversations/1001'] });
    expect(shown).toEqual(['Jane Cooper replied: Thanks! Any idea when it will be fixed?']);
    // The next searches reach back over the index's slack and find it again: unchanged, it is not read again.
    expect(await minute()).toEqual({ notified: 0, requests: 1, asked: ['POST /conversations/search'] });
    expect(await minute()).toEqual({ notified: 0, requests: 1, asked: ['POST /conversations/search'] });
    // An admin's answer (waiting_since back to null): changed, but no customer waiting, so nothing read.
    await conversationsApi(api).reply('1001', { adminId: '991001', body: '<p>On it</p>', note: false });
    expect(await minute()).toEqual({ notified: 0, requests: 1, asked: ['POST /conversations/search'] });
    expect(shown).toHaveLength(1);
  });
});
