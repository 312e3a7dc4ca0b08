// The pacer against a fake clock and a fake Intercom that counts requests in 10-second windows.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPacer, reserveOf, type Pacer } from '@/utils/bulk/pacer';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-12-02T10:00:00.000Z'));
});
afterEach(() => vi.useRealTimers());

/** A simulated Intercom: `limit` per aligned 10 s window, answers after `rttMs`, reports to the pacer. */
function fakeIntercom(pacer: () => Pacer, limit: number, rttMs = 50) {
  const log: { at: number; status: number }[] = [];
  let window = { start: -1, used: 0 };
  let inFlight = 0;
  let maxInFlight = 0;
  return {
    log,
    get maxInFlight() {
      return maxInFlight;
    },
    async request(): Promise<number> {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const at = Date.now();
      const start = Math.floor(at / 10_000) * 10_000;
      if (start !== window.start) window = { start, used: 0 };
      window.used++;
      const status = window.used > limit ? 429 : 200;
      const info = { limit, remaining: Math.max(0, limit - window.used), resetAt: start + 10_000 };
      log.push({ at, status });
      await new Promise((resolve) => setTimeout(resolve, rttMs));
      pacer().observe(info);
      if (status === 429) pacer().blockUntil(info.resetAt);
      inFlight--;
      return status;
    },
  };
}

async function drive<T>(work: Promise<T>): Promise<T> {
  let done = false;
  void work.finally(() => (done = true));
  while (!done) await vi.advanceTimersToNextTimerAsync();
  return work;
}

describe('pacer', () => {
  it('keeps to the limit after the first window, with ≥ 90 % of it used, and never more than its concurrency', async () => {
    const limit = 167;
    const pacer = createPacer({ concurrency: 8 });
    const intercom = fakeIntercom(() => pacer, limit);
    const started = Date.now();
    const statuses = await drive(Promise.all(Array.from({ length: 1000 }, () => pacer.run(() => intercom.request()))));
    const firstWindowEnd = Math.floor(started / 10_000) * 10_000 + 10_000;
    expect(intercom.log.filter((r) => r.status === 429 && r.at >= firstWindowEnd)).toHaveLength(0);
    expect(intercom.maxInFlight).toBeLessThanOrEqual(8);
    const ok = statuses.filter((s) => s === 200).length;
    const seconds = (Date.now() - started) / 1000;
    expect(ok / seconds / (limit / 10)).toBeGreaterThanOrEqual(0.9);
  });

  it('starts the next task the moment a slot frees: no wait for a timer between sends', async () => {
    // Well under the limit, the pacer only holds the concurrency: 100 requests of 50 ms, 5 at a
    // time, take 100 × 50 ms ÷ 5 on the fake clock, with 5 in flight throughout.
    const pacer = createPacer({ concurrency: 5 });
    const intercom = fakeIntercom(() => pacer, 10_000);
    const started = Date.now();
    await drive(Promise.all(Array.from({ length: 100 }, () => pacer.run(() => intercom.request()))));
    expect(Date.now() - started).toBe(1_000);
    expect(intercom.maxInFlight).toBe(5);
    const startsPerInstant = new Map<number, number>();
    for (const r of intercom.log) startsPerInstant.set(r.at - started, (startsPerInstant.get(r.at - started) ?? 0) + 1);
    expect([...startsPerInstant.entries()]).toEqual(Array.from({ length: 20 }, (_, k) => [k * 50, 5]));
  });

  it('leaves a reserve of each window to the agent', async () => {
    const pacer = createPacer({ concurrency: 4 });
    const intercom = fakeIntercom(() => pacer, 50);
    await drive(Promise.all(Array.from({ length: 100 }, () => pacer.run(() => intercom.request()))));
    const perWindow = new Map<number, number>();
    for (const r of intercom.log) perWindow.set(Math.floor(r.at / 10_000), (perWindow.get(Math.floor(r.at / 10_000)) ?? 0) + 1);
    // The first window has no answer yet to go by; from the second on, the reserve stays free.
    for (const used of [...perWindow.values()].slice(1)) expect(used).toBeLessThanOrEqual(50 - reserveOf(50));
  });

  it('waits after a 429 until the reset, whoever caused it', async () => {
    const pacer = createPacer({ concurrency: 2 });
    pacer.observe({ limit: 100, remaining: 90, resetAt: Date.parse('2026-12-02T10:00:10Z') });
    pacer.blockUntil(Date.parse('2026-12-02T10:00:10Z'));
    const startedAt: number[] = [];
    await drive(Promise.all([1, 2, 3].map(() => pacer.run(async () => void startedAt.push(Date.now())))));
    expect(Math.min(...startedAt)).toBeGreaterThanOrEqual(Date.parse('2026-12-02T10:00:10Z'));
  });

  it('counts the agent’s own requests, told by their answers', async () => {
    const pacer = createPacer({ concurrency: 1 });
    const resetAt = Date.parse('2026-12-02T10:00:10Z');
    pacer.observe({ limit: 100, remaining: reserveOf(100) + 1, resetAt });
    const startedAt: number[] = [];
    await drive(Promise.all([1, 2].map(() => pacer.run(async () => void startedAt.push(Date.now())))));
    // One request was left before the reserve: the second waits for the next window.
    expect(startedAt[0]).toBeLessThan(resetAt);
    expect(startedAt[1]).toBeGreaterThanOrEqual(resetAt);
  });
});

describe('pacer after a 429 storm', () => {
  it('retries at the reset the 429 named, not a window later, and never sooner than a second', async () => {
    const pacer = createPacer({ concurrency: 2 });
    const resetAt = Date.parse('2026-12-02T10:00:02Z');
    pacer.observe({ limit: 100, remaining: 50, resetAt: Date.parse('2026-12-02T10:00:10Z') });
    pacer.blockUntil(resetAt);
    const startedAt: number[] = [];
    await drive(Promise.all([1, 2].map(() => pacer.run(async () => void startedAt.push(Date.now())))));
    expect(Math.min(...startedAt)).toBeGreaterThanOrEqual(resetAt);
    expect(Math.max(...startedAt)).toBeLessThan(resetAt + 1_000);
    // A reset in the past: still a second's pause.
    const before = Date.now();
    pacer.blockUntil(before - 5_000);
    const later: number[] = [];
    await drive(pacer.run(async () => void later.push(Date.now())));
    expect(later[0]! - before).toBeGreaterThanOrEqual(1_000);
  });
});
