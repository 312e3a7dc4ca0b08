// The compose panel: confirm the recipient, write, send once, land in the conversation. One
// component for the in-page panel and the toolbar popup; it talks to the background only through
// the protocol, and sends only on the agent's own (trusted) clicks and keys.
import { useEffect, useRef, useState } from 'preact/hooks';
import { callBackground } from '@/utils/messaging';
import { t } from '@/utils/i18n';
import { clearDraft, draftIdOf, draftKey, saveDraft, type StoredDraft } from '@/utils/compose/draft-store';
import type { DetectedRecipient } from '@/utils/protocol';
import { markupToHtml } from '@/utils/compose/markup';
import { PanelHeader } from './PanelHeader';
import { useRecipient } from './useRecipient';
import { useAutosave, useDraft } from './useDraft';
import { ConversationPicker, ReplyMode } from './ConversationPicker';
import { SenderSelect } from './SenderSelect';
import { FollowUpSelect } from './FollowUp';
import { useConversation } from './useConversation';
import { ConversationThread } from './ConversationThread';
import { ContactCard, useContactCard } from './ContactCard';
import { unresolvedPlaceholders } from './PlaceholderNotice';
import { SendLater } from './SendLater';
import { MessageEditor, type Placeholders } from './MessageEditor';
import { ChannelFields, RecipientBlock } from './RecipientBlock';
import { Problem, SendOutcome } from './SendOutcome';
import type { Phase } from './phase';
import type { PanelStart } from '@/utils/sidepanel/start-shapes';

export interface ComposePanelProps {
  recipient: DetectedRecipient;
  /** Escape or the close button; absent where the host has its own way to close (popup). */
  onClose?: () => void;
  /** Where `runtime.openOptionsPage` is available (popup), offer it when Hailer is not set up. */
  onOpenOptions?: () => void;
  /** On a page a team rule covers: "Teach Hailer this page" starts the picker to teach it again. */
  onTeach?: () => void;
  /** "Open in side panel" in the header (the in-page panel and the popup); answers whether the browser opened it. */
  onOpenSidePanel?: () => Promise<boolean>;
  /** Parts of the chosen conversation's thread shown (the in-page panel's three, the side panel's 50); "Earlier" adds as many. */
  threadLength?: number;
  /** The conversation to start on (the side panel, from a reply watch notification). */
  initialConversationId?: string;
  /** The side panel's start (utils/sidepanel/follow-tab.ts): the status and what a warm open shows at once, already asked for. */
  start?: PanelStart;
}

export function ComposePanel({ recipient, onClose, onOpenOptions, onTeach, onOpenSidePanel, threadLength = 3, initialConversationId, start }: ComposePanelProps) {
  const [phase, setPhase] = useState<Phase>({ name: 'idle' });
  const bodyField = useRef<HTMLTextAreaElement>(null);
  // The draft (components/useDraft.ts), restored once the workspace is known and before the lookup.
  const { draft, setDraft, touched, restore, pendingKey } = useDraft(recipient.ref);
  // Status and recipient (components/useRecipient.ts).
  const { status, recheckContact, switchedTo, problem, contacts, contact, setContact, switchWorkspace, createLead } = useRecipient(recipient, restore, start);
  const inFlight = useRef(false); // synchronous: a double click must not start two sends
  const baseKey = status?.workspace ? draftKey(status.workspace.id, recipient.ref) : null;
  // Continuing a conversation (components/useConversation.ts): the draft key follows the one chosen.
  const { key, conversations, conversationId, thread, earlier, note, setNote, followUp, setFollowUp, teams, choose, reply: replyInConversation, afterMessage } =
    useConversation({ baseKey, contact, draft, setDraft, setPhase, touched, inFlight, threadLength, initialConversationId, recheckContact, warm: start?.warm ?? null, ...(start ? { defaultConversation: start.defaultConversation ?? 'new' } : {}) });
  // Issue 13: the contact card, the macro picker, formatting and unfilled placeholders.
  const card = useContactCard(contact?.id ?? null);
  const [placeholders, setPlaceholders] = useState<Placeholders>({ missing: [], unknown: [] });
  const [confirming, setConfirming] = useState<string[] | null>(null);
  /** Email with the Plain template is plain text unless the agent turns formatting on; the rest is formatted. */
  const plainByDefault = draft.channel === 'email' && draft.template === 'plain';
  const format: 'html' | 'text' = plainByDefault && draft.bodyFormat !== 'html' ? 'text' : 'html';

  // The cursor starts in the message without scrolling the panel's body: on a short window the
  // card and the conversation come first, and the body scrolls to the caret once the agent types.
  useEffect(() => bodyField.current?.focus({ preventScroll: true }), []);

  // Until the workspace is known, the draft autosaves under the recipient's own key.
  useAutosave(key ?? pendingKey, draft, touched);

  const edit = (patch: Partial<StoredDraft>) => {
    touched.current = true;
    setDraft((d) => ({ ...d, ...patch }));
    if (phase.name === 'sent' || phase.name === 'undone' || phase.name === 'scheduled') setPhase({ name: 'idle' });
  };

  /** The draft as the background sends it: formatted text becomes the HTML Intercom receives. */
  const outgoing = () => ({
    channel: draft.channel,
    subject: draft.subject,
    template: draft.template,
    body: format === 'html' ? markupToHtml(draft.body) : draft.body,
    bodyFormat: format,
    ...(draft.fromAdminId ? { fromAdminId: draft.fromAdminId } : {}),
  });

  async function send(event: Event, confirmResend = false, confirmedPlaceholders = false) {
    // Placeholders a macro could not fill are still [markers] in the text: ask once before sending.
    const unresolved = unresolvedPlaceholders(draft.body, placeholders.missing);
    if (event.isTrusted && unresolved.length && !confirmedPlaceholders) return setConfirming(unresolved);
    setConfirming(null);
    if (conversationId) return replyInConversation(event, confirmResend);
    if (!event.isTrusted || inFlight.current || !key || !contact || !status) return;
    inFlight.current = true;
    const draftId = draftIdOf(key, draft);
    setPhase(status.undoSeconds > 0 ? { name: 'waiting', draftId } : { name: 'sending' });
    await saveDraft(key, draft);
    const reply = await callBackground('message.send', {
      draftId,
      recipient: { kind: 'contact_id', value: contact.id },
      draft: outgoing(),
      ...(confirmResend ? { confirmResend } : {}),
    });
    inFlight.current = false;
    if (reply.ok) {
      touched.current = false;
      setPlaceholders({ missing: [], unknown: [] });
      setDraft(await clearDraft(key));
      setPhase({ name: 'sent', url: reply.data.conversationUrl });
      afterMessage(reply.data, draft.fromAdminId);
    } else if (reply.error.code === 'cancelled') {
      setPhase({ name: 'undone' });
    } else {
      setPhase({ name: 'failed', error: reply.error });
    }
  }

  /** Send later: the background keeps the draft in its queue; here it is done, like a send. */
  async function schedule(sendAt: number, trusted: boolean) {
    if (!trusted || inFlight.current || !key || !contact || !status) return;
    inFlight.current = true;
    const reply = await callBackground('message.schedule', {
      draftId: draftIdOf(key, draft),
      recipient: { kind: 'contact_id', value: contact.id },
      draft: outgoing(),
      sendAt,
    });
    inFlight.current = false;
    if (!reply.ok) return setPhase({ name: 'failed', error: reply.error, later: true });
    touched.current = false;
    setDraft(await clearDraft(key));
    setPhase({ name: 'scheduled', at: reply.data.sendAt });
  }

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && onClose) {
      e.preventDefault();
      onClose();
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void send(e);
    }
  };

  const busy = phase.name === 'sending' || phase.name === 'waiting';
  const name = contact?.name ?? recipient.displayName ?? recipient.ref.value;
  const admins = status?.admins ?? [];

  return (
    <section class="hailer-panel" role="dialog" aria-labelledby="hailer-title" onKeyDown={onKeyDown}>
      <PanelHeader
        name={name}
        status={status}
        switched={switchedTo !== null}
        onSwitchWorkspace={switchWorkspace}
        onOpenSidePanel={onOpenSidePanel}
        onTeach={onTeach}
        onClose={onClose}
      />

      {/* The body scrolls, the foot (Send, Send later, the hint, the outcome) never does: Send stays in reach at any height. */}
      <div class="panel-body">
        {problem && <Problem error={problem} onOpenOptions={onOpenOptions} />}
        {status && !status.configured && (
          <Problem error={{ code: 'not_configured', message: t('error_not_configured'), action: t('error_not_configured_action') }} onOpenOptions={onOpenOptions} />
        )}

        <RecipientBlock
          recipient={recipient}
          contact={contact}
          contacts={contacts}
          checking={!problem && status?.configured !== false}
          onPick={setContact}
          onCreateLead={(email) => void createLead(email)}
        />

        {contact && <ContactCard contact={contact} card={card} />}

        <ConversationPicker
          name={name}
          conversations={contacts && !contact ? [] : conversations}
          value={conversationId}
          onChange={(id) => void choose(id)}
        />

        {conversationId && <ConversationThread thread={thread} onEarlier={earlier} />}

        {conversationId ? (
          <ReplyMode name={name} title={thread?.conversation.title ?? thread?.conversation.firstLine ?? conversationId} note={note} onNote={setNote} />
        ) : (
          <ChannelFields draft={draft} edit={edit} />
        )}

        <MessageEditor
          draft={draft}
          edit={edit}
          format={format}
          plainByDefault={plainByDefault}
          macroContext={{
            contact,
            card: card.data,
            teammate: admins.find((a) => a.id === (draft.fromAdminId ?? status?.defaultAdminId)) ?? null,
            workspaceName: status?.workspace?.name ?? null,
          }}
          placeholders={placeholders}
          setPlaceholders={setPlaceholders}
          bodyField={bodyField}
          workspaceCode={status?.workspace?.id ?? null}
        />

        <SenderSelect admins={admins} value={draft.fromAdminId ?? status?.defaultAdminId ?? ''} onChange={(fromAdminId) => edit({ fromAdminId })} />
        <FollowUpSelect value={followUp} onChange={setFollowUp} teams={teams} />
      </div>

      <div class="panel-foot">
        <div class="actions">
          <button type="button" class="send" aria-busy={busy} disabled={busy || !contact || (conversationId !== '' && !thread)} onClick={(e) => void send(e)}>
            {t('panelSend')}
          </button>
          {/* The queue sends new messages only: a reply is sent now, against what the agent has just read. */}
          {!conversationId && <SendLater disabled={busy || !contact} onSchedule={(at, trusted) => void schedule(at, trusted)} />}
          {phase.name === 'waiting' && (
            <button type="button" onClick={() => void callBackground('message.cancel', { draftId: phase.draftId })}>
              {t('panelUndo')}
            </button>
          )}
          {/* Esc closes only a panel that can close (not the side panel or the popup's). */}
          <span class="hint">{t(onClose ? 'panelShortcutHint' : 'panelSendShortcutHint')}</span>
        </div>

        {confirming && (
          <div class="problem confirm" role="alert">
            <p>{t('placeholdersConfirm', confirming.join(', '))}</p>
            <button type="button" onClick={(e) => void send(e, false, true)}>
              {t('placeholdersSendAnyway')}
            </button>
            <button
              type="button"
              onClick={() => {
                setConfirming(null);
                bodyField.current?.focus();
              }}
            >
              {t('placeholdersEdit')}
            </button>
          </div>
        )}

        <SendOutcome
          phase={phase}
          undoSeconds={status?.undoSeconds ?? 0}
          onRetry={(e, confirmResend) => void send(e, confirmResend)}
          onSendAnyway={(e) => void replyInConversation(e)}
          onOpenOptions={onOpenOptions}
        />
      </div>
    </section>
  );
}
