// The background's way to Intercom, one workspace at a time: every call resolves its workspace
// first (the one the request names, else the default) and gets a client built from that
// workspace's token and endpoints only. What GET /me says (name, id code, admin) is kept on the
// workspace's record; the admins list is cached per workspace.
import { createIntercomClient, type IntercomClient, type Me, type UnreadableAnswer } from './client';
import { endpointsFor } from './regions';
import { recordUnreadableAnswer } from './unreadable-answers';
import { reportRate } from './rate-limit';
import type { RateInfo } from '../bulk/pacer';
import { HailerError } from '../errors';
import { readToken } from '../storage/vault';
import { pickWorkspace, readWorkspaces, updateWorkspace, UnknownWorkspaceError, type WorkspaceConfig, type WorkspacesState } from '../storage/workspaces';
import type { AdminSummary } from '../protocol';

/** What the background needs to know about a connected workspace (the shape the single-workspace cache had). */
export interface ConnectedWorkspace {
  /** Intercom's workspace id code (inbox links, drafts). */
  id: string;
  name: string;
  region: string | null;
  adminId: string;
  adminName: string;
  adminEmail: string | null;
  /** The API base URL this was learnt from: a change of region or token invalidates it. */
  apiBaseUrl: string;
}

export interface Session {
  ws: WorkspaceConfig;
  api: IntercomClient;
  apiBaseUrl: string;
  appBaseUrl: string;
}

let stateCache: Promise<WorkspacesState> | undefined;
/** The workspaces, read once until storage changes (call `forgetWorkspaceState` then). */
export const workspaceState = () => (stateCache ??= readWorkspaces());
export function forgetWorkspaceState(): void {
  stateCache = undefined;
}

/** The workspace a request is for; `workspace_unknown` when it names one that is not set up. */
export async function resolveWorkspace(workspaceId?: string | null): Promise<WorkspaceConfig> {
  try {
    return pickWorkspace(await workspaceState(), workspaceId);
  } catch (error) {
    if (error instanceof UnknownWorkspaceError) throw new HailerError('workspace_unknown');
    throw error;
  }
}

/** A client for this workspace's token and endpoints; `not_configured` when it has no token. */
export async function sessionFor(workspaceId: string | null | undefined, timeoutMs: number): Promise<Session> {
  const ws = await resolveWorkspace(workspaceId);
  const token = await readToken(ws.id);
  if (!token) throw new HailerError('not_configured');
  const endpoints = endpointsFor(ws);
  const onUnreadable = (answer: UnreadableAnswer) => void recordUnreadableAnswer(ws.id, answer).catch(() => {});
  const onRateLimit = (info: RateInfo) => reportRate(ws.id, info);
  return { ws, api: createIntercomClient({ token, apiBaseUrl: endpoints.apiBaseUrl, timeoutMs, onUnreadable, onRateLimit }), ...endpoints };
}

/** GET /me for this workspace, kept on its record until its token or endpoints change. */
export async function connectedWorkspace(session: Session): Promise<ConnectedWorkspace> {
  const { ws, api, apiBaseUrl } = session;
  if (ws.idCode && ws.admin && ws.learntFrom === apiBaseUrl) return summary(ws, apiBaseUrl);
  return rememberMe(ws.id, await api.me(), apiBaseUrl);
}

/** Keeps what GET /me said on the workspace's record (until its token or endpoints change). */
export async function rememberMe(workspaceId: string, me: Me, apiBaseUrl: string): Promise<ConnectedWorkspace> {
  const ws = pickWorkspace(await readWorkspaces(), workspaceId);
  const learnt = await updateWorkspace(ws.id, {
    idCode: me.workspace.id,
    admin: { id: me.admin.id, name: me.admin.name, email: me.admin.email },
    learntFrom: apiBaseUrl,
    // "Workspace 1" of a migrated install, or one the agent did not name: named after Intercom's.
    ...(ws.nameFromIntercom ? { name: me.workspace.name } : {}),
  });
  forgetWorkspaceState();
  return { ...summary(learnt, apiBaseUrl), region: me.workspace.region };
}

function summary(ws: WorkspaceConfig, apiBaseUrl: string): ConnectedWorkspace {
  return { id: ws.idCode!, name: ws.name, region: ws.region === 'custom' ? null : ws.region.toUpperCase(), adminId: ws.admin!.id, adminName: ws.admin!.name, adminEmail: ws.admin!.email, apiBaseUrl };
}

/** Forgets what GET /me said (a new token, a new region), so the next call asks again. */
export async function forgetConnected(workspaceId: string): Promise<void> {
  await updateWorkspace(workspaceId, { idCode: null, admin: null, learntFrom: null });
  forgetWorkspaceState();
  adminsCache.delete(workspaceId);
}

const adminsCache = new Map<string, { apiBaseUrl: string; admins: AdminSummary[] }>();
export async function adminsOf(session: Session): Promise<AdminSummary[]> {
  const cached = adminsCache.get(session.ws.id);
  if (cached?.apiBaseUrl === session.apiBaseUrl) return cached.admins;
  const admins = await session.api.listAdmins();
  adminsCache.set(session.ws.id, { apiBaseUrl: session.apiBaseUrl, admins });
  return admins;
}

export function forgetAdmins(workspaceId?: string): void {
  if (workspaceId) adminsCache.delete(workspaceId);
  else adminsCache.clear();
}
