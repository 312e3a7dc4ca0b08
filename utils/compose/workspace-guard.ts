// Never the wrong workspace: the background remembers in which workspace it saw each contact,
// conversation and admin id (from the answers of that workspace's own token), and a send or reply
// that names an id seen only in another workspace is refused before anything goes to Intercom.
// Drafts carry their workspace in their id (`draft:v1:<Intercom id code>:…`, utils/compose/draft-store.ts), and
// outbox and queue entries store the workspace they were made in.
//
// The record lives in storage.local, so it holds after a browser restart as well as a service-worker
// one. Each kind keeps the MAX_IDS ids first seen most recently: a busy agent sees a few hundred a day.
import { storage } from '@wxt-dev/storage';
import { HailerError } from '../errors';
import { t } from '../i18n';
import type { WorkspaceConfig, WorkspacesState } from '../storage/workspaces';
import { draftWorkspaceCode } from './draft-store';

export type IdKind = 'contact' | 'conversation' | 'admin';
const KINDS: readonly IdKind[] = ['contact', 'conversation', 'admin'];
/** Stored as [id, workspace ids] pairs, oldest first (an object would sort numeric conversation ids). */
type StoredIds = Record<IdKind, [string, string[]][]>;
type SeenIds = Record<IdKind, Map<string, string[]>>;
export const MAX_IDS = 5000;

const seenItem = storage.defineItem<StoredIds>('local:workspaceIds', { fallback: { contact: [], conversation: [], admin: [] } });
let mirror: Promise<SeenIds> | undefined;
// A stored value of another shape (hand-edited storage) reads as nothing seen, not as a broken guard.
const pairs = (list: unknown) => new Map(Array.isArray(list) ? list.filter((p): p is [string, string[]] => Array.isArray(p) && typeof p[0] === 'string' && Array.isArray(p[1])) : []);
const seen = () => (mirror ??= seenItem.getValue().then((s) => ({ contact: pairs(s?.contact), conversation: pairs(s?.conversation), admin: pairs(s?.admin) })));
const save = (all: SeenIds) => seenItem.setValue({ contact: [...all.contact], conversation: [...all.conversation], admin: [...all.admin] });

/** Notes that these ids came from this workspace's token. */
export async function recordIds(workspaceId: string, kind: IdKind, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const all = await seen();
  const byId = all[kind];
  let changed = false;
  for (const id of ids) {
    const list = byId.get(id) ?? [];
    if (!list.includes(workspaceId)) {
      byId.delete(id); // now the newest
      byId.set(id, [...list, workspaceId]);
      changed = true;
    }
  }
  for (const id of byId.keys()) {
    if (byId.size <= MAX_IDS) break;
    byId.delete(id);
  }
  if (changed) await save(all);
}

/** Forgets what was seen in a removed workspace. */
export async function forgetWorkspaceIds(workspaceId: string): Promise<void> {
  const all = await seen();
  for (const kind of KINDS)
    for (const [id, list] of all[kind]) {
      const rest = list.filter((w) => w !== workspaceId);
      if (rest.length) all[kind].set(id, rest);
      else all[kind].delete(id);
    }
  await save(all);
}

/** Tests only: read storage again, as a new worker does. */
export function forgetSeenMirror(): void {
  mirror = undefined;
}

export interface Claims {
  draftId?: string;
  contactId?: string;
  adminId?: string;
  conversationId?: string;
  /** The workspace an outbox or queue entry for this draft was made in. */
  entryWorkspaceId?: string;
}

/**
 * Throws `wrong_workspace` (saying which id and which workspace) when any claim belongs to another
 * workspace than `target`. An id seen in both (Intercom ids can repeat across workspaces) passes.
 */
export async function assertSameWorkspace(target: WorkspaceConfig, state: WorkspacesState, claims: Claims): Promise<void> {
  const nameOf = (id: string) => state.list.find((w) => w.id === id)?.name ?? id;
  const refuse = (key: 'workspaceGuardDraft' | 'workspaceGuardContact' | 'workspaceGuardAdmin' | 'workspaceGuardConversation', otherId: string) => {
    throw new HailerError('wrong_workspace', { detail: t(key, nameOf(otherId)) });
  };
  if (claims.entryWorkspaceId && claims.entryWorkspaceId !== target.id) refuse('workspaceGuardDraft', claims.entryWorkspaceId);
  const code = claims.draftId ? draftWorkspaceCode(claims.draftId) : undefined;
  if (code && code !== target.idCode) {
    const owner = state.list.find((w) => w.id !== target.id && w.idCode === code);
    if (owner) refuse('workspaceGuardDraft', owner.id);
  }
  const all = await seen();
  const check = (kind: IdKind, id: string | undefined, key: Parameters<typeof refuse>[0]) => {
    if (!id) return;
    const where = all[kind].get(id);
    if (where && where.length > 0 && !where.includes(target.id)) refuse(key, where[0]!);
  };
  check('contact', claims.contactId, 'workspaceGuardContact');
  check('admin', claims.adminId, 'workspaceGuardAdmin');
  check('conversation', claims.conversationId, 'workspaceGuardConversation');
}
