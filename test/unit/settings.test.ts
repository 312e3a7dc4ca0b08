import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defaultSettings, loadSettings, settingsItem } from '../../utils/storage/settings';

describe('loadSettings', () => {
  it('uses the defaults when nothing is set', async () => {
    await expect(loadSettings()).resolves.toEqual(defaultSettings);
  });

  it("applies the administrator's preset region and URLs under the agent's own choices", async () => {
    await fakeBrowser.storage.managed.set({ region: 'custom', apiBaseUrl: 'https://proxy.acme.test/', appBaseUrl: 'https://app.acme.test', extra: 1 });
    await expect(loadSettings()).resolves.toMatchObject({ region: 'custom', apiBaseUrl: 'https://proxy.acme.test', appBaseUrl: 'https://app.acme.test' });
    await settingsItem.setValue({ region: 'eu' });
    await expect(loadSettings()).resolves.toMatchObject({ region: 'eu', apiBaseUrl: 'https://proxy.acme.test' });
  });

  it('ignores a malformed preset', async () => {
    await fakeBrowser.storage.managed.set({ region: 'mars', apiBaseUrl: 42 });
    await expect(loadSettings()).resolves.toEqual(defaultSettings);
  });
});
