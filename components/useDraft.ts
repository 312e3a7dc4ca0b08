// The compose panel's draft: restored from storage, autosaved (debounced, flushed when the page goes
// away and when the panel unmounts, e.g. the side panel's tab changed customer), and never saved back
// after a send cleared it. Until the workspace is known the draft waits under the detected
// recipient's own key (utils/compose/draft-store.ts `pendingDraftKey`), so text typed in the panel's
// first moments survives a tab switch; once the workspace is known it moves to that workspace's key.
import { useEffect, useRef, useState } from 'preact/hooks';
import { draftKey, emptyDraft, loadDraft, pendingDraftKey, removeDraft, saveDraft, type StoredDraft } from '@/utils/compose/draft-store';
import type { RecipientRef } from '@/utils/protocol';

const SAVE_DELAY_MS = 300;

export function useDraft(ref: RecipientRef) {
  const [draft, setDraft] = useState<StoredDraft>(emptyDraft);
  /** The agent changed the draft since it was loaded or sent. */
  const touched = useRef(false);
  /** The workspace's draft is in (a pending one loaded late must not replace it). */
  const restored = useRef(false);
  const pendingKey = pendingDraftKey(ref);

  // A draft that waited under the recipient's own key is shown at once, before the workspace is known.
  useEffect(() => {
    void loadDraft(pendingKey).then((pending) => {
      if (pending.updatedAt && !restored.current && !touched.current) setDraft(pending);
    });
  }, []);

  /** Once the workspace is known: its stored draft, or the pending one if newer (moved to the workspace's key). */
  async function restore(workspaceCode: string, live: () => boolean) {
    const key = draftKey(workspaceCode, ref);
    const [stored, pending] = await Promise.all([loadDraft(key), loadDraft(pendingKey)]);
    const taken = pending.updatedAt > stored.updatedAt ? pending : stored;
    if (pending.updatedAt) {
      if (taken === pending) await saveDraft(key, pending);
      await removeDraft(pendingKey);
    }
    if (!live()) return;
    restored.current = true;
    if (!touched.current) setDraft(taken);
  }

  return { draft, setDraft, touched, restore, pendingKey };
}

/** Saves the draft under `key` (the pending key until the workspace is known) a moment after each change, when the page goes away, and on unmount. */
export function useAutosave(key: string, draft: StoredDraft, touched: { current: boolean }) {
  useEffect(() => {
    if (!touched.current) return;
    // Both check `touched` again: a send that just succeeded must not have its draft saved back.
    const flush = () => void (touched.current && saveDraft(key, draft));
    const timer = setTimeout(flush, SAVE_DELAY_MS);
    addEventListener('pagehide', flush);
    return () => {
      clearTimeout(timer);
      removeEventListener('pagehide', flush);
    };
  }, [key, draft]);

  // Unmounted: what was typed since the last save is saved now, not dropped with the debounce timer.
  const unsaved = useRef({ key, draft });
  unsaved.current = { key, draft };
  useEffect(
    () => () => {
      if (touched.current) void saveDraft(unsaved.current.key, unsaved.current.draft);
    },
    [],
  );
}
