// The background service worker: the only context that holds the Intercom token and talks to
// Intercom. Pages, popup and options reach it through the protocol in utils/protocol.ts.
import { browser } from 'wxt/browser';
import type { Runtime } from 'webextension-polyfill';
import { createRouter, type Handlers } from '@/utils/router';
import { clearToken, readToken, setToken, tokenStatus } from '@/utils/vault';
import { loadSettings, workspaceItem, type Settings, type Workspace } from '@/utils/settings';
import { createIntercomClient, conversationUrl, contactUrl, endpointsFor, withInAppNameFallback } from '@/utils/intercom';
import { findContactsRemembered, rememberContacts, rememberedContact, sendDraft } from '@/utils/send';
import { addHistory } from '@/utils/history';
import { cancelQueued, editScheduled, enqueue, finished, holdForUndo, sendNow, startQueue, MAX_SCHEDULE_MS, type QueuedSend } from '@/utils/compose/queue';
import { queuedDelivery } from '@/utils/compose/queued-delivery';
import { prepareMessage } from '@/utils/draft';
import { HailerError, isHailerError } from '@/utils/errors';
import { keepRuleRegistrationsInSync } from '@/utils/team-rules';
import { createMenus, handleMenuClick, openComposer } from '@/utils/context-menu';
import { calls, type AdminSummary, type AfterSend, type Draft, type RecipientRef } from '@/utils/protocol';
import { t } from '@/utils/i18n';
import { conversationCalls, toConversationSummaries } from '@/utils/compose/conversation-calls';
import { fetchContactCard, listContactAttributes } from '@/utils/intercom/card';
import { macrosForPanel } from '@/utils/macros-cache';
import { chosenCardAttributes } from '@/utils/card-attributes';
import { peopleHandlers } from '@/utils/scan/background';
import { teachHandlers } from '@/utils/teach/background';

export default defineBackground(() => {
  const route = createRouter(handlers, { id: browser.runtime.id, origin: browser.runtime.getURL('/') });
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => route(message, sender));
  keepRuleRegistrationsInSync();
  forgetCachesOnChange();
  // Sends waiting for their time (undo window, Send later) live in storage with an alarm each.
  startQueue(deliverQueued);

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

// Settings and the workspace are read on every call; keep them in memory until storage changes.
let settingsCache: Promise<Settings> | undefined;
let workspaceCache: Promise<Workspace | null> | undefined;
const settingsNow = () => (settingsCache ??= loadSettings());
function forgetCachesOnChange() {
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'managed' || 'settings' in changes) settingsCache = undefined;
    if ('workspace' in changes) workspaceCache = undefined;
  });
}

/** A client for the saved token and region; throws `not_configured` when there is no token. */
async function intercom() {
  const token = await readToken();
  if (!token) throw new HailerError('not_configured');
  const settings = await settingsNow();
  const endpoints = endpointsFor(settings);
  // Test builds give up sooner, so the fault suite's "slow answer" rows take seconds, not minutes.
  const timeoutMs = __HAILER_TEST_BUILD__ ? 2_500 : 15_000;
  return { api: createIntercomClient({ token, apiBaseUrl: endpoints.apiBaseUrl, timeoutMs }), ...endpoints };
}

/** GET /me, cached per API base URL: the workspace id is needed for every inbox link. */
async function workspace(): Promise<Workspace> {
  const { api, apiBaseUrl } = await intercom();
  const cached = await (workspaceCache ??= workspaceItem.getValue());
  if (cached && cached.apiBaseUrl === apiBaseUrl) return cached;
  const me = await api.me();
  const fresh: Workspace = {
    id: me.workspace.id,
    name: me.workspace.name,
    region: me.workspace.region,
    adminId: me.admin.id,
    adminName: me.admin.name,
    adminEmail: me.admin.email,
    apiBaseUrl,
  };
  workspaceCache = Promise.resolve(fresh);
  await workspaceItem.setValue(fresh);
  return fresh;
}

let adminsCache: { apiBaseUrl: string; admins: AdminSummary[] } | undefined;
async function admins(): Promise<AdminSummary[]> {
  const { api, apiBaseUrl } = await intercom();
  if (adminsCache?.apiBaseUrl !== apiBaseUrl) adminsCache = { apiBaseUrl, admins: await api.listAdmins() };
  return adminsCache.admins;
}

const SENT_NOTIFICATION = 'hailer-sent:';

/** A send from the popup outlives it: when the popup is gone by the time it lands, say so. */
async function notifyIfPopupClosed(to: string, conversationUrl: string): Promise<void> {
  const getContexts = (browser.runtime as { getContexts?: (f: object) => Promise<unknown[]> }).getContexts;
  if (getContexts && (await getContexts({ contextTypes: ['POPUP'] })).length > 0) return;
  await browser.notifications?.create(`${SENT_NOTIFICATION}${conversationUrl}`, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title: t('sentNotificationTitle', to),
    message: t('sentNotificationMessage'),
  });
}

/** Opens the inbox link per the agent's setting: a new tab, the Intercom tab already open, or nothing. */
async function openConversation(url: string, mode: AfterSend): Promise<void> {
  if (mode === 'stay') return;
  if (mode === 'reuse_tab') {
    const { appBaseUrl } = await intercom();
    const [tab] = await browser.tabs.query({ url: `${appBaseUrl}/*` });
    if (tab?.id !== undefined) {
      await browser.tabs.update(tab.id, { url, active: true });
      if (tab.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true });
      return;
    }
  }
  await browser.tabs.create({ url });
}

const handlers: Handlers = {
  async 'app.status'() {
    const settings = await settingsNow();
    const status = await tokenStatus();
    const common = { afterSend: settings.afterSend, undoSeconds: settings.undoSeconds };
    if (!status.set) return { configured: false, workspace: null, admins: [], defaultAdminId: null, ...common };
    const ws = await workspace();
    return {
      configured: true,
      workspace: { id: ws.id, name: ws.name },
      admins: await admins(),
      defaultAdminId: settings.sendAsAdminId ?? ws.adminId,
      ...common,
    };
  },

  async 'recipient.find'({ ref }) {
    const { api } = await intercom();
    return { contacts: (await findContactsRemembered(ref, api)).slice(0, 20) };
  },

  async 'recipient.createLead'({ email }) {
    const { api } = await intercom();
    const contact = await api.createLead(email);
    rememberContacts({ kind: 'email', value: email }, [contact]);
    return { contact };
  },

  async 'recipient.conversations'({ contactId }) {
    const { api, appBaseUrl } = await intercom();
    const ws = await workspace();
    const recent = await api.findRecentConversations({ contactId, limit: 10 });
    const team = await admins().catch(() => []);
    return { conversations: toConversationSummaries(recent, team, (id) => conversationUrl(appBaseUrl, ws.id, id)) };
  },

  async 'message.send'(request, sender) {
    const { api, appBaseUrl } = await intercom();
    const ws = await workspace();
    const settings = await settingsNow();
    // The undo window is kept in storage with an alarm: if this worker or the browser stops inside
    // it, the queue sends it, once, when the background runs again (and calls here as `fromQueue`).
    const held = settings.undoSeconds > 0 && sender !== fromQueue;
    if (held) {
      const now = Date.now();
      await holdForUndo({ ...queued(request), kind: 'undo', dueAt: now + settings.undoSeconds * 1000, queuedAt: now, state: 'waiting' });
    }
    const record = (status: 'sent' | 'failed' | 'maybe_sent' | 'duplicate', extra: object) => {
      const contact = rememberedContact(request.recipient);
      void addHistory({
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
        defaultAdminId: settings.sendAsAdminId ?? ws.adminId,
        conversationUrl: (id) => conversationUrl(appBaseUrl, ws.id, id),
        contactUrl: (id) => contactUrl(appBaseUrl, ws.id, id),
        onDuplicate: (ids) => {
          const urls = ids.map((id) => conversationUrl(appBaseUrl, ws.id, id));
          record('duplicate', { conversationUrl: urls[urls.length - 1] });
          void browser.notifications
            ?.create(`hailer-duplicate-${request.draftId}`, {
              type: 'basic',
              iconUrl: browser.runtime.getURL('/icon/128.png'),
              title: t('duplicateTitle'),
              message: t('duplicateMessage', String(ids.length)),
            })
            .catch(() => {});
        },
      });
      record('sent', { conversationUrl: result.conversationUrl });
      if (sender.url?.includes('/popup.html')) void notifyIfPopupClosed(rememberedContact(request.recipient)?.name ?? request.recipient.value, result.conversationUrl);
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

  async 'conversation.open'({ conversationId, mode }) {
    const { appBaseUrl } = await intercom();
    const ws = await workspace();
    const url = conversationUrl(appBaseUrl, ws.id, conversationId);
    // The agent asked to open it: "stay" (the automatic behaviour after a send) means a new tab here.
    const afterSend = (await settingsNow()).afterSend;
    await openConversation(url, mode ?? (afterSend === 'stay' ? 'open_new_tab' : afterSend));
    return { url };
  },

  async 'recipient.card'({ contactId }) {
    const { api } = await intercom();
    return fetchContactCard(api, contactId, await chosenCardAttributes());
  },

  async 'macros.list'({ refresh }) {
    const { api, apiBaseUrl } = await intercom();
    const ws = await workspace();
    return macrosForPanel(api, apiBaseUrl, (await settingsNow()).sendAsAdminId ?? ws.adminId, refresh ?? false);
  },

  async 'dataAttributes.list'() {
    const { api } = await intercom();
    return { attributes: await listContactAttributes(api) };
  },

  async 'token.set'({ token }) {
    await setToken(token);
    await workspaceItem.setValue(null);
    adminsCache = undefined;
    return {};
  },

  async 'token.clear'() {
    await clearToken();
    await workspaceItem.setValue(null);
    adminsCache = undefined;
    return {};
  },

  async 'token.status'() {
    return tokenStatus();
  },

  async 'connection.test'() {
    await workspaceItem.setValue(null);
    adminsCache = undefined;
    const ws = await workspace();
    return {
      admin: { id: ws.adminId, name: ws.adminName, email: ws.adminEmail },
      workspace: { id: ws.id, name: ws.name, region: ws.region },
    };
  },

  async 'admins.list'() {
    return { admins: await admins() };
  },

  ...conversationCalls({
    intercom,
    workspaceId: async () => (await workspace()).id,
    defaultAdminId: async () => (await settingsNow()).sendAsAdminId ?? (await workspace()).adminId,
    admins,
    recipientLabel: (ref) => rememberedContact(ref)?.name ?? ref.value,
  }),
  ...peopleHandlers({ api: async () => (await intercom()).api, workspace, admins, settings: settingsNow }),
  ...teachHandlers,

  async 'message.schedule'(request) {
    const now = Date.now();
    if (request.sendAt < now - 60_000 || request.sendAt > now + MAX_SCHEDULE_MS) {
      throw new HailerError('invalid_message', { detail: t('sendLaterTimeInvalid') });
    }
    prepareMessage(request.draft); // refuse now what Intercom would refuse later
    const { api } = await intercom();
    const contacts = await findContactsRemembered(request.recipient, api);
    if (contacts.length === 0) throw new HailerError('recipient_not_found');
    if (contacts.length > 1) throw new HailerError('recipient_ambiguous');
    await enqueue({
      ...queued(request),
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

/** The sender of the sends the queue makes itself (no page is waiting for them). */
const fromQueue: Runtime.MessageSender = {};

/** The queue entry fields every queued send has, from its send request. */
const queued = (request: { draftId: string; recipient: RecipientRef; draft: Draft }): Pick<QueuedSend, 'id' | 'recipient' | 'draft' | 'to'> => ({
  id: request.draftId,
  recipient: request.recipient,
  draft: request.draft,
  to: rememberedContact(request.recipient)?.name ?? rememberedContact(request.recipient)?.email ?? request.recipient.value,
});

/** Queued sends whose time came with no page waiting: the same send, reported by notification. */
const deliverQueued = queuedDelivery({
  api: async () => (await intercom()).api,
  send: (entry) => handlers['message.send'](calls['message.send'].request.parse({ draftId: entry.id, recipient: entry.recipient, draft: entry.draft }), fromQueue),
  sentNotificationId: (url) => `${SENT_NOTIFICATION}${url}`,
});
