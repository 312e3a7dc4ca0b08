// The background service worker: the only context that holds the Intercom token and talks to
// Intercom. Pages, popup and options reach it through the protocol in utils/protocol.ts.
import { browser } from 'wxt/browser';
import type { Runtime } from 'webextension-polyfill';
import { createRouter, type Handlers } from '@/utils/router';
import { tokenStatus } from '@/utils/storage/vault';
import { loadSettings, type Settings } from '@/utils/storage/settings';
import { migrateStorage } from '@/utils/storage/migrate';
import { resolvePageWorkspace } from '@/utils/storage/page-workspace';
import { applyManagedWorkspaces } from '@/utils/storage/managed-workspaces';
import { adminsOf, connectedWorkspace, forgetWorkspaceState, resolveWorkspace, sessionFor, workspaceState, type ConnectedWorkspace } from '@/utils/intercom/workspace-session';
import { connectionCalls } from '@/utils/intercom/connection-calls';
import { openWelcomeOnInstall, simulatedRegionsInTestBuilds } from '@/utils/onboarding/first-run';
import { assertSameWorkspace, recordIds } from '@/utils/compose/workspace-guard';
import { conversationUrl } from '@/utils/intercom';
import { openConversation } from '@/utils/compose/open-in-inbox';
import { rememberContacts, rememberedContact } from '@/utils/compose/send';
import { recipientCalls, warmStart } from '@/utils/compose/recipient-calls';
import { startQueue } from '@/utils/compose/queue';
import { keepRuleRegistrationsInSync } from '@/utils/detect/rule-access';
import { keepTeamRulesFresh, refreshTeamRules } from '@/utils/detect/team-rules-refresh';
import { createMenus, handleMenuClick, openComposer } from '@/utils/context-menu';
import type { AdminSummary } from '@/utils/protocol';
import { conversationCalls } from '@/utils/compose/conversation-calls';
import { fetchContactCard, listContactAttributes } from '@/utils/intercom/card';
import { macrosForPanel } from '@/utils/intercom/macros-cache';
import { chosenCardAttributes } from '@/utils/storage/card-attributes';
import { peopleHandlers } from '@/utils/scan/background';
import { teachHandlers } from '@/utils/teach/background';
import { sendCalls, SENT_NOTIFICATION } from '@/utils/compose/send-calls';
import { openReplyInSidePanel, sidePanelHandlers } from '@/utils/sidepanel/background';
import { sidePanelStart } from '@/utils/sidepanel/start';
import { checkReplies, REPLY_NOTIFICATION, startReplyWatch } from '@/utils/compose/reply-watch';
import { bulkCalls } from '@/utils/bulk/calls';

export default defineBackground(() => {
  // Install, update, browser start, worker restart: the storage layout is brought up to date
  // (utils/storage/migrate.ts, idempotent) before any call reads it.
  const ready = migrateStorage().then(async (outcome) => {
    // Kept for diagnosis (and tests): why the previous layout is still in use.
    if ('error' in outcome) await browser.storage.session.set({ migrationError: String(outcome.error) }).catch(() => {});
    await applyManagedWorkspaces().catch(() => {});
    if (__HAILER_TEST_BUILD__) await simulatedRegionsInTestBuilds();
  });
  openWelcomeOnInstall();
  browser.storage.onChanged.addListener((_, area) => void (area === 'managed' && ready.then(applyManagedWorkspaces).catch(() => {})));
  const route = createRouter(handlers, {
    id: browser.runtime.id,
    origin: browser.runtime.getURL('/'),
    // A call that names no workspace uses its page's: Intercom app id, rule or markup hint, sites.
    pageWorkspace: async (page) => pageWorkspaceOf(page),
  });
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => ready.then(() => route(message, sender)));
  keepRuleRegistrationsInSync();
  // The team rules address: at start, hourly (an alarm), and when it changes.
  keepTeamRulesFresh();
  forgetCachesOnChange();
  // Sends waiting for their time (undo window, Send later) live in storage with an alarm each.
  void ready.then(() => startQueue(sends.deliverQueued));
  // Bulk sends run on after a worker stop or a browser restart (utils/bulk/job.ts).
  bulk.worker.listen();
  void ready.then(() => bulk.worker.resumeAll()).catch(() => {});

  createMenus();
  browser.contextMenus.onClicked.addListener((info, tab) => void handleMenuClick(info, tab));
  // Headless Chromium cannot click a context menu: test builds let e2e tests call the same handler.

  browser.notifications?.onClicked.addListener((id) => {
    if (id.startsWith(SENT_NOTIFICATION)) void browser.tabs.create({ url: id.slice(SENT_NOTIFICATION.length) });
    if (id.startsWith(REPLY_NOTIFICATION)) void openReplyInSidePanel(id);
  });
  // Customers' answers to what was sent from Hailer (utils/compose/reply-watch.ts), once a minute.
  const replyWatch = { enabled: async () => (await settingsNow()).replyWatch !== false, intercom: (workspaceId?: string) => intercom(workspaceId) };
  void ready.then(() => startReplyWatch(replyWatch));
  if (__HAILER_TEST_BUILD__) Object.assign(globalThis, { hailerTest: { handleMenuClick, checkReplies: () => checkReplies(replyWatch), openReplyInSidePanel } });

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
  return sessionFor(workspaceId, requestTimeoutMs);
}
// Test builds give up sooner, so the fault suite's "slow answer" rows take seconds, not minutes.
const requestTimeoutMs = __HAILER_TEST_BUILD__ ? 2_500 : 15_000;

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

// New messages: send, undo window, Send later and the queue (utils/compose/send-calls.ts).
const sends = sendCalls({ intercom, workspaces: workspaceState, settings: settingsNow, openConversation });
// One message to many customers: the bulk page's calls and the job that sends (utils/bulk/).
const bulk = bulkCalls({ intercom, admins, settings: settingsNow });

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

  ...recipientCalls({ intercom, admins }),
  ...connectionCalls({ workspace, requestTimeoutMs, stopBulkJobs: (id, how) => bulk.worker.stopJobsOf(id, how) }),

  async 'recipient.createLead'({ email }, _sender, ctx) {
    const { api, ws } = await intercom(ctx?.workspaceId);
    const contact = await api.createLead(email);
    rememberContacts({ kind: 'email', value: email }, [contact], ws.id);
    await recordIds(ws.id, 'contact', [contact.id]);
    return { contact };
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
    const { api, ws } = await intercom(ctx?.workspaceId);
    return fetchContactCard(api, contactId, await chosenCardAttributes(ws.id));
  },

  async 'macros.list'({ refresh }, _sender, ctx) {
    const session = await intercom(ctx?.workspaceId);
    return macrosForPanel(session.api, session.ws.id, await defaultAdminOf(session.ws.id), refresh ?? false);
  },

  async 'dataAttributes.list'(_, _sender, ctx) {
    const { api } = await intercom(ctx?.workspaceId);
    return { attributes: await listContactAttributes(api) };
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
  async 'teamRules.refresh'() {
    return { checked: (await refreshTeamRules()) !== null };
  },
  ...sends.handlers,
  ...sidePanelHandlers,
  ...sidePanelStart({
    pageWorkspace: pageWorkspaceOf,
    status: (context) => handlers['app.status']({}, {}, context),
    warm: (workspaceId, ref, pick, lastParts) => warmStart({ intercom, admins }, workspaceId, ref, pick, lastParts),
    defaultConversation: async () => (await settingsNow()).defaultConversation,
  }),
  ...bulk.handlers,
};

/** A page's workspace id, `{ unknown }` when it names one Hailer does not have, undefined for the default. */
async function pageWorkspaceOf(page: { url?: string; hint?: string }): Promise<string | { unknown: string } | undefined> {
  const found = resolvePageWorkspace(await workspaceState(), page);
  return found.kind === 'workspace' ? found.workspace.id : found.kind === 'unknown' ? { unknown: found.hint } : undefined;
}
