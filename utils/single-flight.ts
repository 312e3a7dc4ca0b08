// One run per key at a time: a call for a key whose run has not finished gets that run's promise
// instead of starting another (the same draft sent by a double click, two tabs, popup and panel; two
// panels asking for one workspace's macros). The key is free again once the run settles.
export function singleFlight<T>(): (key: string, run: () => Promise<T>) => Promise<T> {
  const running = new Map<string, Promise<T>>();
  return (key, run) => {
    const current = running.get(key);
    if (current) return current;
    const started = run().finally(() => running.delete(key));
    running.set(key, started);
    return started;
  };
}
