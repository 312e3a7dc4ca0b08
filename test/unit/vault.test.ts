import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { clearToken, forgetCachedToken, readToken, setToken, tokenStatus } from '../../utils/storage/vault';

const TOKEN = 'dG9rOmFiY2RlZjEyMzQ1Njc4OTA=:wxyz';

describe('token vault', () => {
  it('keeps the token and reports only its last four characters', async () => {
    await setToken('ws1', TOKEN);
    await expect(tokenStatus('ws1')).resolves.toEqual({ set: true, last4: 'wxyz' });
    forgetCachedToken(); // as after a service-worker restart
    await expect(readToken('ws1')).resolves.toBe(TOKEN);
  });

  it('stores it encrypted under a key that cannot be exported', async () => {
    await setToken('ws1', TOKEN);
    const raw = await new Promise<Record<string, unknown>>((resolve, reject) => {
      const open = indexedDB.open('hailer-vault');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const all: Record<string, unknown> = {};
        const cursor = open.result.transaction('secrets').objectStore('secrets').openCursor();
        cursor.onsuccess = () => {
          const c = cursor.result;
          if (!c) return resolve(all);
          all[String(c.key)] = c.value;
          c.continue();
        };
      };
    });
    const sealed = raw['token:ws1'] as { data: ArrayBuffer };
    expect(new TextDecoder().decode(sealed.data)).not.toContain(TOKEN);
    expect(JSON.stringify(raw)).not.toContain(TOKEN);
    const key = raw.key as CryptoKey;
    expect(key.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();
  });

  it('is not in any storage area content scripts can read', async () => {
    await setToken('ws1', TOKEN);
    const areas = await Promise.all([fakeBrowser.storage.local.get(), fakeBrowser.storage.sync.get(), fakeBrowser.storage.session.get()]);
    expect(JSON.stringify(areas)).not.toContain(TOKEN);
  });

  it('forgets the token when removed', async () => {
    await setToken('ws1', TOKEN);
    await clearToken('ws1');
    forgetCachedToken();
    await expect(readToken('ws1')).resolves.toBeUndefined();
    await expect(tokenStatus('ws1')).resolves.toEqual({ set: false, last4: null });
  });

  it('keeps one token per workspace: each reads only its own, and removing one leaves the other', async () => {
    await setToken('ws1', TOKEN);
    await setToken('ws-b', 'other-token-abcd');
    forgetCachedToken();
    await expect(readToken('ws1')).resolves.toBe(TOKEN);
    await expect(readToken('ws-b')).resolves.toBe('other-token-abcd');
    await expect(readToken('ws-c')).resolves.toBeUndefined();
    await clearToken('ws-b');
    forgetCachedToken();
    await expect(readToken('ws-b')).resolves.toBeUndefined();
    await expect(tokenStatus('ws1')).resolves.toEqual({ set: true, last4: 'wxyz' });
  });
});
