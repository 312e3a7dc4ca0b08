// A short-lived memory of the background worker: values by key with the moment they were kept,
// answered only while younger than `ttlMs`, the oldest dropped once there are more than `max`. What
// a warm panel open reuses (conversation lists, threads) and the contacts a send confirmed are kept
// this way; a new worker starts empty.
export function recentMemory<T>({ ttlMs, max = Infinity }: { ttlMs: number; max?: number }) {
  const entries = new Map<string, { at: number; value: T }>();
  return {
    keep(key: string, value: T, now = Date.now()): void {
      entries.delete(key); // re-inserted last: the Map's order is the age order
      entries.set(key, { at: now, value });
      for (const oldest of entries.keys()) {
        if (entries.size <= max) break;
        entries.delete(oldest);
      }
    },
    /** The value and when it was kept (epoch ms), if kept less than `ttlMs` ago. */
    recall(key: string, now = Date.now()): { at: number; value: T } | null {
      const hit = entries.get(key);
      return hit && now - hit.at < ttlMs ? hit : null;
    },
    drop(key: string): void {
      entries.delete(key);
    },
    forget(matches: (value: T) => boolean): void {
      for (const [key, entry] of entries) if (matches(entry.value)) entries.delete(key);
    },
  };
}
