// The team rules address against a real HTTP server (node:http) that answers with ETags the way a
// static host does: a 304 keeps the copy, a broken file or a failing server keeps the last good
// copy with the reason, and the rules apply read-only beside the managed and local ones.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { checkAddress, keepTeamRulesFresh, refreshTeamRules, REFRESH_ALARM, type Fetcher } from '../../utils/detect/team-rules-refresh';
import { allowedAddress, teamRulesAddressItem, teamRulesFromAddressItem } from '../../utils/detect/team-rules-address';
import { exportRulesJson, listRules, teamRulesItem, type TeamRule } from '../../utils/detect/team-rules';
import { rulesForPage } from '../../utils/detect/stored-rules';

const billing: TeamRule = { id: 'billing', name: 'Billing customers', matches: 'https://dashboard.billing.test/*', kind: 'email', source: { from: 'selector', selector: '.customer-email' } };
const admin: TeamRule = { id: 'admin-users', name: 'Admin: users', matches: 'https://admin.acme.test/*', kind: 'user_id', source: { from: 'url', pattern: '^/users/([^/?#]+)' } };

// What the server serves now; each request's headers are kept so a test can see If-None-Match.
let served: { status: number; body: string; etag: string | null };
let requests: IncomingHttpHeaders[];
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req.headers);
    if (served.etag && req.headers['if-none-match'] === served.etag) {
      res.writeHead(304, { etag: served.etag }).end();
      return;
    }
    res.writeHead(served.status, { 'content-type': 'application/json', ...(served.etag ? { etag: served.etag } : {}) }).end(served.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

// Release builds take https only, so the address is an https one and the fetcher sends its path to
// the local server: the request, headers and answer are real HTTP.
const ADDRESS = 'https://rules.acme.test/hailer/team-rules.json';
const toLocal: Fetcher = (url, init) => fetch(`${base}${new URL(url).pathname}`, init);

let granted: Set<string>;
beforeEach(() => {
  served = { status: 200, body: exportRulesJson([billing]), etag: '"v1"' };
  requests = [];
  granted = new Set(['https://rules.acme.test/*']);
  Object.assign(fakeBrowser.permissions, {
    contains: vi.fn(async ({ origins = [] }: { origins?: string[] }) => origins.every((o) => granted.has(o))),
    onAdded: { addListener: vi.fn() },
  });
});

describe('checking the address', () => {
  it('keeps the copy on a 304, after asking with the ETag it was given', async () => {
    const first = await checkAddress(ADDRESS, null, toLocal, 1_000);
    expect(first).toEqual({ url: ADDRESS, rules: [billing], etag: '"v1"', fetchedAt: 1_000, checkedAt: 1_000, problem: null });
    expect(requests[0]!['if-none-match']).toBeUndefined();

    const second = await checkAddress(ADDRESS, first, toLocal, 2_000);
    expect(requests[1]!['if-none-match']).toBe('"v1"');
    expect(second).toEqual({ ...first, checkedAt: 2_000 });

    served = { status: 200, body: exportRulesJson([billing, admin]), etag: '"v2"' };
    const third = await checkAddress(ADDRESS, second, toLocal, 3_000);
    expect(third).toMatchObject({ rules: [billing, admin], etag: '"v2"', fetchedAt: 3_000, problem: null });
  });

  it('keeps the last good copy when the file is not JSON, and says why', async () => {
    const good = await checkAddress(ADDRESS, null, toLocal, 1_000);
    served = { status: 200, body: '{ "teamRules": [ oops', etag: '"v2"' };
    const next = await checkAddress(ADDRESS, good, toLocal, 2_000);
    expect(next.rules).toEqual([billing]);
    expect(next.etag).toBe('"v1"');
    expect(next.fetchedAt).toBe(1_000);
    expect(next.checkedAt).toBe(2_000);
    expect(next.problem).toEqual({ code: 'invalid', details: ['This file is not valid JSON.'] });
  });

  it('validates like an import: one bad rule and none of the file is taken, with the rule and field named', async () => {
    const good = await checkAddress(ADDRESS, null, toLocal, 1_000);
    served = { status: 200, body: JSON.stringify({ teamRules: [admin, { ...billing, matches: '*://*/*' }] }), etag: '"v2"' };
    const next = await checkAddress(ADDRESS, good, toLocal, 2_000);
    expect(next.rules).toEqual([billing]);
    expect(next.problem?.code).toBe('invalid');
    expect(next.problem).toMatchObject({ details: [expect.stringMatching(/^Rule 2, matches: /)] });
  });

  it('keeps the last good copy when the server fails or cannot be reached', async () => {
    const good = await checkAddress(ADDRESS, null, toLocal, 1_000);
    served = { status: 503, body: 'busy', etag: null };
    expect(await checkAddress(ADDRESS, good, toLocal, 2_000)).toEqual({ ...good, checkedAt: 2_000, problem: { code: 'http_status', status: 503 } });
    const closed: Fetcher = (url, init) => fetch(`http://127.0.0.1:1${new URL(url).pathname}`, init);
    expect(await checkAddress(ADDRESS, good, closed, 3_000)).toEqual({ ...good, checkedAt: 3_000, problem: { code: 'unreachable' } });
  });

  it("never uses another address's copy, and refuses plain http in a release build", async () => {
    const other = await checkAddress('https://elsewhere.acme.test/rules.json', null, toLocal, 1_000);
    served = { status: 500, body: '', etag: null };
    const next = await checkAddress(ADDRESS, other, toLocal, 2_000);
    expect(next).toEqual({ url: ADDRESS, rules: [], etag: null, fetchedAt: null, checkedAt: 2_000, problem: { code: 'http_status', status: 500 } });
    expect(allowedAddress('http://rules.acme.test/team-rules.json')).toBeNull();
    expect(allowedAddress('https://user:pw@rules.acme.test/x.json')).toBeNull();
    expect(allowedAddress('not a url')).toBeNull();
    expect(await checkAddress('http://rules.acme.test/x.json', null, toLocal, 1)).toMatchObject({ problem: { code: 'not_https' } });
  });
});

describe('the rules from the address', () => {
  it('are stored by the background, listed read-only after managed ones, and read by the content script', async () => {
    const preset: TeamRule = { ...admin, id: 'it-preset', name: 'Preset by IT' };
    served = { status: 200, body: exportRulesJson([billing, { ...preset, name: 'Team copy' }]), etag: '"v1"' };
    await fakeBrowser.storage.managed.set({ teamRules: [preset] });
    await teamRulesItem.setValue([{ ...billing, name: 'My own copy' }, admin]);
    await teamRulesAddressItem.setValue(ADDRESS);
    await refreshTeamRules(toLocal);

    expect(await listRules()).toEqual([
      { ...preset, managed: true },
      { ...billing, managed: true, fromAddress: true },
      { ...admin, managed: false },
    ]);
    expect((await rulesForPage(new URL('https://dashboard.billing.test/customers/1'))).map((r) => r.name)).toEqual(['Billing customers']);
    // The team's copy of the preset is hidden by the policy's rule with that id.
    expect((await rulesForPage(new URL('https://admin.acme.test/users/1'))).map((r) => r.name)).toEqual(['Preset by IT', 'Admin: users']);
  });

  it("uses the policy's teamRulesUrl over the agent's address", async () => {
    await teamRulesAddressItem.setValue('https://mine.acme.test/rules.json');
    await fakeBrowser.storage.managed.set({ teamRulesUrl: ADDRESS });
    const state = await refreshTeamRules(toLocal);
    expect(state).toMatchObject({ url: ADDRESS, rules: [billing] });
    expect(requests).toHaveLength(1);
  });

  it("does not fetch without the address's site, keeps the copy, and forgets it when the address is cleared", async () => {
    await teamRulesAddressItem.setValue(ADDRESS);
    await refreshTeamRules(toLocal);
    granted.clear();
    const state = await refreshTeamRules(toLocal);
    expect(requests).toHaveLength(1);
    expect(state).toMatchObject({ rules: [billing], problem: { code: 'no_access' } });
    expect((await listRules()).map((r) => r.id)).toEqual(['billing']);

    await teamRulesAddressItem.setValue('');
    expect(await refreshTeamRules(toLocal)).toBeNull();
    expect(await teamRulesFromAddressItem.getValue()).toBeNull();
    expect(await listRules()).toEqual([]);
  });
});

describe('keeping it fresh (the background)', () => {
  it('checks on the hourly alarm, not at a worker start after a recent check, and keeps the alarm it has', async () => {
    // An https address on the loopback host, where the server speaks plain HTTP: the background's
    // real fetch fails at once, and the check says so while keeping the copy.
    const address = `https://127.0.0.1:${new URL(base).port}/team-rules.json`;
    granted.add('https://127.0.0.1/*');
    const copy = { url: address, rules: [billing], etag: '"v1"', fetchedAt: Date.now(), checkedAt: Date.now(), problem: null };
    await teamRulesAddressItem.setValue(address);
    await teamRulesFromAddressItem.setValue(copy);

    keepTeamRulesFresh();
    await vi.waitFor(async () => expect(await fakeBrowser.alarms.get(REFRESH_ALARM)).toMatchObject({ periodInMinutes: 60 }));
    const alarm = await fakeBrowser.alarms.get(REFRESH_ALARM);
    await new Promise((r) => setTimeout(r, 20));
    expect(await teamRulesFromAddressItem.getValue()).toEqual(copy);

    await fakeBrowser.alarms.onAlarm.trigger(alarm!);
    await vi.waitFor(async () => expect((await teamRulesFromAddressItem.getValue())?.problem).toEqual({ code: 'unreachable' }));
    expect((await teamRulesFromAddressItem.getValue())?.rules).toEqual([billing]);

    keepTeamRulesFresh();
    await new Promise((r) => setTimeout(r, 20));
    expect(await fakeBrowser.alarms.get(REFRESH_ALARM)).toEqual(alarm);
  });
});
