// What differs in Firefox: its default build is MV2 with a background page (WXT), optional host
// access is named differently, and a managed-storage read rejects when no policy exists.
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import config from '../../wxt.config';
import { defaultSettings, loadSettings } from '../../utils/storage/settings';
import { listRules } from '../../utils/detect/team-rules';

type ManifestFn = (env: { browser: string; manifestVersion: 2 | 3 }) => Record<string, any>;
const manifest = config.manifest as unknown as ManifestFn;

describe('manifest per browser', () => {
  it('Firefox MV2: optional host access as optional_permissions, a gecko id and its data declaration', () => {
    const m = manifest({ browser: 'firefox', manifestVersion: 2 });
    expect(m.optional_permissions).toEqual(['*://*/*']);
    expect(m).not.toHaveProperty('optional_host_permissions');
    expect(m.browser_specific_settings.gecko).toMatchObject({
      id: 'hailer@hailer.dev',
      strict_min_version: '140.0',
      data_collection_permissions: { required: ['personalCommunications'] },
    });
  });

  it('Chrome MV3: optional_host_permissions and nothing Firefox-only', () => {
    const m = manifest({ browser: 'chrome', manifestVersion: 3 });
    expect(m.optional_host_permissions).toEqual(['*://*/*']);
    expect(m).not.toHaveProperty('browser_specific_settings');
  });

  it('host access at install is the same in both: Intercom only', () => {
    for (const [b, v] of [['firefox', 2], ['chrome', 3]] as const) {
      const hosts = manifest({ browser: b, manifestVersion: v }).host_permissions as string[];
      expect(hosts.every((h) => /intercom\.(io|com)\/\*$/.test(h))).toBe(true);
    }
  });
});

describe('managed storage without a policy (Firefox rejects the read)', () => {
  it('settings fall back to the defaults', async () => {
    vi.spyOn(fakeBrowser.storage.managed, 'get').mockRejectedValue(new Error('Managed storage manifest not found'));
    await expect(loadSettings()).resolves.toEqual(defaultSettings);
  });

  it('team rules are the agent’s own only', async () => {
    vi.spyOn(fakeBrowser.storage.managed, 'get').mockRejectedValue(new Error('Managed storage manifest not found'));
    await fakeBrowser.storage.local.set({
      teamRules: [{ id: 'a', name: 'A', matches: 'https://admin.acme.test/*', kind: 'user_id', source: { from: 'url', pattern: '^/u/([^/]+)' } }],
    });
    await expect(listRules()).resolves.toMatchObject([{ id: 'a', managed: false }]);
  });
});
