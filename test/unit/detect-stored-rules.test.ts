import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { rulesForPage } from '../../utils/detect/stored-rules';
import type { TeamRule } from '../../utils/detect';

// Spies on the fake browser outlive a test unless restored.
afterEach(() => vi.restoreAllMocks());

const rule = (id: string, matches: string, extra: Partial<TeamRule> = {}): TeamRule => ({
  id,
  name: id,
  matches,
  kind: 'user_id',
  source: { from: 'url', pattern: '^/users/([^/]+)' },
  ...extra,
});

describe('rulesForPage (the content script’s read of the rules)', () => {
  it('returns the managed and local rules for this site, managed first, a managed id hiding a local one', async () => {
    await fakeBrowser.storage.local.set({
      teamRules: [
        rule('local-admin', 'https://admin.acme.test/*'),
        rule('shared-id', 'https://admin.acme.test/*', { name: 'local copy' }),
        rule('elsewhere', 'https://billing.test/*'),
        rule('other-path', 'https://admin.acme.test/*', { urlIncludes: '^/orders/' }),
      ],
    });
    await fakeBrowser.storage.managed.set({ teamRules: [rule('shared-id', 'https://*.acme.test/*', { name: 'preset' })] });
    const rules = await rulesForPage(new URL('https://admin.acme.test/users/usr_1001'));
    // Path filters are left to detection: a single-page app may navigate to /orders/ later.
    expect(rules.map((r) => [r.id, r.name])).toEqual([
      ['shared-id', 'preset'],
      ['local-admin', 'local-admin'],
      ['other-path', 'other-path'],
    ]);
  });

  it('skips entries that are not rule-shaped', async () => {
    await fakeBrowser.storage.local.set({ teamRules: ['junk', null, { id: 'x', matches: 'https://admin.acme.test/*' }, rule('ok', 'https://admin.acme.test/*')] });
    expect((await rulesForPage(new URL('https://admin.acme.test/users/1'))).map((r) => r.id)).toEqual(['ok']);
  });

  it('works without managed storage (Firefox without a policy)', async () => {
    await fakeBrowser.storage.local.set({ teamRules: [rule('ok', 'https://admin.acme.test/*')] });
    vi.spyOn(fakeBrowser.storage.managed, 'get').mockRejectedValue(new Error('Managed storage manifest not found'));
    expect((await rulesForPage(new URL('https://admin.acme.test/users/1'))).map((r) => r.id)).toEqual(['ok']);
  });

  it('is empty when nothing is stored', async () => {
    await expect(rulesForPage(new URL('https://admin.acme.test/'))).resolves.toEqual([]);
  });
});
