// Moves an install from the single-workspace layout (version 1: no `storageVersion`) to layout
// version 2, where everything belongs to a workspace. It runs when the background starts (install,
// update, browser start, worker restart) and is idempotent: a run after a finished one does nothing,
// a run after a cut-off one finishes it.
//
// What moves into "Workspace 1" (`ws1`):
// - settings: region, custom addresses and send-as admin become the workspace's (the rest, like the
//   undo window, stays shared in `settings`, which is left as it was);
// - the workspace cache (`workspace`, GET /me): name, id code, admin;
// - the token: copied to the workspace's key in the vault, then the old key deleted;
// - outbox, reply outbox, send queue and history entries: tagged `workspaceId: 'ws1'`;
// - drafts: already keyed by the Intercom workspace id code (`draft:v1:<id code>:…`), which is now
//   ws1's `idCode`; they stay under their keys.
//
// Failure keeps the old data readable: nothing of the old layout is removed or reshaped (entries
// only gain a field), the version is written last, and until it is written the background reads the
// old layout (utils/storage/workspaces.ts `readWorkspaces`, utils/vault.ts falls back to `token`).
import { browser } from 'wxt/browser';
import { FIRST_WORKSPACE_ID, STORAGE_VERSION, legacyWorkspace, type WorkspaceConfig, type WorkspacesState } from './workspaces';
import { adoptLegacyToken, dropLegacyToken } from './vault';

/** The keys of layout version 1 that hold entries of one workspace, keyed by id (or a list). */
const TAGGED_MAPS = ['outbox', 'replyOutbox', 'sendQueue'] as const;
const TAGGED_LISTS = ['history'] as const;

export interface MigrationPlan {
  /** What to write to storage.local (all in one `set`), before the version. */
  writes: Record<string, unknown>;
  /** The layout version the snapshot was in. */
  from: number;
}

type Managed = Partial<Pick<WorkspaceConfig, 'region' | 'apiBaseUrl' | 'appBaseUrl'>>;

/**
 * What version 2 needs, from a snapshot of storage.local. Pure, so every earlier shape can be tested.
 * Returns null when the snapshot is already version 2 or later.
 */
export function planMigration(local: Record<string, unknown>, managed: Managed = {}): MigrationPlan | null {
  const from = typeof local.storageVersion === 'number' ? local.storageVersion : 1;
  if (from >= STORAGE_VERSION) return null;
  const writes: Record<string, unknown> = {};
  // A run cut off after writing the list keeps that list (the agent may have edited it since).
  const existing = local.workspaces as WorkspacesState | undefined;
  if (!existing || !Array.isArray(existing.list) || existing.list.length === 0) {
    writes.workspaces = { defaultId: FIRST_WORKSPACE_ID, list: [legacyWorkspace(local, managed)] } satisfies WorkspacesState;
  }
  for (const key of TAGGED_MAPS) {
    const map = local[key];
    if (!isRecord(map)) continue;
    const tagged = Object.fromEntries(Object.entries(map).map(([id, entry]) => [id, tag(entry)]));
    writes[key] = tagged;
  }
  for (const key of TAGGED_LISTS) {
    const list = local[key];
    if (Array.isArray(list)) writes[key] = list.map(tag);
  }
  return { writes, from };
}

function tag(entry: unknown): unknown {
  if (!isRecord(entry) || typeof entry.workspaceId === 'string') return entry;
  return { ...entry, workspaceId: FIRST_WORKSPACE_ID };
}

export interface MigrationDeps {
  storage: { get(): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void> };
  managed(): Promise<Managed>;
  adoptToken(): Promise<unknown>;
  dropLegacyToken(): Promise<void>;
}

const browserDeps = (): MigrationDeps => ({
  storage: { get: () => browser.storage.local.get(), set: (items) => browser.storage.local.set(items) },
  managed: managedConnection,
  adoptToken: adoptLegacyToken,
  dropLegacyToken,
});

export type MigrationOutcome = { migrated: false } | { migrated: true; from: number } | { migrated: false; error: unknown };

let running: Promise<MigrationOutcome> | undefined;

/** Runs the migration once per worker (later callers share the run); never throws. */
export function migrateStorage(deps: MigrationDeps = browserDeps()): Promise<MigrationOutcome> {
  return (running ??= runMigration(deps));
}

/** Tests only: let the next `migrateStorage` run again, as a new worker would. */
export function forgetMigrationRun(): void {
  running = undefined;
}

export async function runMigration(deps: MigrationDeps): Promise<MigrationOutcome> {
  try {
    const local = await deps.storage.get();
    const plan = planMigration(local, await deps.managed());
    if (!plan) {
      // A finished migration whose cleanup was cut off: the old token key goes now.
      await deps.dropLegacyToken().catch(() => {});
      return { migrated: false };
    }
    if (Object.keys(plan.writes).length > 0) await deps.storage.set(plan.writes);
    await deps.adoptToken();
    // The commit point: from here on the new layout is what Hailer reads.
    await deps.storage.set({ storageVersion: STORAGE_VERSION });
    // Cleanup: a failure here leaves only a copy of the sealed token, which the next start deletes.
    await deps.dropLegacyToken().catch(() => {});
    return { migrated: true, from: plan.from };
  } catch (error) {
    console.warn('Hailer: storage migration failed; the previous layout stays in use', error);
    return { migrated: false, error };
  }
}

async function managedConnection(): Promise<Managed> {
  const policy = await browser.storage.managed.get(['region', 'apiBaseUrl', 'appBaseUrl']).catch(() => ({}) as Record<string, unknown>);
  const preset: Managed = {};
  if (['us', 'eu', 'au', 'custom'].includes(policy.region as string)) preset.region = policy.region as Managed['region'];
  if (typeof policy.apiBaseUrl === 'string') preset.apiBaseUrl = policy.apiBaseUrl.replace(/\/+$/, '');
  if (typeof policy.appBaseUrl === 'string') preset.appBaseUrl = policy.appBaseUrl.replace(/\/+$/, '');
  return preset;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
