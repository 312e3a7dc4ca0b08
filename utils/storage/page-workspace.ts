// Which workspace a page uses (issue 10, "Page → workspace"), in this order:
//   1. an Intercom page's app id in its URL (utils/storage/workspaces.ts `workspaceInIntercomUrl`);
//   2. the workspace a team rule names, else 3. the one the page's markup names (both arrive as one
//      hint with the detected recipient: utils/detect/workspace-hint.ts);
//   4. the site mapping ("Pages on these sites use workspace …");
//   5. the default workspace.
// A hint that matches no workspace is not dropped: the page then has no workspace until the agent
// picks one, because falling back to the default could send through the wrong one.
import { workspaceForOrigin, workspaceInIntercomUrl, type WorkspaceConfig, type WorkspacesState } from './workspaces';

/**
 * The workspace a page or rule names: the one whose Intercom id code is exactly `name`, else the one
 * whose Hailer name is `name` in any case (runs of spaces and the Unicode form ignored).
 */
export function matchWorkspace(state: WorkspacesState, name: string): WorkspaceConfig | undefined {
  const wanted = name.trim();
  if (!wanted) return undefined;
  // "Café" typed as é or as e + ´ is one name.
  const folded = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
  const wantedName = folded(wanted);
  return state.list.find((w) => w.idCode === wanted) ?? state.list.find((w) => folded(w.name) === wantedName);
}

export type PageWorkspace =
  | { kind: 'workspace'; workspace: WorkspaceConfig; by: 'intercom_url' | 'hint' | 'site' }
  /** The page names a workspace Hailer does not have: nothing may be sent until the agent picks one. */
  | { kind: 'unknown'; hint: string }
  | { kind: 'default' };

/** `url`: the page's address (absent for an extension page, which has no site); `hint`: what its rule or markup names. */
export function resolvePageWorkspace(state: WorkspacesState, page: { url?: string; hint?: string }): PageWorkspace {
  const fromUrl = page.url ? workspaceInIntercomUrl(state, page.url) : undefined;
  if (fromUrl) return { kind: 'workspace', workspace: fromUrl, by: 'intercom_url' };
  if (page.hint?.trim()) {
    const named = matchWorkspace(state, page.hint);
    return named ? { kind: 'workspace', workspace: named, by: 'hint' } : { kind: 'unknown', hint: page.hint.trim() };
  }
  const bySite = page.url ? workspaceForOrigin(state, page.url) : undefined;
  return bySite ? { kind: 'workspace', workspace: bySite, by: 'site' } : { kind: 'default' };
}
