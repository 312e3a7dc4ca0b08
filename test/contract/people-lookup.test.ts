// Contract: the batched lookup of "People on this page" and of a bulk send. Up to 150 references are
// looked up in one POST /contacts/search: OR groups of at most 15 filters in one OR of groups (the 2.14
// description's words: 15 filters a group, two levels of nesting), a search that finds more than a page
// followed to its next page; and open conversations in one
// POST /conversations/search. Every request must validate against the description, and the
// simulator refuses what the description's words forbid (16 filters in a group, deeper nesting).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createIntercomClient, type IntercomClient } from '../../utils/intercom';
import { lookUpPeople, lookupQueries, openConversationCounts, refKey, MAX_FILTERS_PER_GROUP } from '../../utils/intercom/people';
import type { RecipientRef } from '../../utils/protocol';
import { SEED, startSimulator, type Simulator } from '../intercom-simulator/index.mjs';

let sim: Simulator;
let client: IntercomClient;
const jane = SEED.contacts.find((c) => c.name === 'Jane Cooper')!;
const marcus = SEED.contacts.find((c) => c.name === 'Marcus Lee')!;

beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
});
afterAll(async () => {
  await sim?.close();
});
beforeEach(() => {
  sim.reset();
  client = createIntercomClient({ token: sim.token, apiBaseUrl: sim.apiBaseUrl });
});

const searches = () => sim.requests.filter((r) => r.path === '/contacts/search');

describe('batched contact lookup', () => {
  it('looks up emails, user ids and contact ids in one valid request, and says who Intercom does not know', async () => {
    const refs: RecipientRef[] = [
      { kind: 'email', value: 'MARCUS@globex.test' },
      { kind: 'user_id', value: 'usr_1003' },
      { kind: 'contact_id', value: jane.id },
      { kind: 'email', value: 'shared@acme.test' },
      { kind: 'email', value: 'nobody@nowhere.test' },
    ];
    const found = await lookUpPeople(client, refs);
    expect(searches()).toHaveLength(1);
    expect(searches()[0]).toMatchObject({ valid: true, body: { query: { operator: 'OR' } } });
    expect(found.get(refKey(refs[0]!))!.map((c) => c.name)).toEqual(['Marcus Lee']);
    expect(found.get(refKey(refs[1]!))!.map((c) => c.name)).toEqual(['Priya Shah']);
    expect(found.get(refKey(refs[2]!))!.map((c) => c.id)).toEqual([jane.id]);
    // One address, a user and a lead.
    expect(found.get(refKey(refs[3]!))!.map((c) => c.role).sort()).toEqual(['lead', 'user']);
    expect(found.get(refKey(refs[4]!))).toEqual([]);
  });

  it('puts groups of 15 in one OR of groups: one valid search for 150 references, a second beyond', async () => {
    const refs: RecipientRef[] = Array.from({ length: 160 }, (_, i) => ({ kind: 'email', value: `person${i}@example.test` }));
    refs.push({ kind: 'email', value: marcus.email! });
    const queries = lookupQueries(refs);
    expect(queries.map((q) => q.filters)).toEqual([150, 11]);
    const first = queries[0]!.query as { operator: string; value: { operator: string; value: unknown[] }[] };
    expect(first.operator).toBe('OR');
    expect(first.value.map((g) => [g.operator, g.value.length])).toEqual(Array.from({ length: 10 }, () => ['OR', 15]));
    const found = await lookUpPeople(client, refs);
    expect(searches()).toHaveLength(2);
    expect(searches().every((r) => r.valid)).toBe(true);
    expect(found.get(refKey({ kind: 'email', value: marcus.email! }))!.map((c) => c.id)).toEqual([marcus.id]);
    expect(found.get(refKey(refs[0]!))).toEqual([]);
  });

  it('follows a search that finds more than its page to the next page', async () => {
    // 150 affected customers, #14 of whom is a user and a lead: 151 contacts for a page of 150.
    sim.setOptions({ affectedCustomers: 150 });
    const refs: RecipientRef[] = Array.from({ length: 150 }, (_, i) => ({ kind: 'email', value: `customer-${String(i + 1).padStart(4, '0')}@affected.test` }));
    const found = await lookUpPeople(client, refs);
    expect(searches()).toHaveLength(2);
    expect(searches()[1]!.body).toMatchObject({ pagination: { per_page: 150, starting_after: expect.any(String) } });
    expect(searches().every((r) => r.valid)).toBe(true);
    expect(found.get(refKey(refs[13]!))!.map((c) => c.role).sort()).toEqual(['lead', 'user']);
    expect(refs.filter((_, i) => i !== 13).every((ref) => found.get(refKey(ref))!.length === 1)).toBe(true);
  });

  it('drops duplicate references before they cost a filter', () => {
    expect(lookupQueries([{ kind: 'email', value: 'a@b.test' }, { kind: 'email', value: 'A@B.test' }])).toEqual([{ query: { field: 'email', operator: '=', value: 'a@b.test' }, filters: 1 }]);
  });

  it('the simulator refuses a group of 16 filters and a third level of nesting, as Intercom says it does', async () => {
    const filters = Array.from({ length: MAX_FILTERS_PER_GROUP + 1 }, (_, i) => ({ field: 'email', operator: '=' as const, value: `p${i}@x.test` }));
    await expect(client.searchContacts({ operator: 'OR', value: filters }, 10)).rejects.toMatchObject({ status: 400 });
    const deep = { operator: 'OR' as const, value: [{ operator: 'OR' as const, value: [{ operator: 'OR' as const, value: filters.slice(0, 2) }] }] };
    await expect(client.searchContacts(deep, 10)).rejects.toMatchObject({ status: 400 });
    expect(sim.requests.map((r) => r.valid)).toEqual([false, false]);
  });
});

describe('open conversations', () => {
  it('counts each contact\'s open conversations in one valid search', async () => {
    const counts = await openConversationCounts(client, [jane.id, marcus.id]);
    expect(counts).toEqual({ [jane.id]: 1, [marcus.id]: 0 });
    expect(sim.requests).toHaveLength(1);
    expect(sim.requests[0]).toMatchObject({ path: '/conversations/search', valid: true });
  });
});
