import { describe, expect, it } from 'vitest';
import { addHistory, historyItem, HISTORY_LIMIT, searchHistory, type HistoryEntry } from '../../utils/compose/history';

const entry = (i: number, extra: Partial<HistoryEntry> = {}): HistoryEntry => ({
  at: 1_790_000_000 + i,
  to: `Customer ${i}`,
  ref: { kind: 'email', value: `c${i}@acme.test` },
  channel: 'in_app',
  status: 'sent',
  conversationUrl: `https://app.intercom.com/a/inbox/acme42/inbox/conversation/${1000 + i}`,
  ...extra,
});

describe('sent history', () => {
  it('keeps the newest 200, newest first, even when sends finish together', async () => {
    await Promise.all(Array.from({ length: HISTORY_LIMIT + 5 }, (_, i) => addHistory(entry(i))));
    const list = await historyItem.getValue();
    expect(list).toHaveLength(HISTORY_LIMIT);
    expect(list[0]!.to).toBe(`Customer ${HISTORY_LIMIT + 4}`);
    expect(list.at(-1)!.to).toBe('Customer 5');
    // Compact enough for storage.local: report the figure, and keep it well under its quota.
    const bytes = JSON.stringify(list).length;
    console.log(`history: ${list.length} entries = ${bytes} bytes of JSON`);
    expect(bytes).toBeLessThan(100_000);
  });

  it('keeps a failed draft, capped, so it can be reopened', async () => {
    await addHistory(entry(1, { status: 'failed', error: 'timeout', draft: { channel: 'in_app', body: 'x'.repeat(20_000) } }));
    const [failed] = await historyItem.getValue();
    expect(failed!.draft!.body).toHaveLength(10_000);
  });

  it('searches recipient, status and text', () => {
    const list = [entry(1), entry(2, { status: 'failed', draft: { channel: 'in_app', body: 'About your refund' } })];
    expect(searchHistory(list, 'c1@').map((e) => e.to)).toEqual(['Customer 1']);
    expect(searchHistory(list, 'REFUND').map((e) => e.to)).toEqual(['Customer 2']);
    expect(searchHistory(list, 'failed').map((e) => e.to)).toEqual(['Customer 2']);
    expect(searchHistory(list, ' ')).toHaveLength(2);
  });
});
