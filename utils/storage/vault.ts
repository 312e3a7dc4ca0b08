// The Intercom access token lives only here, in the background. It is stored in the extension
// origin's IndexedDB (content scripts run in the page's origin and cannot open it; unlike
// storage.local, which content scripts can read) and encrypted with an AES-GCM key that is created
// non-extractable, so even a dump of that database does not reveal it. Nothing returns the token to
// a caller: `tokenStatus` gives only whether it is set and its last four characters.
import { createStore, del, get, set, type UseStore } from 'idb-keyval';

interface SealedToken {
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
  last4: string;
}

let store: UseStore | undefined;
const db = () => (store ??= createStore('hailer-vault', 'secrets'));

// Each workspace's token is sealed under its own key, `token:<workspace id>`. The single token of
// an older install sat under `token`: the first workspace reads it until the migration has copied it.
const LEGACY_KEY = 'token';
const FIRST_WORKSPACE_ID = 'ws1';
const keyOf = (workspaceId: string) => `token:${workspaceId}`;

const cached = new Map<string, string>();

async function vaultKey(): Promise<CryptoKey> {
  const existing = await get<CryptoKey>('key', db());
  if (existing) return existing;
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  await set('key', key, db());
  return key;
}

export async function setToken(workspaceId: string, token: string): Promise<void> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await vaultKey(), new TextEncoder().encode(token));
  await set(keyOf(workspaceId), { iv, data, last4: token.slice(-4) } satisfies SealedToken, db());
  cached.set(workspaceId, token);
}

/** Deletes the workspace's token (and, for the first workspace, an older install's one). */
export async function clearToken(workspaceId: string): Promise<void> {
  await del(keyOf(workspaceId), db());
  if (workspaceId === FIRST_WORKSPACE_ID) await del(LEGACY_KEY, db());
  cached.delete(workspaceId);
}

async function sealedOf(workspaceId: string): Promise<SealedToken | undefined> {
  const sealed = await get<SealedToken>(keyOf(workspaceId), db());
  if (sealed || workspaceId !== FIRST_WORKSPACE_ID) return sealed;
  return get<SealedToken>(LEGACY_KEY, db());
}

/** The workspace's token, for the Intercom client only. Undefined when none is saved. */
export async function readToken(workspaceId: string): Promise<string | undefined> {
  const known = cached.get(workspaceId);
  if (known) return known;
  const sealed = await sealedOf(workspaceId);
  if (!sealed) return undefined;
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv }, await vaultKey(), sealed.data);
  const token = new TextDecoder().decode(plain);
  cached.set(workspaceId, token);
  return token;
}

export async function tokenStatus(workspaceId: string): Promise<{ set: boolean; last4: string | null }> {
  const sealed = await sealedOf(workspaceId);
  return { set: Boolean(sealed), last4: sealed?.last4 ?? null };
}

/**
 * Migration: moves an older install's token to the first workspace's key, sealed as it was (no
 * decrypting). Copies first; `dropLegacyToken` deletes the old one once the new layout is committed.
 */
export async function adoptLegacyToken(): Promise<boolean> {
  const legacy = await get<SealedToken>(LEGACY_KEY, db());
  if (!legacy) return false;
  if (!(await get<SealedToken>(keyOf(FIRST_WORKSPACE_ID), db()))) await set(keyOf(FIRST_WORKSPACE_ID), legacy, db());
  return true;
}

export async function dropLegacyToken(): Promise<void> {
  await del(LEGACY_KEY, db());
}

/** Tests only: forget the in-memory copies, as a service-worker restart does. */
export function forgetCachedToken(): void {
  cached.clear();
}
