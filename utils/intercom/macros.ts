// Workspace macros (Intercom's saved replies). `GET /macros` exists only from API 2.16 on, while
// Hailer pins 2.14 for everything else: this one call names its own version, and the simulator
// validates it against the 2.16 description. Cursor paging (`starting_after`, `per_page` ≤ 150),
// and `updated_since` for a refresh that brings only what changed.
import { z } from 'zod';
import { HailerError } from '../errors';
import type { IntercomClient } from './client';
import { Id } from './schemas';

export const MACROS_VERSION = '2.16';
export const MACROS_PER_PAGE = 150;
/** 20 pages of 150: far beyond any team's macro list, and a bound on a cursor that never ends. */
const MAX_PAGES = 20;

/** `macro` (2.16). `body` and `body_text` may be null: "body rendering may be skipped for performance". */
const Macro = z.looseObject({
  id: Id,
  name: z.string(),
  body: z.string().nullish(),
  body_text: z.string().nullish(),
  updated_at: z.string().nullish(),
  visible_to: z.string().nullish(),
  visible_to_team_ids: z.array(Id).nullish(),
  available_on: z.array(z.string()).nullish(),
});

/** `macro_list`. */
export const MacroList = z.looseObject({
  data: z.array(Macro.nullable()),
  pages: z.looseObject({ next: z.looseObject({ starting_after: z.string().nullish() }).nullish() }).nullish(),
});

export interface WorkspaceMacro {
  id: string;
  name: string;
  body: string | null;
  bodyText: string | null;
  /** Epoch seconds. */
  updatedAt: number;
  visibleTo: 'everyone' | 'specific_teams';
  teamIds: string[];
  availableOn: string[];
}

const toMacro = (m: z.output<typeof Macro>): WorkspaceMacro => ({
  id: m.id,
  name: m.name,
  body: m.body ?? null,
  bodyText: m.body_text ?? null,
  updatedAt: Math.floor((Date.parse(m.updated_at ?? '') || 0) / 1000),
  visibleTo: m.visible_to === 'specific_teams' ? 'specific_teams' : 'everyone',
  teamIds: m.visible_to_team_ids ?? [],
  availableOn: m.available_on ?? [],
});

/** Every macro (updated after `updatedSince`, epoch seconds, when given), following the cursor. */
export async function fetchMacros(api: Pick<IntercomClient, 'get'>, updatedSince?: number): Promise<WorkspaceMacro[]> {
  const macros: WorkspaceMacro[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const query: Record<string, string | number> = { per_page: MACROS_PER_PAGE };
    if (cursor) query.starting_after = cursor;
    if (updatedSince !== undefined) query.updated_since = Math.floor(updatedSince);
    const list = await api.get(MacroList, '/macros', { query, headers: { 'Intercom-Version': MACROS_VERSION } });
    for (const m of list.data) if (m) macros.push(toMacro(m));
    const next = list.pages?.next?.starting_after;
    if (!next || next === cursor) return macros;
    cursor = next;
  }
  return macros;
}

/** The macros this admin may use where Hailer sends from: the inbox, visible to everyone or to one of their teams. */
export function usableMacros(macros: readonly WorkspaceMacro[], adminTeamIds: readonly string[]): WorkspaceMacro[] {
  const teams = new Set(adminTeamIds);
  return macros.filter(
    (m) => m.availableOn.includes('inbox') && (m.visibleTo === 'everyone' || m.teamIds.some((id) => teams.has(id))),
  );
}

/** Why the workspace's macros cannot be had, in the panel's terms; anything else is passed on. */
export function macrosProblem(error: unknown): 'forbidden' | 'unsupported' | 'unavailable' {
  if (!(error instanceof HailerError)) return 'unavailable';
  if (error.code === 'forbidden' || error.code === 'token_rejected') return 'forbidden';
  // A workspace or proxy that does not serve 2.16 (or /macros) answers 400 or 404.
  if (error.status === 400 || error.status === 404 || error.code === 'invalid_message') return 'unsupported';
  return 'unavailable';
}

/** `admin` team ids (GET /admins/{id}): macros visible to specific teams need them. */
export const AdminTeams = z.looseObject({ team_ids: z.array(Id).nullish() });
export async function adminTeamIds(api: Pick<IntercomClient, 'get'>, adminId: string): Promise<string[]> {
  const admin = await api.get(AdminTeams, `/admins/${encodeURIComponent(adminId)}`);
  return admin.team_ids ?? [];
}
