// Tasks that must not overlap, run one after another in call order: a read-modify-write of one
// storage key (two sends finishing at once must not lose an entry), or a content-script
// registration sync. A failed task does not stop the ones after it.
export function oneAtATime(): <T>(task: () => Promise<T>) => Promise<T> {
  let last: Promise<unknown> = Promise.resolve();
  return (task) => {
    const run = last.then(task);
    last = run.catch(() => undefined);
    return run;
  };
}
