// The undo window: a send waits here before it goes out, and the agent can cancel it meanwhile.
// The wait runs in the background, so closing the tab or popup does not stop the send.
import { HailerError } from './errors';

const pending = new Map<string, { done: Promise<void>; cancel(): void }>();

/**
 * Resolves after `seconds`, or rejects with `cancelled` if `cancelSend(draftId)` comes first.
 * A second send of the same draft inside the window (double click, second tab) joins the first wait.
 */
export function waitForUndo(draftId: string, seconds: number): Promise<void> {
  if (seconds <= 0) return Promise.resolve();
  const existing = pending.get(draftId);
  if (existing) return existing.done;
  let cancel = () => {};
  const done = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      pending.delete(draftId);
      resolve();
    }, seconds * 1000);
    cancel = () => {
      clearTimeout(timer);
      pending.delete(draftId);
      reject(new HailerError('cancelled'));
    };
  });
  pending.set(draftId, { done, cancel });
  return done;
}

export function cancelSend(draftId: string): boolean {
  const entry = pending.get(draftId);
  entry?.cancel();
  return Boolean(entry);
}
