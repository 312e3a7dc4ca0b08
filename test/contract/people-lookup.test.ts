// Contract: the batched "People on this page" lookup. Every candidate is looked up in one
// POST /contacts/search with an OR group (at most 15 filters a group, as the 2.14 description says;
// more candidates make more groups, in parallel), and open conversations in one
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

  it('chunks beyond 15 filters into groups of 15, sent together, all valid', async () => {
    const refs: RecipientRef[] = Array.from({ length: 31 }, (_, i) => ({ kind: 'email', value: `person${i}@example.test` }));
    refs.push({ kind: 'email', value: marcus.email! });
    const queries = lookupQueries(refs);
    expect(queries.map((q) => ('operator' in q && Array.isArray(q.value) ? q.value.length : 1))).toEqual([15, 15, 2]);
    const found = await lookUpPeople(client, refs);
    expect(searches()).toHaveLength(3);
    expect(searches().every((r) => r.valid)).toBe(true);
    expect(found.get(refKey({ kind: 'email', value: marcus.email! }))!.map((c) => c.id)).toEqual([marcus.id]);
  });

  it('drops duplicate references before they cost a filter', () => {
    expect(lookupQueries([{ kind: 'email', value: 'a@b.test' }, { kind: 'email', value: 'A@B.test' }])).toEqual([{ field: 'email', operator: '=', value: 'a@b.test' }]);
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
