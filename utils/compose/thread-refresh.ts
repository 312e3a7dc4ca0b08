// How often a visible thread is read again: soon after it was opened or changed, then less and less
// while nothing happens (5 s, 10 s, 20 s, 40 s, then every minute), and never while it is hidden
// (the panels stop their timer on document.visibilityState 'hidden'). At idle that is one
// GET /conversations/{id} a minute per visible thread; the first minute after a change, at most 3.
export const FIRST_DELAY_MS = 5_000;
export const MAX_DELAY_MS = 60_000;

/** The wait before the next read, given the last wait (null: none yet) and whether that read found something new. */
export function nextDelay(previous: number | null, changed: boolean): number {
  if (previous === null || changed) return FIRST_DELAY_MS;
  return Math.min(previous * 2, MAX_DELAY_MS);
}

/** Intercom answers a conversation with at most 500 parts; the thread asks for any number of the latest. */
export const MAX_THREAD_PARTS = 500;
