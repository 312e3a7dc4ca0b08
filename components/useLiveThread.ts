// The chosen conversation's thread, kept current while it is visible: read when chosen, then again
// with backoff (utils/compose/thread-refresh.ts), at once when the page becomes visible again, and
// not at all while it is hidden. What it last showed is what the reply's collision check compares
// with (`latestPartId`), so a part that appeared here is one the agent saw.
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { callBackground } from '@/utils/messaging';
import type { WireError } from '@/utils/protocol';
import { nextDelay } from '@/utils/compose/thread-refresh';
import type { Thread } from './ConversationPicker';

/**
 * `remembered`: the thread as the background read it a moment ago, if it has it (the side panel's
 * warm open): shown at once, marked `remembered`, and read again at once; the answer replaces it
 * whatever it says, and a failed read takes it away as a failed first read would show none.
 */
export function useLiveThread(conversationId: string, lastParts: number, onFirstReadFailed: (error: WireError) => void, remembered?: (conversationId: string) => Thread | null) {
  /** The thread on screen; `show` renders again with another. */
  const shown = useRef<Thread | null>(null);
  const [, rendered] = useState(0);
  const delay = useRef<number | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // Bumped when the conversation or the number of parts changes, so a late answer for the old one is dropped.
  const generation = useRef(0);
  const show = (next: Thread | null) => {
    shown.current = next;
    rendered((n) => n + 1);
  };
  // In the render that chooses a conversation, not one render later: what was remembered of it (a
  // warm open's thread is on screen with the choice), else none until its first read.
  const renderedFor = useRef<string | null>(null);
  if (renderedFor.current !== conversationId) {
    renderedFor.current = conversationId;
    if (shown.current?.conversation.id !== conversationId) shown.current = conversationId ? (remembered?.(conversationId) ?? null) : null;
  }

  function schedule(id: string, gen: number) {
    clearTimeout(timer.current);
    if (document.visibilityState === 'hidden') return;
    timer.current = setTimeout(() => void read(id, gen), delay.current ?? 0);
  }

  async function read(id: string, gen: number) {
    const first = shown.current === null || shown.current.remembered !== undefined;
    const reply = await callBackground('conversation.get', { conversationId: id, lastParts });
    if (gen !== generation.current) return;
    if (reply.ok) {
      const before = shown.current;
      const changed =
        !before ||
        before.remembered !== undefined ||
        before.latestPartId !== reply.data.latestPartId ||
        before.totalParts !== reply.data.totalParts ||
        before.parts.length !== reply.data.parts.length; // "Earlier" asked for more
      if (changed) show(reply.data);
      delay.current = nextDelay(delay.current, changed);
    } else {
      if (first) {
        show(null); // what was remembered is not shown as if it were current
        return onFirstReadFailed(reply.error);
      }
      delay.current = nextDelay(delay.current, false); // a failed re-read waits longer, silently
    }
    schedule(id, gen);
  }

  // Run right after the render, not after the next paint: it starts the request the panel's first moments wait on.
  useLayoutEffect(() => {
    const gen = ++generation.current;
    delay.current = null;
    if (!conversationId) return;
    void read(conversationId, gen);
    const onVisibility = () => {
      clearTimeout(timer.current);
      if (document.visibilityState === 'hidden') return;
      delay.current = null;
      void read(conversationId, ++generation.current);
    };
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      clearTimeout(timer.current);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [conversationId, lastParts]);

  /** Read now and start the backoff over (after a send, or to retry a failed first read). */
  function refresh() {
    if (!conversationId) return Promise.resolve();
    const gen = ++generation.current;
    delay.current = null;
    clearTimeout(timer.current);
    return read(conversationId, gen);
  }

  return { thread: shown.current, setThread: show, refresh };
}
