// "People on this page": every candidate a page scan found, looked up in Intercom at once. One
// POST /contacts/search with an OR group of the candidates' identifiers; the 2.14 description allows
// at most 15 filters in an AND or OR group, so more candidates make more groups, sent in parallel
// (still one round trip). Then, for the contacts found, how many open conversations each has: one
// POST /conversations/search, asked after the list is on screen.
import type { ContactSummary, RecipientRef } from '../protocol';
import type { Filter, IntercomClient, Query } from './client';

/** "There's a limit of max 15 filters for each AND or OR group" (SearchContacts, 2.14). */
export const MAX_FILTERS_PER_GROUP = 15;
/** One email can be a user and a lead; a few more results per filter than filters. */
const RESULTS_PER_FILTER = 3;

const fieldOf = { email: 'email', user_id: 'external_id', contact_id: 'id' } as const;

export const refKey = (ref: RecipientRef) => `${ref.kind}:${ref.kind === 'email' ? ref.value.toLowerCase() : ref.value}`;

/** The search queries for these references: OR groups of at most 15 filters, duplicates removed. */
export function lookupQueries(refs: readonly RecipientRef[]): Query[] {
  const seen = new Set<string>();
  const filters: Filter[] = [];
  for (const ref of refs) {
    if (seen.has(refKey(ref))) continue;
    seen.add(refKey(ref));
    filters.push({ field: fieldOf[ref.kind], operator: '=', value: ref.value });
  }
  const groups: Query[] = [];
  for (let i = 0; i < filters.length; i += MAX_FILTERS_PER_GROUP) {
    const chunk = filters.slice(i, i + MAX_FILTERS_PER_GROUP);
    groups.push(chunk.length === 1 ? chunk[0]! : { operator: 'OR', value: chunk });
  }
  return groups;
}

/** Which contacts each reference points at (keyed by refKey); references Intercom does not know map to []. */
export async function lookUpPeople(api: IntercomClient, refs: readonly RecipientRef[]): Promise<Map<string, ContactSummary[]>> {
  const queries = lookupQueries(refs);
  const pages = await Promise.all(
    queries.map((q) => api.searchContacts(q, Math.min(150, ('value' in q && Array.isArray(q.value) ? q.value.length : 1) * RESULTS_PER_FILTER))),
  );
  const contacts = pages.flat();
  const byRef = new Map<string, ContactSummary[]>();
  for (const ref of refs) {
    const matches = contacts.filter((c) =>
      ref.kind === 'email' ? c.email?.toLowerCase() === ref.value.toLowerCase() : ref.kind === 'user_id' ? c.externalId === ref.value : c.id === ref.value,
    );
    byRef.set(refKey(ref), [...new Map(matches.map((c) => [c.id, c])).values()]);
  }
  return byRef;
}

/** Open conversations per contact id, from one search (contact_ids IN …, state = open). */
export async function openConversationCounts(api: IntercomClient, contactIds: readonly string[]): Promise<Record<string, number>> {
  const ids = [...new Set(contactIds)];
  const counts: Record<string, number> = Object.fromEntries(ids.map((id) => [id, 0]));
  if (ids.length === 0) return counts;
  const conversations = await api.searchConversations(
    { operator: 'AND', value: [{ field: 'contact_ids', operator: 'IN', value: ids }, { field: 'state', operator: '=', value: 'open' }] },
    150,
  );
  for (const c of conversations) for (const id of c.contactIds) if (id in counts) counts[id]!++;
  return counts;
}
