import { describe, expect, it } from 'vitest';
import { HailerError } from '../../utils/errors';
import { contactUrl, conversationUrl, endpointsFor, isBaseUrl, regionFromApp } from '../../utils/intercom';

describe('endpointsFor', () => {
  it.each([
    ['us', 'https://api.intercom.io', 'https://app.intercom.com'],
    ['eu', 'https://api.eu.intercom.io', 'https://app.eu.intercom.com'],
    ['au', 'https://api.au.intercom.io', 'https://app.au.intercom.com'],
  ] as const)('%s is hosted by Intercom, whatever custom URLs are left in the settings', (region, apiBaseUrl, appBaseUrl) => {
    expect(endpointsFor({ region, apiBaseUrl: 'http://127.0.0.1:9', appBaseUrl: '' })).toEqual({ apiBaseUrl, appBaseUrl });
  });

  it('custom takes the given pair', () => {
    const pair = { apiBaseUrl: 'http://127.0.0.1:4010', appBaseUrl: 'https://proxy.acme.test/intercom' };
    expect(endpointsFor({ region: 'custom', ...pair })).toEqual(pair);
  });

  it.each([
    ['a trailing slash', 'https://proxy.acme.test/'],
    ['another scheme', 'ftp://proxy.acme.test'],
    ['a query', 'https://proxy.acme.test?x=1'],
    ['a fragment', 'https://proxy.acme.test#top'],
    ['credentials', 'https://user:pw@proxy.acme.test'],
    ['not a URL', 'proxy.acme.test'],
    ['nothing', ''],
  ])('custom refuses a URL with %s', (_what, url) => {
    expect(isBaseUrl(url)).toBe(false);
    const error = (() => {
      try {
        endpointsFor({ region: 'custom', apiBaseUrl: url, appBaseUrl: 'https://app.acme.test' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(HailerError);
    expect((error as HailerError).code).toBe('not_configured');
    expect((error as HailerError).detail).toContain('apiBaseUrl');
  });
});

describe('links', () => {
  it('builds the inbox deep link of a conversation', () => {
    expect(conversationUrl('https://app.eu.intercom.com', 'acme42', '1001')).toBe(
      'https://app.eu.intercom.com/a/inbox/acme42/inbox/conversation/1001',
    );
  });

  it('cannot be steered elsewhere by odd ids', () => {
    expect(conversationUrl('https://app.intercom.com', '../x', '1?y=2')).toBe(
      'https://app.intercom.com/a/inbox/..%2Fx/inbox/conversation/1%3Fy%3D2',
    );
  });

  it('builds a contact page link', () => {
    expect(contactUrl('https://app.intercom.com', 'acme42', '6650a1b2c3d4e5f601000001')).toBe(
      'https://app.intercom.com/a/apps/acme42/users/6650a1b2c3d4e5f601000001',
    );
  });
});

describe('regionFromApp', () => {
  it.each([
    ['US', 'us'],
    ['EU', 'eu'],
    ['au', 'au'],
    ['Mars', null],
    [undefined, null],
    [null, null],
  ] as const)('%s → %s', (value, region) => {
    expect(regionFromApp(value)).toBe(region);
  });
});
