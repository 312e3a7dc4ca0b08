// The background's handlers for new messages (protocol calls `message.send`, `message.cancel`,
// `message.schedule`, `queue.sendNow`, `queue.cancel`, `queue.edit`), spread into background.ts's
// handlers, and the delivery of queued sends whose time came. A send is checked against its
// workspace first, then held for the undo window (in storage, with an alarm), then sent once
// through the outbox, recorded in history, and the conversation opened per the agent's setting.
import { browser } from 'wxt/browser';
import type { Runtime } from 'webextension-polyfill';
import type { Handlers } from '../router';
import { calls, type AfterSend, type Draft, type RecipientRef } from '../protocol';
import { HailerError, isHailerError } from '../errors';
import { t } from '../i18n';
import { notify } from '../notify';
import type { Settings } from '../storage/settings';
import type { WorkspacesState } from '../storage/workspaces';
import { connectedWorkspace, type Session } from '../intercom/workspace-session';
import { conversationUrl, contactUrl } from '../intercom';
import { withInAppNameFallback } from '../intercom/message-type';
import { assertSameWorkspace } from './workspace-guard';
import { findContactsRemembered, rememberedContact, sendDraft } from './send';
import { addHistory } from './history';
import { cancelQueued, editScheduled, enqueue, finished, holdForUndo, queueItem, sendNow, MAX_SCHEDULE_MS, type QueuedSend } from './queue';
import { messageOutbox } from './outbox';
import { queuedDelivery } from './queued-delivery';
import { prepareMessage } from './outgoing-message';

export interface SendCallDeps {
  /** The session of the workspace the request names (undefined = the page's or the default). */
  intercom(workspaceId?: string | null): Promise<Session>;
  workspaces(): Promise<WorkspacesState>;
  settings(): Promise<Settings>;
  openConversation(url: string, mode: AfterSend): Promise<void>;
}

type SendCalls = Pick<Handlers, 'message.send' | 'message.cancel' | 'message.schedule' | 'queue.sendNow' | 'queue.cancel' | 'queue.edit'>;

/** Notification ids of sent messages carry the conversation's address: a click opens it. */
export const SENT_NOTIFICATION = 'hailer-sent:';

/** The sender of the sends the queue makes itself (no page is waiting for them). */
const fromQueue: Runtime.MessageSender = {};

export function sendCalls(deps: SendCallDeps): { handlers: SendCalls; deliverQueued: ReturnType<typeof queuedDelivery> } {
  const handlers: SendCalls = {
    async 'message.send'(request, sender, ctx) {
      const session = await deps.intercom(ctx?.workspaceId);
      const { api, appBaseUrl } = session;
      const ws = await connectedWorkspace(session);
      const settings = await deps.settings();
      // Never the wrong workspace: a draft, contact, sender or entry of another one is refused here,
      // before the undo window, the outbox or Intercom see it.
      await assertSameWorkspace(session.ws, await deps.workspaces(), await sendClaims(request));
      // The undo window is kept in storage with an alarm: if this worker or the browser stops inside
      // it, the queue sends it, once, when the background runs again (and calls here as `fromQueue`).
      const held = settings.undoSeconds > 0 && sender !== fromQueue;
      if (held) {
        const now = Date.now();
        await holdForUndo({ ...queued(request, session.ws.id), kind: 'undo', dueAt: now + settings.undoSeconds * 1000, queuedAt: now, state: 'waiting' });
      }
      const record = (status: 'sent' | 'failed' | 'maybe_sent' | 'duplicate', extra: object) => {
        const contact = rememberedContact(request.recipient, session.ws.id);
        void addHistory({
          workspaceId: session.ws.id,
          at: Math.floor(Date.now() / 1000),
          to: contact?.name ?? contact?.email ?? request.recipient.value,
          ref: request.recipient,
          channel: request.draft.channel,
          status,
          ...extra,
        });
      };
      try {
        const result = await sendDraft(request, {
          api: { ...api, createMessage: withInAppNameFallback(api.createMessage, ws.id) },
          workspaceId: session.ws.id,
          defaultAdminId: session.ws.sendAsAdminId ?? ws.adminId,
          conversationUrl: (id) => conversationUrl(appBaseUrl, ws.id, id),
          contactUrl: (id) => contactUrl(appBaseUrl, ws.id, id),
          onDuplicate: (ids) => {
            const urls = ids.map((id) => conversationUrl(appBaseUrl, ws.id, id));
            record('duplicate', { conversationUrl: urls[urls.length - 1] });
            void notify(`hailer-duplicate-${request.draftId}`, t('duplicateTitle'), t('duplicateMessage', String(ids.length)));
          },
        });
        record('sent', { conversationUrl: result.conversationUrl, ...(result.conversationId ? { conversationId: result.conversationId } : {}) });
        if (sender.url?.includes('/popup.html')) void notifyIfPopupClosed(rememberedContact(request.recipient, session.ws.id)?.name ?? request.recipient.value, result.conversationUrl);
        // Opening the inbox is not part of the send: it starts after the reply is on its way (a new
        // tab costs tens of ms), and a tab that fails to open must not fail the reply.
        // A send the queue makes on its own (its time came) does not pull the agent away: it notifies.
        if (sender !== fromQueue) setTimeout(() => void deps.openConversation(result.conversationUrl, settings.afterSend).catch(() => {}), 0);
        return result;
      } catch (error) {
        const code = isHailerError(error) ? error.code : 'unknown';
        if (code !== 'send_in_progress') record(code === 'maybe_sent' ? 'maybe_sent' : 'failed', { error: code, draft: request.draft });
        throw error;
      } finally {
        if (held) void finished(request.draftId);
      }
    },

    async 'message.cancel'({ draftId }) {
      return { cancelled: await cancelQueued(draftId) };
    },

    async 'message.schedule'(request, _sender, ctx) {
      const now = Date.now();
      if (request.sendAt < now - 60_000 || request.sendAt > now + MAX_SCHEDULE_MS) {
        throw new HailerError('invalid_message', { detail: t('sendLaterTimeInvalid') });
      }
      prepareMessage(request.draft); // refuse now what Intercom would refuse later
      const { api, ws } = await deps.intercom(ctx?.workspaceId);
      await assertSameWorkspace(ws, await deps.workspaces(), await sendClaims(request));
      const contacts = await findContactsRemembered(request.recipient, api, ws.id);
      if (contacts.length === 0) throw new HailerError('recipient_not_found');
      if (contacts.length > 1) throw new HailerError('recipient_ambiguous');
      await enqueue({
        ...queued(request, ws.id),
        kind: 'scheduled',
        dueAt: Math.max(request.sendAt, now),
        queuedAt: now,
        contactId: contacts[0]!.id,
        ...(request.conversationId ? { conversationId: request.conversationId } : {}),
        state: 'waiting',
      });
      return { sendAt: Math.max(request.sendAt, now) };
    },

    async 'queue.sendNow'({ id }) {
      return { done: await sendNow(id) };
    },

    async 'queue.cancel'({ id }) {
      return { cancelled: await cancelQueued(id) };
    },

    async 'queue.edit'({ id, sendAt, body, subject }) {
      if (sendAt > Date.now() + MAX_SCHEDULE_MS) throw new HailerError('invalid_message', { detail: t('sendLaterTimeInvalid') });
      return { edited: await editScheduled(id, { dueAt: Math.max(sendAt, Date.now()), ...(body !== undefined ? { body } : {}), ...(subject !== undefined ? { subject } : {}) }) };
    },
  };

  /** Queued sends whose time came with no page waiting: the same send, through the workspace it was queued in, reported by notification. */
  const deliverQueued = queuedDelivery({
    api: async (entry) => (await deps.intercom(entry.workspaceId)).api,
    send: (entry) =>
      handlers['message.send'](
        calls['message.send'].request.parse({ draftId: entry.id, recipient: entry.recipient, draft: entry.draft }),
        fromQueue,
        entry.workspaceId ? { workspaceId: entry.workspaceId } : {},
      ),
    sentNotificationId: (url) => `${SENT_NOTIFICATION}${url}`,
  });

  return { handlers, deliverQueued };
}

/**
 * What a send or a scheduled send says about where it belongs, for the workspace guard: its draft,
 * its contact, its sender, its conversation, and the workspace an outbox or queue entry of this draft
 * was made in, if one exists.
 */
async function sendClaims(request: { draftId: string; recipient: RecipientRef; draft: Draft; conversationId?: string }) {
  const entry = (await messageOutbox.get(request.draftId)) ?? (await queueItem.getValue())[request.draftId];
  return {
    draftId: request.draftId,
    ...(request.recipient.kind === 'contact_id' ? { contactId: request.recipient.value } : {}),
    ...(request.draft.fromAdminId ? { adminId: request.draft.fromAdminId } : {}),
    ...(request.conversationId ? { conversationId: request.conversationId } : {}),
    ...(entry?.workspaceId ? { entryWorkspaceId: entry.workspaceId } : {}),
  };
}

/** The queue entry fields every queued send has, from its send request. */
function queued(request: { draftId: string; recipient: RecipientRef; draft: Draft }, workspaceId: string): Pick<QueuedSend, 'id' | 'recipient' | 'draft' | 'to' | 'workspaceId'> {
  const contact = rememberedContact(request.recipient, workspaceId);
  return { id: request.draftId, workspaceId, recipient: request.recipient, draft: request.draft, to: contact?.name ?? contact?.email ?? request.recipient.value };
}

/** A send from the popup outlives it: when the popup is gone by the time it lands, say so. */
async function notifyIfPopupClosed(to: string, conversationUrl: string): Promise<void> {
  const getContexts = (browser.runtime as { getContexts?: (f: object) => Promise<unknown[]> }).getContexts;
  if (getContexts && (await getContexts({ contextTypes: ['POPUP'] })).length > 0) return;
  await notify(`${SENT_NOTIFICATION}${conversationUrl}`, t('sentNotificationTitle', to), t('sentNotificationMessage'));
}
