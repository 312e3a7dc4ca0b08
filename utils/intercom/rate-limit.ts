// What Intercom's answers say about the workspace's rate limit (`X-RateLimit-Limit`, `-Remaining`,
// `-Reset`), per workspace: every client of a workspace reports here, so a bulk send's pacer
// (utils/bulk/pacer.ts) also counts the agent's own sends and replies, which share the limit.
import type { RateInfo } from '../bulk/pacer';

const latest = new Map<string, RateInfo>();
const listeners = new Map<string, Set<(info: RateInfo) => void>>();

/** The rate limit an answer's headers state; null when they say nothing usable. */
export function rateInfoOf(headers: Headers): RateInfo | null {
  const limit = Number(headers.get('x-ratelimit-limit'));
  const remaining = Number(headers.get('x-ratelimit-remaining'));
  const reset = Number(headers.get('x-ratelimit-reset'));
  if (!(limit > 0) || !(reset > 0) || headers.get('x-ratelimit-remaining') === null || !Number.isFinite(remaining)) return null;
  return { limit, remaining, resetAt: reset * 1000 };
}

export function reportRate(workspaceId: string, info: RateInfo): void {
  latest.set(workspaceId, info);
  for (const listener of listeners.get(workspaceId) ?? []) listener(info);
}

/** Tells `listener` about every answer of this workspace from now on, starting with the last one seen; returns the unsubscribe. */
export function watchRate(workspaceId: string, listener: (info: RateInfo) => void): () => void {
  const set = listeners.get(workspaceId) ?? new Set();
  listeners.set(workspaceId, set);
  set.add(listener);
  const last = latest.get(workspaceId);
  if (last && last.resetAt > Date.now()) listener(last);
  return () => void set.delete(listener);
}
