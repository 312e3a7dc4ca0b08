// Which conversations the reply watch looks at (utils/compose/reply-watch.ts): sent or duplicated
// in the last 24 hours with a known conversation, grouped by workspace, the newest send of each.
import { describe, expect, it } from 'vitest';
import { watched } from '../../utils/compose/reply-watch';
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
