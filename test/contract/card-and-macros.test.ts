// Issue 13 against the simulator: the contact card's requests (2.14) and the macros' (2.16, cursor
// paging, updated_since), each validated by the simulator against the description its
// Intercom-Version header names, and every answer checked against that description.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createIntercomClient, type IntercomClient } from '../../utils/intercom';
import { fetchContactCard, listContactAttributes } from '../../utils/intercom/card';
import { adminTeamIds, fetchMacros, macrosProblem, MACROS_PER_PAGE, usableMacros } from '../../utils/intercom/macros';
import { SEED, startSimulator, validateResponse, type Simulator, type SimulatorState } from '../intercom-simulator/index.mjs';

let sim: Simulator;
let client: IntercomClient;
const JANE = SEED.contacts[0]!.id;

beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
});
afterAll(() => sim?.close());
beforeEach(() => {
  sim.reset();
  client = createIntercomClient({ token: sim.token, apiBaseUrl: sim.apiBaseUrl });
});
afterEach(() => {
  expect(sim.requests.length).toBeGreaterThan(0);
  for (const r of sim.requests.filter((r) => r.status === 200)) {
    expect(r.validationErrors, `${r.method} ${r.path}`).toEqual([]);
    const version = (r as { version?: string }).version;
    expect(validateResponse({ method: r.method, path: r.path, status: 200, body: (r as { response?: unknown }).response, version }).errors, `${r.path} answer`).toEqual([]);
  }
});

/** `count` macros, newest first by one second each, all usable in the inbox. */
function manyMacros(count: number): SimulatorState['macros'] {
  return Array.from({ length: count }, (_, i) => ({
    id: String(9000 + i),
    name: `Macro ${i}`,
    body: `<p>Body ${i}</p>`,
    body_text: `Body ${i}`,
    updated: 1718000000 - i,
    visible_to: 'everyone',
    visible_to_team_ids: [],
    available_on: ['inbox'],
  }));
}

describe('contact card', () => {
  it('reads the contact, its company names and tag names in one round trip of three parallel requests', async () => {
    const card = await fetchContactCard(client, JANE, [
      { name: 'custom_attributes.plan', label: 'Plan' },
      { name: 'custom_attributes.seats', label: 'Seats' },
      { name: 'custom_attributes.nothing', label: 'Nothing' },
    ]);
    expect(card).toEqual({
      id: JANE,
      name: 'Jane Cooper',
      email: 'jane@acme.test',
      role: 'user',
      companies: ['Acme Inc'],
      location: 'San Francisco, California, United States',
      lastSeenAt: expect.any(Number),
      signedUpAt: expect.any(Number),
      tags: ['VIP', 'Beta tester'],
      attributes: [
        { label: 'Plan', value: 'Pro' },
        { label: 'Seats', value: '12' },
        { label: 'Nothing', value: null },
      ],
    });
    expect(sim.requests.map((r) => [r.operationId, r.valid])).toEqual(
      expect.arrayContaining([
        ['ShowContact', true],
        ['listCompaniesForAContact', true],
        ['listTagsForAContact', true],
      ]),
    );
    expect(sim.requests).toHaveLength(3);
  });

  it('a contact Intercom does not know is a not-found error', async () => {
    await expect(fetchContactCard(client, '6650a1b2c3d4e5f6010000ff', [])).rejects.toMatchObject({ code: 'recipient_not_found' });
    sim.requests.length = 0;
    await fetchContactCard(client, JANE, []); // afterEach needs one valid 200
  });

  it('lists the contact attributes a team may choose, without archived ones', async () => {
    const attributes = await listContactAttributes(client);
    expect(attributes).toEqual(expect.arrayContaining([{ name: 'custom_attributes.plan', label: 'Plan' }, { name: 'email', label: 'Email' }]));
    expect(attributes.map((a) => a.name)).not.toContain('custom_attributes.legacy_id');
    expect(sim.requests[0]).toMatchObject({ operationId: 'lisDataAttributes', query: { model: 'contact' }, valid: true });
  });
});

describe('macros (Intercom-Version 2.16)', () => {
  it('follows the cursor through every page of 150', async () => {
    sim.state.macros = manyMacros(320);
    const macros = await fetchMacros(client);
    expect(macros.map((m) => m.id)).toEqual(manyMacros(320).map((m) => m.id));
    const pages = sim.requests.filter((r) => r.path === '/macros');
    expect(pages).toHaveLength(3);
    expect(pages.map((r) => [r.valid, (r as { version?: string }).version, r.query.per_page])).toEqual([
      [true, '2.16', String(MACROS_PER_PAGE)],
      [true, '2.16', String(MACROS_PER_PAGE)],
      [true, '2.16', String(MACROS_PER_PAGE)],
    ]);
    expect(pages[0]!.query.starting_after).toBeUndefined();
    expect(pages[1]!.query.starting_after).toBe((pages[0] as { response?: { pages: { next: { starting_after: string } } } }).response!.pages.next.starting_after);
    // The cursor is what 2.16 documents: Base64 of [updated_at, id] of the previous page's last macro.
    expect(JSON.parse(Buffer.from(pages[1]!.query.starting_after!, 'base64').toString())).toEqual([1718000000 - 149, String(9000 + 149)]);
  });

  it('asks only for what changed with updated_since', async () => {
    sim.state.macros = manyMacros(10);
    const changed = await fetchMacros(client, 1718000000 - 3);
    expect(changed.map((m) => m.id)).toEqual(['9000', '9001', '9002']);
    expect(sim.requests[0]!.query).toMatchObject({ updated_since: String(1718000000 - 3) });
  });

  it('keeps the macros usable in the inbox by this admin: everyone, or one of their teams', async () => {
    const all = await fetchMacros(client);
    expect(usableMacros(all, await adminTeamIds(client, SEED.meAdminId)).map((m) => m.name)).toEqual(['Export ready', 'Order status']);
    expect(usableMacros(all, ['8801']).map((m) => m.name)).toEqual(['Export ready', 'Order status', 'Billing team only']);
    expect(all.find((m) => m.id === '501')).toMatchObject({ body: expect.stringContaining('<attribute key="user.first_name" default="there"/>'), bodyText: expect.stringContaining('{{user.first_name|fallback:"there"}}') });
  });

  it('says why there are no macros: a token without the scope, or an API without /macros', async () => {
    sim.injectFault({ path: '/macros', status: 403, body: { type: 'error.list', request_id: 'r1', errors: [{ code: 'forbidden', message: 'Missing required scope' }] } });
    expect(macrosProblem(await fetchMacros(client).catch((e) => e))).toBe('forbidden');
    // /macros under the pinned 2.14 is no operation at all.
    const old = await client.get((await import('zod')).z.unknown(), '/macros').catch((e) => e);
    expect(macrosProblem(old)).toBe('unsupported');
    expect(sim.requests.at(-1)).toMatchObject({ valid: false, validationErrors: ["GET /macros is not an operation of Intercom's API 2.14"] });
    sim.requests.length = 0;
    await fetchMacros(client);
  });
});
