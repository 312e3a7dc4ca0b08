// Writes to storage.local that callers make within `delayMs` of each other go to the browser as one
// set() (and one remove()): each call is a round trip to the browser's storage, which writes one
// call at a time, so a thousand small writes made one by one queue behind each other. Each caller's
// promise resolves when its batch is stored. Later writes of a key win over earlier ones. `flush()`
// stores what waits now, for a caller that has nothing more to add (a bulk job at its end).
import { browser } from 'wxt/browser';

export function batchedWrites(delayMs: number) {
  let batch: { set: Record<string, unknown>; remove: Set<string>; stored: Promise<void>; due(): void } | null = null;
  function write(set: Record<string, unknown>, remove: readonly string[] = []): Promise<void> {
    if (!batch) {
      const next = { set: {} as Record<string, unknown>, remove: new Set<string>(), stored: Promise.resolve(), due: () => {} };
      next.stored = new Promise<void>((resolve) => {
        next.due = resolve;
        setTimeout(resolve, delayMs);
      }).then(async () => {
        if (batch === next) batch = null;
        const removed = [...next.remove];
        await Promise.all([Object.keys(next.set).length ? browser.storage.local.set(next.set) : undefined, removed.length ? browser.storage.local.remove(removed) : undefined]);
      });
      batch = next;
    }
    for (const key of remove) {
      delete batch.set[key];
      batch.remove.add(key);
    }
    for (const [key, value] of Object.entries(set)) {
      batch.remove.delete(key);
      batch.set[key] = value;
    }
    return batch.stored;
  }
  return Object.assign(write, {
    flush(): Promise<void> {
      if (!batch) return Promise.resolve();
      batch.due();
      return batch.stored;
    },
  });
}
