// The compose panel: confirm the recipient, write, send once, land in the conversation. One
// component for the in-page panel and the toolbar popup; it talks to the background only through
// the protocol, and sends only on the agent's own (trusted) clicks and keys.
import { useEffect, useRef, useState } from 'preact/hooks';
import { callBackground, chooseWorkspace } from '@/utils/messaging';
import { t } from '@/utils/i18n';
import { clearDraft, draftIdOf, draftKey, emptyDraft, loadDraft, saveDraft, type StoredDraft } from '@/utils/compose/draft-store';
import type { CallReply, ContactSummary, DetectedRecipient, PartSummary, WireError } from '@/utils/protocol';
import { markupToHtml } from '@/utils/compose/markup';
import { WorkspaceSwitch, unknownWorkspaceProblem } from './WorkspaceSwitch';
import { CollisionNotice, ConversationPicker, ReplyMode } from './ConversationPicker';
import { FollowUpSelect } from './FollowUp';
import { useConversation } from './useConversation';
import { ContactCard, useContactCard } from './ContactCard';
import { unresolvedPlaceholders } from './PlaceholderNotice';
import { SendLater } from './SendLater';
import { MessageEditor, type Placeholders } from './MessageEditor';

export interface ComposePanelProps {
  recipient: DetectedRecipient;
  /** Escape or the close button; absent where the host has its own way to close (popup). */
  onClose?: () => void;
  /** Where `runtime.openOptionsPage` is available (popup), offer it when Hailer is not set up. */
  onOpenOptions?: () => void;
  /** On a page a team rule covers: "Teach Hailer this page" starts the picker to teach it again. */
  onTeach?: () => void;
}

type Status = CallReply<'app.status'>;
export type Phase =
  | { name: 'idle' }
  | { name: 'waiting'; draftId: string }
  | { name: 'sending' }
  | { name: 'sent'; url: string; words?: string; followUpError?: WireError; copies?: number }
  | { name: 'collision'; parts: PartSummary[] }
  | { name: 'failed'; error: WireError; later?: boolean }
  | { name: 'undone' }
  | { name: 'scheduled'; at: number };

const SAVE_DELAY_MS = 300;

export function ComposePanel({ recipient, onClose, onOpenOptions, onTeach }: ComposePanelProps) {
  const [status, setStatus] = useState<Status | null>(null);
  /** The workspace the agent switched to for this message (null: the page's). */
  const [switchedTo, setSwitchedTo] = useState<string | null>(null);
  const [problem, setProblem] = useState<WireError | null>(null);
  const [contacts, setContacts] = useState<ContactSummary[] | null>(null);
  const [contact, setContact] = useState<ContactSummary | null>(null);
  const [draft, setDraft] = useState<StoredDraft>(emptyDraft);
  const [phase, setPhase] = useState<Phase>({ name: 'idle' });
  const bodyField = useRef<HTMLTextAreaElement>(null);
  const touched = useRef(false);
  const inFlight = useRef(false); // synchronous: a double click must not start two sends
  const baseKey = status?.workspace ? draftKey(status.workspace.id, recipient.ref) : null;
  // Continuing a conversation (components/useConversation.ts): the draft key follows the one chosen.
  const { key, conversations, conversationId, thread, note, setNote, followUp, setFollowUp, teams, choose, reply: replyInConversation, afterMessage } =
    useConversation({ baseKey, contact, draft, setDraft, setPhase, touched, inFlight });
  // Issue 13: the contact card, the macro picker, formatting and unfilled placeholders.
  const card = useContactCard(contact?.id ?? null);
  const [placeholders, setPlaceholders] = useState<Placeholders>({ missing: [], unknown: [] });
  const [confirming, setConfirming] = useState<string[] | null>(null);
  /** Email with the Plain template is plain text unless the agent turns formatting on; the rest is formatted. */
  const plainByDefault = draft.channel === 'email' && draft.template === 'plain';
  const format: 'html' | 'text' = plainByDefault && draft.bodyFormat !== 'html' ? 'text' : 'html';

  useEffect(() => bodyField.current?.focus(), []);

  // Status, stored draft and recipient confirmation, for this recipient.
  useEffect(() => {
    let live = true;
    void (async () => {
      const s = await callBackground('app.status', {});
      if (!live) return;
      if (!s.ok) return setProblem(s.error);
      setStatus(s.data);
      setContacts(null);
      setContact(null);
      if (s.data.workspaces?.unknown) return setProblem(unknownWorkspaceProblem(s.data.workspaces.unknown));
      if (!s.data.configured || !s.data.workspace) return;
      const stored = await loadDraft(draftKey(s.data.workspace.id, recipient.ref));
      if (live && !touched.current) setDraft(stored);
      const found = await callBackground('recipient.find', { ref: recipient.ref });
      if (!live) return;
      if (!found.ok) return setProblem(found.error);
      setContacts(found.data.contacts);
      if (found.data.contacts.length === 1) setContact(found.data.contacts[0]!);
    })();
    return () => {
      live = false;
    };
  }, [recipient.ref.kind, recipient.ref.value, switchedTo]);

  function switchWorkspace(id: string) {
    // Every call from this page goes to the chosen workspace from now on; the effect above
    // confirms the recipient again there (a namesake elsewhere is never taken for them).
    chooseWorkspace(id);
    setProblem(null);
    setSwitchedTo(id);
  }

  // Autosave, debounced, and flushed when the page goes away.
  useEffect(() => {
    if (!key || !touched.current) return;
    // Both check `touched` again: a send that just succeeded must not have its draft saved back.
    const flush = () => void (touched.current && saveDraft(key, draft));
    const timer = setTimeout(flush, SAVE_DELAY_MS);
    addEventListener('pagehide', flush);
    return () => {
      clearTimeout(timer);
      removeEventListener('pagehide', flush);
    };
  }, [key, draft]);

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

  /** Intercom decides: a workspace or token that may not create contacts answers with an error. */
  async function createLead(email: string) {
    const reply = await callBackground('recipient.createLead', { email });
    if (!reply.ok) return setProblem(reply.error);
    setContacts([reply.data.contact]);
    setContact(reply.data.contact);
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
      <header>
        <h2 id="hailer-title">{t('panelTitle', name)}</h2>
        {status?.workspaces && <WorkspaceSwitch current={status.workspaces.current} choices={status.workspaces.choices} unknown={status.workspaces.unknown} onSwitch={switchWorkspace} />}
        {switchedTo && status?.workspaces?.current && (
          <p class="hint" aria-live="polite">
            {t('panelWorkspaceSwitched', status.workspaces.current.name)}
          </p>
        )}
        {onTeach && (
          <button type="button" class="teach" onClick={onTeach}>
            {t('teachButton')}
          </button>
        )}
        {onClose && (
          <button type="button" class="close" aria-label={t('panelClose')} onClick={onClose}>
            ×
          </button>
        )}
      </header>

      {problem && <Problem error={problem} onOpenOptions={onOpenOptions} />}
      {status && !status.configured && (
        <Problem error={{ code: 'not_configured', message: t('error_not_configured'), action: t('error_not_configured_action') }} onOpenOptions={onOpenOptions} />
      )}

      {contact ? (
        <p class="recipient" data-contact-id={contact.id}>
          <span>{contact.email ?? contact.externalId ?? contact.id}</span> · <span>{t(contact.role === 'lead' ? 'panelLead' : 'panelUser')}</span>
        </p>
      ) : contacts?.length === 0 ? (
        <div class="recipient missing" role="alert">
          <p>{t('panelNotFound')}</p>
          {recipient.ref.kind === 'email' && (
            <button type="button" onClick={() => void createLead(recipient.ref.value)}>
              {t('panelCreateLead', recipient.ref.value)}
            </button>
          )}
        </div>
      ) : contacts && contacts.length > 1 ? (
        <fieldset class="pick">
          <legend>{t('panelPickContact')}</legend>
          {contacts.map((c) => (
            <label>
              <input type="radio" name="hailer-contact" onChange={() => setContact(c)} />
              {`${c.name ?? c.email ?? c.id} (${t(c.role === 'lead' ? 'panelLead' : 'panelUser')}${c.email ? `, ${c.email}` : ''})`}
            </label>
          ))}
        </fieldset>
      ) : (
        !problem && status?.configured !== false && <p class="recipient">{t('panelChecking')}</p>
      )}

      {contact && <ContactCard contact={contact} card={card} />}

      <ConversationPicker
        name={name}
        conversations={contacts && !contact ? [] : conversations}
        value={conversationId}
        onChange={(id) => void choose(id)}
        thread={thread}
      />

      {conversationId ? (
        <ReplyMode name={name} title={thread?.conversation.title ?? thread?.conversation.firstLine ?? conversationId} note={note} onNote={setNote} />
      ) : (<div class="mode">
      <fieldset class="channel">
        <legend>{t('panelChannel')}</legend>
        <label>
          <input type="radio" name="hailer-channel" checked={draft.channel === 'in_app'} onChange={() => edit({ channel: 'in_app' })} />
          {t('panelInApp')}
        </label>
        <label>
          <input type="radio" name="hailer-channel" checked={draft.channel === 'email'} onChange={() => edit({ channel: 'email' })} />
          {t('panelEmail')}
        </label>
      </fieldset>

      {draft.channel === 'email' && (
        <div class="row">
          <label for="hailer-subject">{t('panelSubject')}</label>
          <input id="hailer-subject" value={draft.subject} maxLength={255} onInput={(e) => edit({ subject: e.currentTarget.value })} />
          <label for="hailer-template">{t('panelTemplate')}</label>
          <select id="hailer-template" value={draft.template} onChange={(e) => edit({ template: e.currentTarget.value as StoredDraft['template'] })}>
            <option value="plain">{t('panelTemplatePlain')}</option>
            <option value="personal">{t('panelTemplatePersonal')}</option>
          </select>
        </div>
      )}
      </div>)}

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

      <label for="hailer-from">{t('panelFrom')}</label>
      <select id="hailer-from" value={draft.fromAdminId ?? status?.defaultAdminId ?? ''} onChange={(e) => edit({ fromAdminId: e.currentTarget.value })}>
        {admins.map((a) => (
          <option value={a.id}>{a.name}</option>
        ))}
      </select>
      <FollowUpSelect value={followUp} onChange={setFollowUp} teams={teams} />

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
        <span class="hint">{t('panelShortcutHint')}</span>
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

      <div class="outcome" role="status" aria-live="polite">
        {phase.name === 'sending' && t('panelSending')}
        {phase.name === 'waiting' && t('panelWaiting', String(status?.undoSeconds ?? 0))}
        {phase.name === 'undone' && t('error_cancelled')}
        {phase.name === 'scheduled' && t('sendLaterScheduled', new Date(phase.at).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' }))}
        {phase.name === 'sent' && (
          <>
            {phase.words ?? t('panelSent')}{' '}
            <a href={phase.url} target="_blank" rel="noopener noreferrer">
              {t('panelOpenConversation')}
            </a>
          </>
        )}
      </div>
      {phase.name === 'sent' && phase.followUpError && (
        <p class="problem" role="alert">
          {t('panelFollowUpFailed', [phase.followUpError.message, phase.followUpError.action])}
        </p>
      )}
      {phase.name === 'sent' && phase.copies && (
        <p class="problem" role="alert">
          {t('panelReplyCopies', String(phase.copies))}
        </p>
      )}
      {phase.name === 'collision' && <CollisionNotice parts={phase.parts} onSendAnyway={(e) => void replyInConversation(e)} />}
      {phase.name === 'failed' && (
        <div class="failed">
          <Problem error={phase.error} onOpenOptions={onOpenOptions} />
          {!phase.later && (
            <button type="button" onClick={(e) => void send(e, phase.error.code === 'maybe_sent')}>
              {phase.error.code === 'maybe_sent' ? t('panelSendAgain') : t('panelRetry')}
            </button>
          )}
        </div>
      )}
    </section>
  );
}

function Problem({ error, onOpenOptions }: { error: WireError; onOpenOptions?: () => void }) {
  const setup = error.code === 'not_configured' || error.code === 'token_rejected';
  return (
    <div class="problem" role="alert">
      <strong>{error.message}</strong> {error.detail && <span>{error.detail} </span>}
      <span>{error.action}</span>
      {setup && onOpenOptions && (
        <button type="button" onClick={onOpenOptions}>
          {t('panelOpenOptions')}
        </button>
      )}
    </div>
  );
}
