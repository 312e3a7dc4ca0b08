// The background's cache of workspace macros, per Hailer workspace, in storage.local so a restarted
// service worker does not fetch them all again. A refresh asks only for what changed since the
// newest macro it holds (`updated_since`); once a day it fetches everything, which is how macros
// deleted in Intercom leave the cache. Each workspace has its own entry, so switching between them
// neither mixes their macros nor refetches them all.
import { storage } from '@wxt-dev/storage';
import { adminTeamIds, fetchMacros, macrosProblem, usableMacros, type WorkspaceMacro } from './macros';
import type { IntercomClient } from './client';
import type { MacroSummary } from '../protocol';
import { singleFlight } from '../single-flight';
import { oneAtATime } from '../one-at-a-time';

const FRESH_MS = 5 * 60_000;
const FULL_REFRESH_MS = 24 * 60 * 60_000;

interface MacrosCache {
  workspace: string;
  adminId: string;
  teamIds: string[];
  macros: WorkspaceMacro[];
  checkedAt: number;
  fullAt: number;
}

/** Per Hailer workspace id. Before workspaces it held one cache (with a `workspace` field): read as empty. */
export const macrosCacheItem = storage.defineItem<Record<string, MacrosCache>>('local:macrosCache', { fallback: {} });

/** The stored entries; the single cache from before workspaces (or anything else) reads as none. */
async function storedEntries(): Promise<Record<string, MacrosCache>> {
  const stored = await macrosCacheItem.getValue();
  return stored && typeof stored === 'object' && !('workspace' in stored) ? stored : {};
}

async function cachedFor(workspace: string): Promise<MacrosCache | undefined> {
  const entry = (await storedEntries())[workspace];
  return entry?.workspace === workspace ? entry : undefined;
}

// Two workspaces refreshing at once must not write over each other's entry: one change at a time.
const writes = oneAtATime();
function changeEntry(workspace: string, entry: MacrosCache | undefined): Promise<void> {
  return writes(async () => {
    const all = { ...(await storedEntries()) };
    if (entry) all[workspace] = entry;
    else delete all[workspace];
    await macrosCacheItem.setValue(all);
  });
}

/** Forgets one workspace's macros (a removed workspace). */
export const forgetMacros = (workspace: string) => changeEntry(workspace, undefined);

// One refresh at a time per workspace and admin: two panels asking at once share it, and two
// workspaces never answer with each other's macros.
const oneRefreshAtATime = singleFlight<MacrosCache>();

async function refresh(api: Pick<IntercomClient, 'get'>, workspace: string, adminId: string, force: boolean, now: number): Promise<MacrosCache> {
  const cached = await cachedFor(workspace);
  const same = cached && cached.adminId === adminId ? cached : null;
  if (same && !force && now - same.checkedAt < FRESH_MS) return same;
  let next: MacrosCache;
  if (same && now - same.fullAt < FULL_REFRESH_MS) {
    const since = Math.max(0, ...same.macros.map((m) => m.updatedAt));
    const changed = await fetchMacros(api, since);
    const byId = new Map(same.macros.map((m) => [m.id, m]));
    for (const m of changed) byId.set(m.id, m);
    next = { ...same, macros: [...byId.values()], checkedAt: now };
  } else {
    const [macros, teamIds] = await Promise.all([fetchMacros(api), adminTeamIds(api, adminId)]);
    next = { workspace, adminId, teamIds, macros, checkedAt: now, fullAt: now };
  }
  await changeEntry(workspace, next);
  return next;
}

/** The macros for the panel: newest first, only those usable in the inbox by this admin. */
export async function macrosForPanel(
  api: Pick<IntercomClient, 'get'>,
  workspace: string,
  adminId: string,
  force = false,
  now = Date.now(),
): Promise<{ macros: MacroSummary[]; problem: 'forbidden' | 'unsupported' | 'unavailable' | null }> {
  try {
    const cache = await oneRefreshAtATime(`${workspace}\n${adminId}`, () => refresh(api, workspace, adminId, force, now));
    const macros = usableMacros(cache.macros, cache.teamIds)
      .sort((a, b) => b.updatedAt - a.updatedAt)
      .map(({ id, name, body, bodyText }) => ({ id, name: name.slice(0, 200), body, bodyText }));
    return { macros, problem: null };
  } catch (error) {
    return { macros: [], problem: macrosProblem(error) };
  }
}
