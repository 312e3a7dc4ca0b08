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

let cached: string | undefined;

async function vaultKey(): Promise<CryptoKey> {
  const existing = await get<CryptoKey>('key', db());
  if (existing) return existing;
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  await set('key', key, db());
  return key;
}

export async function setToken(token: string): Promise<void> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await vaultKey(), new TextEncoder().encode(token));
  await set('token', { iv, data, last4: token.slice(-4) } satisfies SealedToken, db());
  cached = token;
}

export async function clearToken(): Promise<void> {
  await del('token', db());
  cached = undefined;
}

/** The token, for the Intercom client only. Undefined when none is saved. */
export async function readToken(): Promise<string | undefined> {
  if (cached) return cached;
  const sealed = await get<SealedToken>('token', db());
  if (!sealed) return undefined;
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv }, await vaultKey(), sealed.data);
  cached = new TextDecoder().decode(plain);
  return cached;
}

export async function tokenStatus(): Promise<{ set: boolean; last4: string | null }> {
  const sealed = await get<SealedToken>('token', db());
  return { set: Boolean(sealed), last4: sealed?.last4 ?? null };
}

/** Tests only: forget the in-memory copy, as a service-worker restart does. */
export function forgetCachedToken(): void {
  cached = undefined;
}
