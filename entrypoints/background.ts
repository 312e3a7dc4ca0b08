// The background service worker: the only context that holds the Intercom token and talks to
// Intercom. Pages, popup and options reach it through the protocol in utils/protocol.ts.
import { browser } from 'wxt/browser';
import type { Runtime } from 'webextension-polyfill';
import { createRouter, type Handlers } from '@/utils/router';
import { clearToken, setToken, tokenStatus } from '@/utils/storage/vault';
import { loadSettings, type Settings } from '@/utils/storage/settings';
import { migrateStorage } from '@/utils/storage/migrate';
import { UnknownWorkspaceError } from '@/utils/storage/workspaces';
import { resolvePageWorkspace } from '@/utils/storage/page-workspace';
import { removeWorkspaceAndData } from '@/utils/storage/remove-workspace';
import { applyManagedWorkspaces } from '@/utils/storage/managed-workspaces';
import { adminsOf, connectedWorkspace, forgetAdmins, forgetConnected, forgetWorkspaceState, resolveWorkspace, sessionFor, workspaceState, type ConnectedWorkspace } from '@/utils/intercom/workspace-session';
import { assertSameWorkspace, recordIds } from '@/utils/compose/workspace-guard';
import { conversationUrl, contactUrl, withInAppNameFallback } from '@/utils/intercom';
import { findContactsRemembered, rememberContacts, rememberedContact, sendDraft } from '@/utils/compose/send';
import { addHistory } from '@/utils/compose/history';
import { cancelQueued, editScheduled, enqueue, finished, holdForUndo, queueItem, sendNow, startQueue, MAX_SCHEDULE_MS, type QueuedSend } from '@/utils/compose/queue';
import { getEntry } from '@/utils/compose/outbox';
import { queuedDelivery } from '@/utils/compose/queued-delivery';
import { prepareMessage } from '@/utils/compose/outgoing-message';
import { HailerError, isHailerError } from '@/utils/errors';
import { keepRuleRegistrationsInSync } from '@/utils/detect/team-rules';
import { createMenus, handleMenuClick, openComposer } from '@/utils/context-menu';
import { calls, type AdminSummary, type AfterSend, type Draft, type RecipientRef } from '@/utils/protocol';
import { t } from '@/utils/i18n';
import { notify } from '@/utils/notify';
import { conversationCalls, toConversationSummaries } from '@/utils/compose/conversation-calls';
import { fetchContactCard, listContactAttributes } from '@/utils/intercom/card';
import { macrosForPanel } from '@/utils/intercom/macros-cache';
import { chosenCardAttributes } from '@/utils/storage/card-attributes';
import { peopleHandlers } from '@/utils/scan/background';
import { teachHandlers } from '@/utils/teach/background';

export default defineBackground(() => {
  // Install, update, browser start, worker restart: the storage layout is brought up to date
  // (utils/storage/migrate.ts, idempotent) before any call reads it.
  const ready = migrateStorage().then(async (outcome) => {
    // Kept for diagnosis (and tests): why the previous layout is still in use.
    if ('error' in outcome) await browser.storage.session.set({ migrationError: String(outcome.error) }).catch(() => {});
    await applyManagedWorkspaces().catch(() => {});
  });
  browser.storage.onChanged.addListener((_, area) => void (area === 'managed' && ready.then(applyManagedWorkspaces).catch(() => {})));
  const route = createRouter(handlers, {
    id: browser.runtime.id,
    origin: browser.runtime.getURL('/'),
    // A call that names no workspace uses its page's: Intercom app id, rule or markup hint, sites.
    pageWorkspace: async (page) => pageWorkspaceOf(page),
  });
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => ready.then(() => route(message, sender)));
  keepRuleRegistrationsInSync();
  forgetCachesOnChange();
  // Sends waiting for their time (undo window, Send later) live in storage with an alarm each.
  void ready.then(() => startQueue(deliverQueued));

  createMenus();
  browser.contextMenus.onClicked.addListener((info, tab) => void handleMenuClick(info, tab));
  // Headless Chromium cannot click a context menu: test builds let e2e tests call the same handler.
  if (__HAILER_TEST_BUILD__) Object.assign(globalThis, { hailerTest: { handleMenuClick } });

  browser.notifications?.onClicked.addListener((id) => {
    if (id.startsWith(SENT_NOTIFICATION)) void browser.tabs.create({ url: id.slice(SENT_NOTIFICATION.length) });
  });

  browser.commands?.onCommand.addListener(async (command) => {
    if (command !== 'toggle-panel') return;
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id === undefined) return;
    const toggled = await browser.tabs.sendMessage(tab.id, { hailer: 1, event: 'toggle-panel' }).then(() => true, () => false);
    if (!toggled) await openComposer(tab);
  });
});

// Settings and the workspaces are read on every call; keep them in memory until storage changes.
let settingsCache: Promise<Settings> | undefined;
const settingsNow = () => (settingsCache ??= loadSettings());
function forgetCachesOnChange() {
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'managed' || 'settings' in changes) settingsCache = undefined;
    if ('workspaces' in changes) forgetWorkspaceState();
  });
}

/**
 * A client for one workspace's token and endpoints (the one the request names, else the default);
 * throws `not_configured` when it has no token, `workspace_unknown` when it is not set up.
 */
async function intercom(workspaceId?: string | null) {
  // Test builds give up sooner, so the fault suite's "slow answer" rows take seconds, not minutes.
  const timeoutMs = __HAILER_TEST_BUILD__ ? 2_500 : 15_000;
  return sessionFor(workspaceId, timeoutMs);
}

/** GET /me of that workspace, kept on its record: the id code is needed for every inbox link. */
async function workspace(workspaceId?: string | null): Promise<ConnectedWorkspace> {
  return connectedWorkspace(await intercom(workspaceId));
}

async function admins(workspaceId?: string | null): Promise<AdminSummary[]> {
  const session = await intercom(workspaceId);
  const list = await adminsOf(session);
  void recordIds(session.ws.id, 'admin', list.map((a) => a.id));
  return list;
}

/** The admin a workspace sends as when the draft names none: its chosen one, else the token's own. */
async function defaultAdminOf(workspaceId?: string | null): Promise<string> {
  const ws = await resolveWorkspace(workspaceId);
  return ws.sendAsAdminId ?? (await workspace(ws.id)).adminId;
}

const SENT_NOTIFICATION = 'hailer-sent:';

/** A send from the popup outlives it: when the popup is gone by the time it lands, say so. */
async function notifyIfPopupClosed(to: string, conversationUrl: string): Promise<void> {
  const getContexts = (browser.runtime as { getContexts?: (f: object) => Promise<unknown[]> }).getContexts;
  if (getContexts && (await getContexts({ contextTypes: ['POPUP'] })).length > 0) return;
  await notify(`${SENT_NOTIFICATION}${conversationUrl}`, t('sentNotificationTitle', to), t('sentNotificationMessage'));
}

/** Opens the inbox link per the agent's setting: a new tab, the Intercom tab already open, or nothing. */
async function openConversation(url: string, mode: AfterSend): Promise<void> {
  if (mode === 'stay') return;
  if (mode === 'reuse_tab') {
    // The inbox of the workspace the link is in (each workspace may have its own region or address).
    const [tab] = await browser.tabs.query({ url: `${new URL(url).origin}/*` });
    if (tab?.id !== undefined) {
      await browser.tabs.update(tab.id, { url, active: true });
      if (tab.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true });
      return;
    }
  }
  await browser.tabs.create({ url });
}

const handlers: Handlers = {
  async 'app.status'(_, _sender, ctx) {
    const settings = await settingsNow();
    const target = await resolveWorkspace(ctx?.workspaceId);
    const status = await tokenStatus(target.id);
    const choose = ({ id, name, colour }: { id: string; name: string; colour: string }) => ({ id, name, colour });
    const workspaces = { current: choose(target), choices: (await workspaceState()).list.map(choose) };
    const common = { afterSend: settings.afterSend, undoSeconds: settings.undoSeconds, workspaces };
    // The page names a workspace Hailer does not have: no workspace is chosen for the agent (the router
    // refuses every other call from this page until the agent picks one in the "Workspace" select).
    if (ctx?.unknownWorkspace) {
      return { ...common, configured: true, workspace: null, admins: [], defaultAdminId: null, workspaces: { current: null, choices: workspaces.choices, unknown: ctx.unknownWorkspace } };
    }
    if (!status.set) return { configured: false, workspace: null, admins: [], defaultAdminId: null, ...common };
    const ws = await workspace(target.id);
    workspaces.current.name = (await resolveWorkspace(target.id)).name;
    return {
      configured: true,
      workspace: { id: ws.id, name: ws.name },
      admins: await admins(target.id),
      defaultAdminId: target.sendAsAdminId ?? ws.adminId,
      ...common,
    };
  },

  async 'recipient.find'({ ref }, _sender, ctx) {
    const { api, ws } = await intercom(ctx?.workspaceId);
    const contacts = await findContactsRemembered(ref, api, ws.id);
    await recordIds(ws.id, 'contact', contacts.map((c) => c.id));
    return { contacts: contacts.slice(0, 20) };
  },

  async 'recipient.createLead'({ email }, _sender, ctx) {
    const { api, ws } = await intercom(ctx?.workspaceId);
    const contact = await api.createLead(email);
    rememberContacts({ kind: 'email', value: email }, [contact], ws.id);
    await recordIds(ws.id, 'contact', [contact.id]);
    return { contact };
  },

  async 'recipient.conversations'({ contactId }, _sender, ctx) {
    const session = await intercom(ctx?.workspaceId);
    const { api, appBaseUrl } = session;
    const ws = await connectedWorkspace(session);
    const recent = await api.findRecentConversations({ contactId, limit: 10 });
    await recordIds(session.ws.id, 'conversation', recent.map((c) => c.id));
    const team = await admins(session.ws.id).catch(() => []);
    return { conversations: toConversationSummaries(recent, team, (id) => conversationUrl(appBaseUrl, ws.id, id)) };
  },

  async 'message.send'(request, sender, ctx) {
    const session = await intercom(ctx?.workspaceId);
    const { api, appBaseUrl } = session;
    const ws = await connectedWorkspace(session);
    const settings = await settingsNow();
    // Never the wrong workspace: a draft, contact, sender or entry of another one is refused here,
    // before the undo window, the outbox or Intercom see it.
    await assertSameWorkspace(session.ws, await workspaceState(), await sendClaims(request));
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
      record('sent', { conversationUrl: result.conversationUrl });
      if (sender.url?.includes('/popup.html')) void notifyIfPopupClosed(rememberedContact(request.recipient, session.ws.id)?.name ?? request.recipient.value, result.conversationUrl);
      // Opening the inbox is not part of the send: it starts after the reply is on its way (a new
      // tab costs tens of ms), and a tab that fails to open must not fail the reply.
      // A send the queue makes on its own (its time came) does not pull the agent away: it notifies.
      if (sender !== fromQueue) setTimeout(() => void openConversation(result.conversationUrl, settings.afterSend).catch(() => {}), 0);
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

  async 'conversation.open'({ conversationId, mode }, _sender, ctx) {
    const session = await intercom(ctx?.workspaceId);
    const { appBaseUrl } = session;
    const ws = await connectedWorkspace(session);
    const url = conversationUrl(appBaseUrl, ws.id, conversationId);
    // The agent asked to open it: "stay" (the automatic behaviour after a send) means a new tab here.
    const afterSend = (await settingsNow()).afterSend;
    await openConversation(url, mode ?? (afterSend === 'stay' ? 'open_new_tab' : afterSend));
    return { url };
  },

  async 'recipient.card'({ contactId }, _sender, ctx) {
    const { api } = await intercom(ctx?.workspaceId);
    return fetchContactCard(api, contactId, await chosenCardAttributes());
  },

  async 'macros.list'({ refresh }, _sender, ctx) {
    const session = await intercom(ctx?.workspaceId);
    return macrosForPanel(session.api, session.ws.id, await defaultAdminOf(session.ws.id), refresh ?? false);
  },

  async 'dataAttributes.list'(_, _sender, ctx) {
    const { api } = await intercom(ctx?.workspaceId);
    return { attributes: await listContactAttributes(api) };
  },

  async 'token.set'({ token }, _sender, ctx) {
    const ws = await resolveWorkspace(ctx?.workspaceId);
    await setToken(ws.id, token);
    await forgetConnected(ws.id);
    return {};
  },

  async 'token.clear'(_, _sender, ctx) {
    const ws = await resolveWorkspace(ctx?.workspaceId);
    await clearToken(ws.id);
    await forgetConnected(ws.id);
    return {};
  },

  async 'token.status'(_, _sender, ctx) {
    return tokenStatus((await resolveWorkspace(ctx?.workspaceId)).id);
  },

  async 'connection.test'(_, _sender, ctx) {
    const target = await resolveWorkspace(ctx?.workspaceId);
    await forgetConnected(target.id);
    const ws = await workspace(target.id);
    return {
      admin: { id: ws.adminId, name: ws.adminName, email: ws.adminEmail },
      workspace: { id: ws.id, name: ws.name, region: ws.region },
    };
  },

  async 'workspace.remove'({ workspaceId }) {
    await removeWorkspaceAndData(workspaceId).catch((error: unknown) => {
      throw error instanceof UnknownWorkspaceError ? new HailerError('workspace_unknown') : error;
    });
    forgetAdmins(workspaceId);
    forgetWorkspaceState();
    return { removed: true };
  },

  async 'admins.list'(_, _sender, ctx) {
    return { admins: await admins(ctx?.workspaceId) };
  },

  ...conversationCalls({
    intercom,
    workspaceId: async (workspaceId) => (await workspace(workspaceId)).id,
    defaultAdminId: defaultAdminOf,
    admins,
    recipientLabel: (ref, workspaceId) => rememberedContact(ref, workspaceId)?.name ?? ref.value,
    guard: async (workspaceId, claims) => {
      const target = await resolveWorkspace(workspaceId);
      await assertSameWorkspace(target, await workspaceState(), claims);
      return target.id;
    },
  }),
  ...peopleHandlers({ api: async (workspaceId) => (await intercom(workspaceId)).api, workspace, admins, settings: settingsNow }),

  async 'workspace.forPage'({ url, workspaceHint }) {
    const found = await pageWorkspaceOf({ url, ...(workspaceHint ? { hint: workspaceHint } : {}) });
    return { workspaceId: typeof found === 'string' ? found : null, unknown: typeof found === 'object' ? found.unknown : null };
  },
  ...teachHandlers,

  async 'message.schedule'(request, _sender, ctx) {
    const now = Date.now();
    if (request.sendAt < now - 60_000 || request.sendAt > now + MAX_SCHEDULE_MS) {
      throw new HailerError('invalid_message', { detail: t('sendLaterTimeInvalid') });
    }
    prepareMessage(request.draft); // refuse now what Intercom would refuse later
    const { api, ws } = await intercom(ctx?.workspaceId);
    await assertSameWorkspace(ws, await workspaceState(), await sendClaims(request));
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

/**
 * What a send or a scheduled send says about where it belongs, for the workspace guard: its draft,
 * its contact, its sender, its conversation, and the workspace an outbox or queue entry of this draft
 * was made in, if one exists.
 */
async function sendClaims(request: { draftId: string; recipient: RecipientRef; draft: Draft; conversationId?: string }) {
  const entry = (await getEntry(request.draftId)) ?? (await queueItem.getValue())[request.draftId];
  return {
    draftId: request.draftId,
    ...(request.recipient.kind === 'contact_id' ? { contactId: request.recipient.value } : {}),
    ...(request.draft.fromAdminId ? { adminId: request.draft.fromAdminId } : {}),
    ...(request.conversationId ? { conversationId: request.conversationId } : {}),
    ...(entry?.workspaceId ? { entryWorkspaceId: entry.workspaceId } : {}),
  };
}

/** A page's workspace id, `{ unknown }` when it names one Hailer does not have, undefined for the default. */
async function pageWorkspaceOf(page: { url?: string; hint?: string }): Promise<string | { unknown: string } | undefined> {
  const found = resolvePageWorkspace(await workspaceState(), page);
  return found.kind === 'workspace' ? found.workspace.id : found.kind === 'unknown' ? { unknown: found.hint } : undefined;
}

/** The sender of the sends the queue makes itself (no page is waiting for them). */
const fromQueue: Runtime.MessageSender = {};

/** The queue entry fields every queued send has, from its send request. */
function queued(request: { draftId: string; recipient: RecipientRef; draft: Draft }, workspaceId: string): Pick<QueuedSend, 'id' | 'recipient' | 'draft' | 'to' | 'workspaceId'> {
  const contact = rememberedContact(request.recipient, workspaceId);
  return { id: request.draftId, workspaceId, recipient: request.recipient, draft: request.draft, to: contact?.name ?? contact?.email ?? request.recipient.value };
}

/** Queued sends whose time came with no page waiting: the same send, through the workspace it was queued in, reported by notification. */
const deliverQueued = queuedDelivery({
  api: async (entry) => (await intercom(entry.workspaceId)).api,
  send: (entry) =>
    handlers['message.send'](
      calls['message.send'].request.parse({ draftId: entry.id, recipient: entry.recipient, draft: entry.draft }),
      fromQueue,
      entry.workspaceId ? { workspaceId: entry.workspaceId } : {},
    ),
  sentNotificationId: (url) => `${SENT_NOTIFICATION}${url}`,
});
