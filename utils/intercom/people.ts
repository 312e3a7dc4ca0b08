// "People on this page" and a bulk send's recipients: every reference looked up in Intercom at once.
// One POST /contacts/search per 150 references: the 2.14 description allows at most 15 filters in an
// AND or OR group and two levels of nesting, so the references make OR groups of 15, and up to ten
// groups go in one OR of groups (150 = the largest page, so one page holds one contact each; a search
// that finds more, an email that is a user and a lead, is followed to its next page). Then, for the
// contacts found, how many open conversations each has: one POST /conversations/search, asked after
// the list is on screen.
import type { ContactSummary, RecipientRef } from '../protocol';
import type { Filter, IntercomClient, Query } from './client';

/** "There's a limit of max 15 filters for each AND or OR group" (SearchContacts, 2.14). */
export const MAX_FILTERS_PER_GROUP = 15;
/** Groups in one search's OR of groups ("a limit of max 2 nested filters"): ten of 15 fill a page of 150. */
const MAX_GROUPS_PER_SEARCH = 10;
/** References one search asks for. */
export const MAX_REFS_PER_SEARCH = MAX_FILTERS_PER_GROUP * MAX_GROUPS_PER_SEARCH;
/** The largest page Intercom answers. */
const MAX_PAGE = 150;
/** One email can be a user and a lead; a few more results per filter than filters. */
const RESULTS_PER_FILTER = 3;
/** Pages a search is followed to: three contacts per reference at most. */
const MAX_PAGES = RESULTS_PER_FILTER;

const fieldOf = { email: 'email', user_id: 'external_id', contact_id: 'id' } as const;

export const refKey = (ref: RecipientRef) => `${ref.kind}:${ref.kind === 'email' ? ref.value.toLowerCase() : ref.value}`;

/** The search queries for these references, duplicates removed: one per 150, each an OR of groups of at most 15 filters. */
export function lookupQueries(refs: readonly RecipientRef[]): { query: Query; filters: number }[] {
  const seen = new Set<string>();
  const filters: Filter[] = [];
  for (const ref of refs) {
    if (seen.has(refKey(ref))) continue;
    seen.add(refKey(ref));
    filters.push({ field: fieldOf[ref.kind], operator: '=', value: ref.value });
  }
  const queries: { query: Query; filters: number }[] = [];
  for (let i = 0; i < filters.length; i += MAX_REFS_PER_SEARCH) {
    const chunk = filters.slice(i, i + MAX_REFS_PER_SEARCH);
    const groups: Query[] = [];
    for (let j = 0; j < chunk.length; j += MAX_FILTERS_PER_GROUP) groups.push({ operator: 'OR', value: chunk.slice(j, j + MAX_FILTERS_PER_GROUP) });
    const query = chunk.length === 1 ? chunk[0]! : groups.length === 1 ? groups[0]! : { operator: 'OR' as const, value: groups };
    queries.push({ query, filters: chunk.length });
  }
  return queries;
}

/** Which contacts each reference points at (keyed by refKey); references Intercom does not know map to []. */
export async function lookUpPeople(api: IntercomClient, refs: readonly RecipientRef[]): Promise<Map<string, ContactSummary[]>> {
  const pages = await Promise.all(
    lookupQueries(refs).map(({ query, filters }) => api.searchContacts(query, Math.min(MAX_PAGE, filters * RESULTS_PER_FILTER), MAX_PAGES)),
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
