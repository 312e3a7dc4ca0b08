// The options page's connection step: the site access a custom Intercom address asks for (patterns
// both Firefox and Chromium answer correctly), and the words a failed save or test shows there.
import { describe, expect, it, vi } from 'vitest';
import { errorCodes } from '../../utils/errors';
import { toWireError } from '../../utils/router';
import { HailerError } from '../../utils/errors';
import { NETWORK_FAILURE } from '../../utils/intercom/errors';
import { connectionProblem, customAddress, originPatterns, requestAccess } from '../../entrypoints/options/connection';

describe('custom address access', () => {
  it('asks for each host without its port (Firefox match patterns take none)', () => {
    expect(customAddress('http://127.0.0.1:41234/', 'http://127.0.0.1:41234/app')).toEqual({
      apiBaseUrl: 'http://127.0.0.1:41234',
      appBaseUrl: 'http://127.0.0.1:41234/app',
      origins: ['http://127.0.0.1/*'],
    });
    expect(originPatterns('https://proxy.example.com:8443/intercom', 'https://inbox.example.com')).toEqual([
      'https://proxy.example.com/*',
      'https://inbox.example.com/*',
    ]);
  });

  it('refuses what is not a plain http(s) address', () => {
    for (const bad of ['', 'proxy.example.com', 'ftp://proxy.example.com', 'https://user:pw@proxy.example.com', 'https://p.example.com/?q=1']) {
      expect(customAddress(bad, 'https://inbox.example.com')).toBeNull();
    }
  });

  it('calls request first and synchronously, and falls back to contains when request throws or rejects', async () => {
    const order: string[] = [];
    const permissions = {
      request: vi.fn(() => {
        order.push('request');
        return Promise.resolve(true);
      }),
      contains: vi.fn(() => Promise.resolve(false)),
    };
    const pending = requestAccess(permissions, ['http://127.0.0.1/*']);
    expect(order).toEqual(['request']); // before the caller's first await
    await expect(pending).resolves.toBe(true);
    expect(permissions.contains).not.toHaveBeenCalled();

    const throwing = { request: () => { throw new Error('not a user gesture'); }, contains: () => Promise.resolve(true) };
    await expect(requestAccess(throwing, ['http://127.0.0.1/*'])).resolves.toBe(true);
    const rejecting = { request: () => Promise.reject(new Error('no')), contains: () => Promise.reject(new Error('no')) };
    await expect(requestAccess(rejecting, ['http://127.0.0.1/*'])).resolves.toBe(false);
  });
});

describe('failed save or test, in words for the options page', () => {
  const where = { apiBaseUrl: 'http://127.0.0.1:41234' };
  const wire = (code: (typeof errorCodes)[number], init: ConstructorParameters<typeof HailerError>[1] = {}) =>
    toWireError(new HailerError(code, init));

  it('never shows an internal code, a draft, or advice about sending', () => {
    const errors = [
      ...errorCodes.map((code) => wire(code)),
      wire('intercom_unavailable', { detail: NETWORK_FAILURE }),
      wire('unreadable_answer', { detail: 'GET /me: app.id_code: expected string, received undefined' }),
      wire('unknown', { detail: 'Some Intercom wording' }),
      null,
    ];
    for (const error of errors) {
      const text = connectionProblem(error, where);
      expect(text.length).toBeGreaterThan(20);
      expect(text).not.toMatch(/\bnetwork\b(?! connection)|unexpected_response|_/);
      expect(text).not.toMatch(/draft|send again|sent/i);
    }
  });

  it('a connection that got no answer names the address and what to check', () => {
    const text = connectionProblem(wire('intercom_unavailable', { detail: NETWORK_FAILURE }), where);
    expect(text).toBe(
      'Hailer could not reach Intercom at http://127.0.0.1:41234. Check the region, or for Custom the API base URL, and your network connection, then test again.',
    );
    expect(connectionProblem(wire('intercom_unavailable'), where)).toMatch(/server error.*again in a minute/);
    expect(connectionProblem(wire('unreadable_answer', { detail: 'GET /me: app: expected object, received undefined' }), where)).toMatch(/not the way Intercom's API does/);
    expect(connectionProblem(wire('token_rejected'), where)).toMatch(/rejected this access token.*paste it in Access token/);
    expect(connectionProblem(wire('bad_request'), where)).toMatch(/does not look like an Intercom access token/);
  });
});
