// The compose panel's side of continuing a conversation: the contact's conversations, the one chosen
// (read when chosen: what the agent answers and the newest part they saw), a draft per conversation,
// the Internal note and Follow-up choices with their defaults from the options page, and Send for a
// reply or note (the background checks for collisions, see utils/compose/reply.ts).
import { useEffect, useLayoutEffect, useRef, useState, type MutableRef } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { callBackground } from '@/utils/messaging';
import { t } from '@/utils/i18n';
import { clearDraft, conversationDraftKey, draftIdOf, loadDraft, saveDraft, type StoredDraft } from '@/utils/compose/draft-store';
import type { ContactSummary, ConversationSummary, Reply } from '@/utils/protocol';
import type { WarmStart } from '@/utils/sidepanel/start-shapes';
import type { Thread } from './ConversationPicker';
import { MAX_THREAD_PARTS } from '@/utils/compose/thread-refresh';
import { THREAD_MEMORY_TTL_MS } from '@/utils/compose/thread-memory';
import type { Phase } from './phase';
import { useLiveThread } from './useLiveThread';
import { followUpAfterMessage, followUpChoiceOf, toFollowUp, useTeams, type FollowUpChoice } from './FollowUp';
import { markupToHtml } from '@/utils/compose/markup';

/** What the hook shares with the panel. */
export interface PanelState {
  /** The draft key of a new conversation for this recipient (null until the workspace is known). */
  baseKey: string | null;
  contact: ContactSummary | null;
  draft: StoredDraft;
  setDraft(draft: StoredDraft): void;
  setPhase(phase: Phase): void;
  /** The agent changed the draft since it was loaded or sent. */
  touched: MutableRef<boolean>;
  /** A send is on its way (synchronous, so a double click cannot start two). */
  inFlight: MutableRef<boolean>;
  /** Parts of the thread shown at first, and how many more "Earlier" adds. */
  threadLength: number;
  /** The conversation to start on, once the contact's list has it. */
  initialConversationId?: string;
  /** Asks Intercom again for a contact that was answered from memory (components/useRecipient.ts). */
  recheckContact(): void;
  /** The side panel's start: the list and the first conversation's thread as read a moment ago (used once). */
  warm: WarmStart | null;
  /** The options' Default conversation, when the side panel's start answered it (else read here). */
  defaultConversation?: 'new' | 'latest_open';
}

/** How long the list's recheck waits for the chosen thread's first read (a failed read shows no thread). */
const SHOWN_WAIT_MS = 3_000;

export function useConversation(panel: PanelState) {
  const { baseKey, contact, draft, setDraft, setPhase, touched, inFlight } = panel;
  const [conversations, setConversations] = useState<ConversationSummary[] | null>(null);
  const [conversationId, setConversationId] = useState(''); // '' = New conversation
  /** The conversation last chosen, set at once (`conversationId` follows once its draft is loaded). */
  const chosen = useRef('');
  const [note, setNote] = useState(false);
  const [followUp, setFollowUp] = useState<FollowUpChoice>('');
  const teams = useTeams();
  const defaultConversation = useRef<unknown>(panel.defaultConversation ?? 'new');
  // Drafts are kept per conversation: the new-conversation draft, and one per conversation replied to.
  const key = baseKey && conversationId ? conversationDraftKey(baseKey, conversationId) : baseKey;

  // Defaults from the options page (storage.local, like the panel's saved replies); the list waits for them.
  const defaultsRead = useRef<Promise<void> | null>(null);
  useEffect(() => {
    defaultsRead.current ??= readDefaults();
  }, []);
  const readDefaults = () =>
    browser.storage.local.get('settings').then(({ settings }) => {
      const saved = (settings ?? {}) as { defaultConversation?: unknown; defaultFollowUp?: unknown };
      defaultConversation.current = panel.defaultConversation ?? saved.defaultConversation;
      setFollowUp(followUpChoiceOf(saved.defaultFollowUp));
    });

  const startedWith = useRef(panel.warm);
  // The list arrives after the recipient is confirmed; the picker keeps its space meanwhile.
  // A warm open gets the list the background fetched a moment ago (`remembered`): shown, its default
  // conversation chosen and read, while the list is fetched again behind it.
  // Run right after the render, not after the next paint: it starts the request the panel's first moments wait on.
  useLayoutEffect(() => {
    if (!contact) return;
    let live = true;
    let autoChosen: string | undefined;
    const listed = (list: ConversationSummary[]) => {
      setConversations(list);
      const asked = list.find((c) => c.id === panel.initialConversationId)?.id; // a reply watch notification's conversation
      const latestOpen = defaultConversation.current === 'latest_open' ? list.find((c) => c.state === 'open')?.id : undefined;
      // The options' "Default conversation": only while the agent has not written anything (so the
      // draft and key this effect's render saw are still the panel's).
      const id = asked ?? (!touched.current && !draft.body ? latestOpen : undefined);
      // Not again when the fresh list says the same, nor over a conversation the agent chose meanwhile.
      if (!id || id === autoChosen || chosen.current !== (autoChosen ?? '')) return;
      autoChosen = id;
      void choose(id, !asked);
    };
    const given = startedWith.current;
    startedWith.current = null;
    void (async () => {
      const warm: Reply<'recipient.conversations'> =
        given?.conversations && given.contact?.id === contact.id
          ? { ok: true, data: { conversations: given.conversations, remembered: true } }
          : await callBackground('recipient.conversations', { contactId: contact.id, warm: true });
      if (!panel.defaultConversation) await (defaultsRead.current ??= readDefaults()); // the Default conversation decides what is chosen
      if (!live) return;
      listed(warm.ok ? warm.data.conversations : []);
      // What was remembered is checked once the chosen thread is on screen, so its read is the open's one round trip.
      if (autoChosen) await new Promise<void>((resolve) => ((threadShown.current = resolve), setTimeout(resolve, SHOWN_WAIT_MS)));
      if (!live) return;
      panel.recheckContact();
      if (!warm.ok || !warm.data.remembered) return;
      const fresh = await callBackground('recipient.conversations', { contactId: contact.id });
      if (live && fresh.ok) listed(fresh.data.conversations);
    })();
    return () => {
      live = false;
    };
  }, [contact?.id]);

  // The chosen conversation's latest parts, read again while visible (components/useLiveThread.ts);
  // "Earlier" asks for more.
  const [lastParts, setLastParts] = useState(panel.threadLength);
  // The start's thread is shown at once when its conversation is the one chosen, and read again at once.
  const rememberedThread = useRef(panel.warm?.thread ?? null);
  const takeRemembered = (id: string): Thread | null => {
    const given = rememberedThread.current;
    rememberedThread.current = null;
    const usable = given && given.answer.conversation.id === id && given.answer.parts.length <= lastParts && Date.now() - given.at < THREAD_MEMORY_TTL_MS;
    return usable ? { ...given.answer, remembered: given.at } : null;
  };
  const { thread, setThread, refresh: refreshThread } = useLiveThread(conversationId, lastParts, (error) => setPhase({ name: 'failed', error }), takeRemembered);
  const earlier = () => setLastParts((n) => Math.min(n + panel.threadLength, MAX_THREAD_PARTS));
  const threadShown = useRef<(() => void) | null>(null);
  useEffect(() => void (thread && threadShown.current?.()), [thread]);

  /** `byDefault`: the options' Default conversation, not one the agent picked (in the picker, or by a notification). */
  async function choose(id: string, byDefault = false) {
    const before = chosen.current;
    chosen.current = id;
    // What was written is saved under the conversation it was for; what is written from here on,
    // while the chosen conversation's draft loads, is noticed below.
    const saved = touched.current && key ? saveDraft(key, draft) : undefined;
    touched.current = false;
    await saved;
    const next = baseKey ? await loadDraft(id ? conversationDraftKey(baseKey, id) : baseKey) : draft;
    if (touched.current) {
      // The agent wrote meanwhile: their words stay on screen. A default gives way to them; a
      // conversation the agent picked keeps them as its draft (autosaved under its key).
      if (byDefault) return void (chosen.current = before);
    } else setDraft(next);
    setConversationId(id);
    setLastParts(panel.threadLength);
    setNote(false);
    setPhase({ name: 'idle' });
  }

  /** A reply or note in the chosen conversation, unless something newer than what the agent saw arrived. */
  async function reply(event: Event, confirmResend = false) {
    if (!event.isTrusted || inFlight.current || !key || !contact) return;
    if (!thread) return void refreshThread().then(() => setPhase({ name: 'idle' })); // Retry after the read failed
    inFlight.current = true;
    setPhase({ name: 'sending' });
    await saveDraft(key, draft);
    const chosen = toFollowUp(followUp);
    const answer = await callBackground('conversation.reply', {
      draftId: draftIdOf(key, draft),
      conversationId,
      recipient: { kind: 'contact_id', value: contact.id },
      // A reply is always formatted: the conversation, not a template, decides how it is shown.
      draft: { channel: 'in_app', body: markupToHtml(draft.body), bodyFormat: 'html', ...(draft.fromAdminId ? { fromAdminId: draft.fromAdminId } : {}) },
      note,
      seenPartId: thread.latestPartId,
      ...(chosen ? { followUp: chosen } : {}),
      ...(confirmResend ? { confirmResend } : {}),
    });
    inFlight.current = false;
    if (!answer.ok) return setPhase({ name: 'failed', error: answer.error });
    if (answer.data.status === 'collision') {
      // Shown now, so they count as seen: "Send anyway" checks only for anything newer still.
      const { remembered: _fromMemory, ...seen } = thread; // what is on screen now, plus the new parts: read from Intercom
      setThread({ ...seen, parts: [...thread.parts, ...answer.data.parts], totalParts: thread.totalParts + answer.data.parts.length, latestPartId: answer.data.latestPartId });
      return setPhase({ name: 'collision', parts: answer.data.parts });
    }
    touched.current = false;
    setDraft(await clearDraft(key));
    const { followUp: done, copies } = answer.data;
    setPhase({ name: 'sent', url: answer.data.conversationUrl, words: t(answer.data.note ? 'panelNoteSent' : 'panelReplySent'), followUpError: done?.error, copies });
    void refreshThread();
  }

  /** After a new message: its follow-up, once the conversation is known; a failure is said beside "Sent". */
  function afterMessage(sent: { conversationId: string | null; conversationUrl: string }, fromAdminId?: string) {
    const chosen = toFollowUp(followUp);
    if (chosen) void followUpAfterMessage(sent.conversationId, chosen, fromAdminId).then((error) => error && setPhase({ name: 'sent', url: sent.conversationUrl, followUpError: error }));
  }

  return { key, conversations, conversationId, thread, earlier, note, setNote, followUp, setFollowUp, teams, choose, reply, afterMessage };
}
