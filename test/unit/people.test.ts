// The background's "People on this page": who is the team (the agent, admins, Our domains or, until
// the agent sets them, the admins' domains), and the lookup of everyone else against the simulator.
// And the teach handlers: a proposal is accepted only from our content script, for its own page.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startSimulator, type Simulator } from '../intercom-simulator/index.mjs';
import { createIntercomClient } from '../../utils/intercom';
import { peopleHandlers, teamOf, type PeopleDeps } from '../../utils/scan/background';
import { teachHandlers } from '../../utils/teach/background';
import { defaultSettings, type Settings } from '../../utils/storage/settings';
import type { Runtime } from 'webextension-polyfill';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
});
afterAll(async () => {
  await sim?.close();
});
beforeEach(() => sim.reset());

const admins = [
  { id: '991001', name: 'Ada Admin', email: 'ada@acme.test' },
  { id: '991002', name: 'Ben Support', email: 'ben@partner.test' },
];
const deps = (settings: Partial<Settings> = {}): PeopleDeps => ({
  api: async () => createIntercomClient({ token: sim.token, apiBaseUrl: sim.apiBaseUrl }),
  workspace: async () => ({ id: 'acme42', name: 'Acme', region: 'US', adminId: '991001', adminName: 'Ada Admin', adminEmail: 'ada@acme.test', apiBaseUrl: sim.apiBaseUrl }),
  admins: async () => admins,
  settings: async () => ({ ...defaultSettings, ...settings }),
});
const sender = {} as Runtime.MessageSender;
const email = (value: string) => ({ ref: { kind: 'email' as const, value } });

describe('the team', () => {
  it('is the agent, the admins and, until the agent says otherwise, the admins\' domains', async () => {
    expect(await teamOf(deps())).toEqual({ emails: ['ada@acme.test', 'ada@acme.test', 'ben@partner.test'], domains: ['acme.test', 'partner.test'] });
    expect((await teamOf(deps({ ourDomains: ['hooli.test'] }))).domains).toEqual(['hooli.test']);
    expect((await teamOf(deps({ ourDomains: [] }))).domains).toEqual([]);
  });
});

describe('people.lookup', () => {
  it('leaves the team out, looks everyone else up in one search, and keeps the order', async () => {
    const handlers = peopleHandlers(deps());
    const reply = await handlers['people.lookup'](
      { candidates: [email('ben@partner.test'), email('priya@initech.test'), email('billing@acme.test'), email('nobody@else.test'), { ref: { kind: 'user_id', value: 'usr_1002' } }] },
      sender,
    );
    expect(reply.teamLeftOut).toBe(2);
    expect(reply.people.map((p) => [p.recipient.ref.value, p.contacts.map((c) => c.name)])).toEqual([
      ['priya@initech.test', ['Priya Shah']],
      ['nobody@else.test', []],
      ['usr_1002', ['Marcus Lee']],
    ]);
    expect(sim.requests.filter((r) => r.path === '/contacts/search')).toHaveLength(1);
    expect(sim.requests.every((r) => r.valid)).toBe(true);
  });

  it('adds the contacts of the Intercom conversations the page links to', async () => {
    // Our domain is set to partner.test here: Jane (acme.test) is a customer, Ada (an admin) is not.
    const reply = await peopleHandlers(deps({ ourDomains: ['partner.test'] }))['people.lookup']({ candidates: [email('marcus@globex.test'), email('ada@acme.test')], conversationIds: ['1001', '999999'] }, sender);
    expect(reply.teamLeftOut).toBe(1);
    expect(reply.people.map((p) => [p.recipient.ref.kind, p.contacts.map((c) => c.name)])).toEqual([
      ['email', ['Marcus Lee']],
      ['contact_id', ['Jane Cooper']],
    ]);
    expect(sim.requests.every((r) => r.valid || r.path === '/conversations/999999')).toBe(true);
    // A linked contact at our own domains is the team too.
    const own = await peopleHandlers(deps())['people.lookup']({ candidates: [], conversationIds: ['1001'] }, sender);
    expect(own.people).toEqual([]);
  });

  it('asks Intercom nothing when only the team is on the page', async () => {
    const reply = await peopleHandlers(deps())['people.lookup']({ candidates: [email('ada@acme.test')] }, sender);
    expect(reply).toEqual({ people: [], teamLeftOut: 1 });
    expect(sim.requests).toHaveLength(0);
  });
});

describe('teach handlers', () => {
  const rule = {
    id: 'taught-desk', name: 'Taught: desk', matches: 'https://desk.test/*', urlIncludes: '^/tickets/[^/?#]+/?(?:[?#]|$)', kind: 'email',
    source: { from: 'selector', selector: '.requester-email' },
  };
  const proposal = { rule, words: 'desk.test/tickets/*', found: { kind: 'email' as const, value: 'jane@x.test' } };
  const from = (url: string) => ({ id: fakeBrowser.runtime.id, url, tab: { id: 7 }, frameId: 0 }) as unknown as Runtime.MessageSender;

  it('keeps a proposal for the page it was made on, readable by nonce', async () => {
    const { nonce } = await teachHandlers['teach.propose']({ proposal }, from('https://desk.test/tickets/12'));
    expect(nonce).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    await expect(teachHandlers['teach.pending']({ nonce }, sender)).resolves.toMatchObject({ proposal: { rule: { id: 'taught-desk' } }, pageUrl: 'https://desk.test/tickets/12' });
  });

  it('refuses a proposal for another site, a broken rule, or from no tab', async () => {
    await expect(teachHandlers['teach.propose']({ proposal }, from('https://evil.test/tickets/12'))).rejects.toMatchObject({ code: 'bad_request' });
    await expect(teachHandlers['teach.propose']({ proposal: { ...proposal, rule: { ...rule, matches: '<all_urls>' } } }, from('https://desk.test/tickets/1'))).rejects.toMatchObject({ code: 'bad_request' });
    await expect(teachHandlers['teach.propose']({ proposal }, { id: fakeBrowser.runtime.id, url: 'https://desk.test/tickets/1' } as Runtime.MessageSender)).rejects.toMatchObject({ code: 'not_allowed' });
    await expect(teachHandlers['teach.pending']({ nonce: 'x'.repeat(24) }, sender)).rejects.toMatchObject({ code: 'bad_request' });
  });
});
