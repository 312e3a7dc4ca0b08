// The chosen conversation's thread, kept current while it is visible: read when chosen, then again
// with backoff (utils/compose/thread-refresh.ts), at once when the page becomes visible again, and
// not at all while it is hidden. What it last showed is what the reply's collision check compares
// with (`latestPartId`), so a part that appeared here is one the agent saw.
import { useEffect, useRef, useState } from 'preact/hooks';
import { callBackground } from '@/utils/messaging';
import type { WireError } from '@/utils/protocol';
import { nextDelay } from '@/utils/compose/thread-refresh';
import type { Thread } from './ConversationPicker';

export function useLiveThread(conversationId: string, lastParts: number, onFirstReadFailed: (error: WireError) => void) {
  const [thread, setThread] = useState<Thread | null>(null);
  const shown = useRef<Thread | null>(null);
  const delay = useRef<number | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // Bumped when the conversation or the number of parts changes, so a late answer for the old one is dropped.
  const generation = useRef(0);
  const show = (next: Thread | null) => {
    shown.current = next;
    setThread(next);
  };

  function schedule(id: string, gen: number) {
    clearTimeout(timer.current);
    if (document.visibilityState === 'hidden') return;
    timer.current = setTimeout(() => void read(id, gen), delay.current ?? 0);
  }

  async function read(id: string, gen: number) {
    const first = shown.current === null;
    const reply = await callBackground('conversation.get', { conversationId: id, lastParts });
    if (gen !== generation.current) return;
    if (reply.ok) {
      const before = shown.current;
      const changed =
        !before ||
        before.latestPartId !== reply.data.latestPartId ||
        before.totalParts !== reply.data.totalParts ||
        before.parts.length !== reply.data.parts.length; // "Earlier" asked for more
      if (changed) show(reply.data);
      delay.current = nextDelay(delay.current, changed);
    } else {
      if (first) return onFirstReadFailed(reply.error);
      delay.current = nextDelay(delay.current, false); // a failed re-read waits longer, silently
    }
    schedule(id, gen);
  }

  useEffect(() => {
    const gen = ++generation.current;
    delay.current = null;
    if (!conversationId) {
      show(null);
      return;
    }
    if (shown.current?.conversation.id !== conversationId) show(null);
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

  return { thread, setThread: show, refresh };
}
