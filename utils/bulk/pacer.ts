// Paces a bulk send by Intercom's rate limit. Intercom counts requests per app in 10-second windows
// and says on every answer how many are left (`X-RateLimit-Remaining`) and when the window ends
// (`X-RateLimit-Reset`). The pacer keeps its own count of what it started in the window, corrects it
// by every answer (its own and the agent's single sends, which share the workspace's limit), runs at
// most `concurrency` requests at once, and leaves a reserve of each window unused so the agent's own
// sends and replies, which never wait here, go out first. A 429 stops everything until the reset.
// Pure: the clock and sleep are given (tests drive them).

export interface RateInfo {
  limit: number;
  remaining: number;
  /** Epoch ms when the window ends. */
  resetAt: number;
}

export interface PacerOptions {
  concurrency: number;
  now?(): number;
  sleep?(ms: number): Promise<void>;
  /** How long a window is when Intercom has not said yet when the next one ends. */
  windowMs?: number;
  /** Waited past a reset, for the two clocks' difference. */
  marginMs?: number;
}

export interface Pacer {
  /** Runs `task` when a slot and the window allow it. */
  run<T>(task: () => Promise<T>): Promise<T>;
  /** What an answer's headers said (any request of the workspace). */
  observe(info: RateInfo): void;
  /** A 429: nothing starts before `retryAt` (epoch ms). */
  blockUntil(retryAt: number): void;
  readonly inFlight: number;
}

const MIN_BLOCK_MS = 1_000;

/** Requests of each window left to the agent: at least 2, else 4 % of the limit. */
export const reserveOf = (limit: number) => Math.max(2, Math.ceil(limit * 0.04));

export function createPacer(options: PacerOptions): Pacer {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const windowMs = options.windowMs ?? 10_000;
  const marginMs = options.marginMs ?? 200;
  const concurrency = Math.max(1, Math.floor(options.concurrency));
  let inFlight = 0;
  /** What is left of the current window as far as we know; null until an answer said. */
  let window: RateInfo | null = null;
  let blockedUntil = 0;
  let wakers: (() => void)[] = [];
  const wake = () => {
    const waiting = wakers;
    wakers = [];
    for (const w of waiting) w();
  };
  const slotFreed = () => new Promise<void>((resolve) => wakers.push(resolve));

  async function acquire(): Promise<void> {
    for (;;) {
      const at = now();
      if (at < blockedUntil) {
        await sleep(blockedUntil - at);
        continue;
      }
      // The window ended: a full one starts (its real end comes with the next answer).
      if (window && at >= window.resetAt + marginMs) {
        const passed = Math.floor((at - marginMs - window.resetAt) / windowMs) + 1;
        window = { limit: window.limit, remaining: window.limit, resetAt: window.resetAt + passed * windowMs };
      }
      if (inFlight >= concurrency) {
        await slotFreed();
        continue;
      }
      if (window && window.remaining - reserveOf(window.limit) <= 0) {
        await sleep(Math.max(1, window.resetAt + marginMs - at));
        continue;
      }
      inFlight++;
      if (window) window.remaining--;
      return;
    }
  }

  return {
    async run(task) {
      await acquire();
      try {
        return await task();
      } finally {
        inFlight--;
        wake();
      }
    },
    observe(info) {
      if (!(info.limit > 0) || !(info.resetAt > 0) || !Number.isFinite(info.remaining)) return;
      // Requests still in flight may not be counted in the answer yet: assume they are not.
      const others = Math.max(0, inFlight - 1);
      const estimate = info.remaining - others;
      if (!window || info.resetAt > window.resetAt) window = { limit: info.limit, remaining: estimate, resetAt: info.resetAt };
      else if (info.resetAt === window.resetAt) window.remaining = Math.min(window.remaining, estimate);
    },
    blockUntil(retryAt) {
      // At least a second: a 429 whose reset has passed already (a proxy's, a stale clock) must not
      // turn into a retry every few milliseconds.
      blockedUntil = Math.max(blockedUntil, Math.max(retryAt, now() + MIN_BLOCK_MS) + marginMs);
      // Intercom said when to try again: what we guessed about the window gives way to that.
      window = null;
    },
    get inFlight() {
      return inFlight;
    },
  };
}
