// The Intercom workspaces Hailer sends through. Each has its own token (utils/vault.ts, keyed by the
// workspace's id here), its own region or custom addresses, and what GET /me said about it (name,
// id code, admin). Exactly one is the default: pages nothing maps elsewhere, and callers that name
// no workspace (older panels, the existing protocol calls), use it.
//
// Storage layout version 2 keeps them in storage.local `workspaces`. Until the migration has run
// (utils/storage/migrate.ts), `readWorkspaces` derives the one workspace from the older layout, so a
// migration that failed still leaves Hailer working on the old data.
import { storage } from '@wxt-dev/storage';
import { browser } from 'wxt/browser';
import type { Region } from '../intercom/regions';
import { oneAtATime } from '../one-at-a-time';

export interface WorkspaceAdmin {
  id: string;
  name: string;
  email: string | null;
}

export interface WorkspaceConfig {
  /** Hailer's own id for the workspace (`ws1`, `ws-…`): what requests, drafts and entries carry. */
  id: string;
  name: string;
  /** True until the agent names it: GET /me then names it after the Intercom workspace. */
  nameFromIntercom: boolean;
  region: Region;
  /** Only for region `custom`. */
  apiBaseUrl: string;
  appBaseUrl: string;
  /** Intercom's workspace id code (inbox links, drafts), from GET /me; null until learnt. */
  idCode: string | null;
  /** The token's own admin, from GET /me. */
  admin: WorkspaceAdmin | null;
  /** The API base URL `idCode`/`admin` were learnt from: a change of region or token invalidates them. */
  learntFrom: string | null;
  /** Admin to send as; null = the token's own admin. */
  sendAsAdminId: string | null;
  /** A CSS colour the agent picked, shown beside the name in the panel header. */
  colour: string;
  /** Sites whose pages use this workspace ("Pages on these sites use workspace …"): origins or hosts. */
  sites: string[];
  /** Preset by the administrator's policy: the agent adds a token, the policy owns the rest. */
  managed?: boolean;
}

export interface WorkspacesState {
  defaultId: string;
  list: WorkspaceConfig[];
}

export const STORAGE_VERSION = 2;
/** The id the single workspace of an older install becomes. */
export const FIRST_WORKSPACE_ID = 'ws1';
export const WORKSPACE_COLOURS = ['#2563eb', '#16a34a', '#d97706', '#db2777', '#7c3aed', '#0891b2'] as const;

export const storageVersionItem = storage.defineItem<number>('local:storageVersion', { fallback: 1 });
export const workspacesItem = storage.defineItem<WorkspacesState | null>('local:workspaces', { fallback: null });

export function newWorkspace(id: string, name: string, index: number, patch: Partial<WorkspaceConfig> = {}): WorkspaceConfig {
  return {
    id,
    name,
    nameFromIntercom: true,
    region: 'us',
    apiBaseUrl: '',
    appBaseUrl: '',
    idCode: null,
    admin: null,
    learntFrom: null,
    sendAsAdminId: null,
    colour: WORKSPACE_COLOURS[index % WORKSPACE_COLOURS.length]!,
    sites: [],
    ...patch,
  };
}

/** The workspace an install of the single-workspace layout had, from that layout's keys. */
export function legacyWorkspace(local: Record<string, unknown>, managed: Partial<Pick<WorkspaceConfig, 'region' | 'apiBaseUrl' | 'appBaseUrl'>> = {}): WorkspaceConfig {
  const settings = isRecord(local.settings) ? local.settings : {};
  const cache = isRecord(local.workspace) ? local.workspace : null;
  const region = ['us', 'eu', 'au', 'custom'].includes(settings.region as string) ? (settings.region as Region) : (managed.region ?? 'us');
  const learnt = cache && typeof cache.id === 'string' && typeof cache.name === 'string';
  return newWorkspace(FIRST_WORKSPACE_ID, learnt ? (cache.name as string) : 'Workspace 1', 0, {
    nameFromIntercom: true,
    region,
    apiBaseUrl: typeof settings.apiBaseUrl === 'string' ? settings.apiBaseUrl : (managed.apiBaseUrl ?? ''),
    appBaseUrl: typeof settings.appBaseUrl === 'string' ? settings.appBaseUrl : (managed.appBaseUrl ?? ''),
    idCode: learnt ? (cache.id as string) : null,
    admin:
      learnt && typeof cache.adminId === 'string'
        ? { id: cache.adminId, name: String(cache.adminName ?? ''), email: typeof cache.adminEmail === 'string' ? cache.adminEmail : null }
        : null,
    learntFrom: learnt && typeof cache.apiBaseUrl === 'string' ? cache.apiBaseUrl : null,
    sendAsAdminId: typeof settings.sendAsAdminId === 'string' ? settings.sendAsAdminId : null,
  });
}

/** The workspaces: the stored list once migrated, else the one the older layout describes. */
export async function readWorkspaces(): Promise<WorkspacesState> {
  const stored = await workspacesItem.getValue();
  if (stored && stored.list.length > 0) return stored;
  const local = await browser.storage.local.get(['settings', 'workspace']);
  return { defaultId: FIRST_WORKSPACE_ID, list: [legacyWorkspace(local)] };
}

/** The workspace a caller named, or the default when it named none. Throws when the id is unknown. */
export function pickWorkspace(state: WorkspacesState, id?: string | null): WorkspaceConfig {
  const wanted = id ?? state.defaultId;
  const found = state.list.find((w) => w.id === wanted) ?? (id ? undefined : state.list[0]);
  if (!found) throw new UnknownWorkspaceError(wanted);
  return found;
}

export class UnknownWorkspaceError extends Error {
  constructor(readonly workspaceId: string) {
    super(`unknown workspace ${workspaceId}`);
  }
}

// Read-modify-writes one at a time (options page and background may both write).
const writes = oneAtATime();
function change<T>(fn: (state: WorkspacesState) => T): Promise<T> {
  return writes(async () => {
    const state = structuredClone(await readWorkspaces());
    const result = fn(state);
    await workspacesItem.setValue(state);
    return result;
  });
}

export function updateWorkspace(id: string, patch: Partial<Omit<WorkspaceConfig, 'id'>>): Promise<WorkspaceConfig> {
  return change((state) => {
    const ws = pickWorkspace(state, id);
    Object.assign(ws, patch);
    return { ...ws };
  });
}

export function addWorkspace(name: string, patch: Partial<WorkspaceConfig> = {}): Promise<WorkspaceConfig> {
  return change((state) => {
    const id = `ws-${crypto.randomUUID().slice(0, 8)}`;
    const ws = newWorkspace(id, name, state.list.length, { ...patch, id });
    state.list.push(ws);
    return ws;
  });
}

export function setDefaultWorkspace(id: string): Promise<void> {
  return change((state) => {
    state.defaultId = pickWorkspace(state, id).id;
  });
}

/**
 * Takes the workspace out of the list (the caller deletes its token and caches: see
 * `removeWorkspaceData`). The last workspace cannot go; removing the default makes the first other one default.
 */
export function removeWorkspace(id: string): Promise<WorkspaceConfig> {
  return change((state) => {
    const ws = pickWorkspace(state, id);
    if (state.list.length === 1) throw new Error('the last workspace cannot be removed');
    state.list = state.list.filter((w) => w.id !== id);
    if (state.defaultId === id) state.defaultId = state.list[0]!.id;
    return ws;
  });
}

/** The fields of the options page's connection form that belong to a workspace. */
export type Connection = Pick<WorkspaceConfig, 'region' | 'apiBaseUrl' | 'appBaseUrl' | 'sendAsAdminId'>;
export const connectionOf = ({ region, apiBaseUrl, appBaseUrl, sendAsAdminId }: Connection): Connection => ({ region, apiBaseUrl, appBaseUrl, sendAsAdminId });

const parsedUrl = (value: string): URL | undefined => {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
};

/** The workspace whose site mapping covers this page's origin, if any (exact origin or host, or `*.host`). */
export function workspaceForOrigin(state: WorkspacesState, pageUrl: string): WorkspaceConfig | undefined {
  const url = parsedUrl(pageUrl);
  if (!url) return undefined;
  return state.list.find((ws) =>
    ws.sites.some((site) => {
      const s = site.trim().toLowerCase().replace(/\/+$/, '');
      if (!s) return false;
      if (s.includes('://')) return s === url.origin;
      if (s.startsWith('*.')) return url.hostname === s.slice(2) || url.hostname.endsWith(s.slice(1));
      return url.hostname === s || url.host === s;
    }),
  );
}

/** An Intercom inbox or app page names its workspace's id code: /a/inbox/<code>/… or /a/apps/<code>/…. */
const INTERCOM_APP_PATH = /^\/a\/(?:inbox|apps)\/([A-Za-z0-9_-]+)(?:\/|$)/;

/** The workspace whose id code an Intercom page's URL names (on Intercom's hosts or a workspace's own inbox address). */
export function workspaceInIntercomUrl(state: WorkspacesState, pageUrl: string): WorkspaceConfig | undefined {
  const url = parsedUrl(pageUrl);
  if (!url) return undefined;
  const code = INTERCOM_APP_PATH.exec(url.pathname)?.[1];
  const onIntercom = /(^|\.)intercom\.com$/.test(url.hostname) || state.list.some((w) => w.appBaseUrl && pageUrl.startsWith(`${w.appBaseUrl}/`));
  return code && onIntercom ? state.list.find((w) => w.idCode === code) : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
