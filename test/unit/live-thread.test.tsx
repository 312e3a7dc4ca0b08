// @vitest-environment happy-dom
// The live thread (components/useLiveThread.ts, utils/compose/thread-refresh.ts): read when chosen,
// again after 5 s, 10 s, 20 s, 40 s, then every 60 s while nothing changes, back to 5 s after a
// change, nothing while the page is hidden and a read at once when it is visible again. The
// background is the fake browser's runtime, answering `conversation.get` as the real one would.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { h } from 'preact';
import { act, cleanup, render } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { useLiveThread } from '../../components/useLiveThread';
import { FIRST_DELAY_MS, MAX_DELAY_MS, nextDelay } from '../../utils/compose/thread-refresh';

let reads: number[] = [];
let latest = 'p1';
let visibility: DocumentVisibilityState = 'visible';
let shown: string | null = null;
let fail = false;

function Probe() {
  const { thread } = useLiveThread('1001', 50, () => undefined);
  shown = thread?.latestPartId ?? null;
  return null;
}

beforeEach(() => {
  vi.useFakeTimers();
  reads = [];
  latest = 'p1';
  fail = false;
  visibility = 'visible';
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });
  // The fake runtime answers through sendResponse (a listener returning true), as Chrome's does.
  fakeBrowser.runtime.onMessage.addListener(((message: { call: string }, _sender: unknown, respond: (reply: unknown) => void) => {
    if (message.call !== 'conversation.get') return undefined;
    reads.push(Date.now());
    if (fail) return respond({ ok: false, error: { code: 'network', message: 'Intercom could not be reached.', action: 'Try again.' } }), true;
    const part = { id: latest, kind: 'comment', authorRole: 'customer', authorName: 'Jane Cooper', text: 'Hi', at: 1, line: 'Jane Cooper: Hi' };
    respond({
      ok: true,
      data: { conversation: { id: '1001', title: null, state: 'open', updatedAt: 1, url: 'x', assignee: null, firstLine: null, label: 'x' }, parts: [part], totalParts: 1, latestPartId: latest },
    });
    return true;
  }) as never);
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

/** Lets time pass, with the reads' answers and renders it brings. */
const advance = (ms: number) => act(async () => void (await vi.advanceTimersByTimeAsync(ms)));
/** Seconds from the first read to each later one. */
const gaps = () => reads.slice(1).map((at) => Math.round((at - reads[0]!) / 1000));

describe('the live thread', () => {
  it('backs off from 5 s to 60 s while nothing changes', () => {
    expect([null, 5000, 10000, 20000, 40000, 60000].map((d) => nextDelay(d, false))).toEqual([5000, 10000, 20000, 40000, 60000, 60000]);
    expect(nextDelay(MAX_DELAY_MS, true)).toBe(FIRST_DELAY_MS);
  });

  it('reads again with backoff, starts over after a change, and shows the change', async () => {
    render(h(Probe, {}));
    await advance(0);
    expect(shown).toBe('p1');
    await advance(5_000 + 10_000 + 20_000 + 40_000 + 60_000 + 60_000);
    expect(gaps()).toEqual([5, 15, 35, 75, 135, 195]);
    latest = 'p2';
    await advance(60_000);
    expect(shown).toBe('p2');
    await advance(5_000 + 10_000);
    expect(gaps().slice(-3)).toEqual([255, 260, 270]);
  });

  it('reads nothing while hidden and at once when visible again', async () => {
    render(h(Probe, {}));
    await advance(0);
    expect(reads).toHaveLength(1);
    visibility = 'hidden';
    document.dispatchEvent(new Event('visibilitychange'));
    await advance(10 * 60_000);
    expect(reads).toHaveLength(1);
    visibility = 'visible';
    document.dispatchEvent(new Event('visibilitychange'));
    await advance(0);
    expect(reads).toHaveLength(2);
    await advance(5_000);
    expect(reads).toHaveLength(3); // the backoff started over
  });
});

describe('a remembered thread (the side panel’s warm open)', () => {
  const remembered = (latestPartId: string) => ({
    conversation: { id: '1001', title: null, state: 'open', updatedAt: 1, url: 'x', assignee: null, firstLine: null, label: 'x' },
    parts: [{ id: latestPartId, kind: 'comment', authorRole: 'customer' as const, authorName: 'Jane Cooper', text: 'Hi', at: 1, line: 'Jane Cooper: Hi' }],
    totalParts: 1,
    latestPartId,
    remembered: Date.now(),
  });
  let seen: { latestPartId: string | null; remembered?: number } | null = null;
  let failed: string[] = [];
  function Remembering({ from }: { from: string }) {
    const { thread } = useLiveThread('1001', 50, (error) => void failed.push(error.code), (id) => (id === '1001' ? remembered(from) : null));
    seen = thread;
    return null;
  }
  beforeEach(() => {
    seen = null;
    failed = [];
  });

  it('is shown at once, read again at once, and replaced by the answer: what the reply compares with is then the read', async () => {
    latest = 'p2'; // the customer wrote since the background's read
    render(h(Remembering, { from: 'p1' }));
    expect(seen).toMatchObject({ latestPartId: 'p1' }); // on screen before any answer
    expect(seen!.remembered).toBeTypeOf('number');
    expect(reads).toHaveLength(1); // the re-read went out with it
    await advance(0);
    expect(seen).toMatchObject({ latestPartId: 'p2' });
    expect(seen!.remembered).toBeUndefined();
    await advance(5_000);
    expect(reads).toHaveLength(2); // then the usual backoff
  });

  it('is replaced even when the read says the same, so it is no longer marked remembered', async () => {
    render(h(Remembering, { from: 'p1' }));
    await advance(0);
    expect(seen).toMatchObject({ latestPartId: 'p1' });
    expect(seen!.remembered).toBeUndefined();
  });

  it('is taken away when the read fails, which is said as a failed first read', async () => {
    fail = true;
    render(h(Remembering, { from: 'p1' }));
    expect(seen).not.toBeNull();
    await advance(0);
    expect(seen).toBeNull();
    expect(failed).toEqual(['network']);
  });
});
