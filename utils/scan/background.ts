// The background's side of "People on this page": leave the team out, then one batched lookup.
// The popup scans the page; only here are the admins (GET /admins, cached by the caller) known.
import type { Handlers } from '../router';
import { MAX_PEOPLE, type AdminSummary, type ContactSummary } from '../protocol';
import type { IntercomClient } from '../intercom';
import type { Settings, Workspace } from '../storage/settings';
import { lookUpPeople, openConversationCounts, refKey } from '../intercom/people';
import { rememberContacts } from '../compose/send';
import { isTeam, suggestOurDomains, withoutTeam, type Team } from './exclude';

/** Each takes the workspace the call is for (the popup's tab's: `workspace.forPage`); absent = the default. */
export interface PeopleDeps {
  api(workspaceId?: string): Promise<IntercomClient>;
  workspace(workspaceId?: string): Promise<Workspace>;
  admins(workspaceId?: string): Promise<AdminSummary[]>;
  settings(): Promise<Settings>;
}

/** The agent, every admin, and "Our domains" (the admins' domains until the agent sets them). */
export async function teamOf(deps: PeopleDeps, workspaceId?: string): Promise<Team> {
  const [ws, admins, settings] = await Promise.all([deps.workspace(workspaceId), deps.admins(workspaceId), deps.settings()]);
  const emails = [ws.adminEmail, ...admins.map((a) => a.email)].filter((e): e is string => !!e);
  return { emails, domains: settings.ourDomains ?? suggestOurDomains(emails) };
}

/** The contacts of the conversations a page links to (read, then looked up together); unreadable ones are skipped. */
async function contactsOfConversations(api: IntercomClient, ids: readonly string[]): Promise<ContactSummary[]> {
  if (ids.length === 0) return [];
  const conversations = await Promise.all(ids.map((id) => api.getConversation(id).catch(() => null)));
  const contactIds = [...new Set(conversations.flatMap((c) => c?.contactIds ?? []))].slice(0, 15);
  if (contactIds.length === 0) return [];
  const found = await lookUpPeople(api, contactIds.map((value) => ({ kind: 'contact_id' as const, value })));
  return [...found.values()].flat();
}

export function peopleHandlers(deps: PeopleDeps): Pick<Handlers, 'people.lookup' | 'people.openConversations'> {
  return {
    async 'people.lookup'({ candidates, conversationIds = [] }, _sender, ctx) {
      const [api, team] = await Promise.all([deps.api(ctx?.workspaceId), teamOf(deps, ctx?.workspaceId)]);
      const kept = withoutTeam(candidates, team);
      // The page's own candidates in one search; linked conversations' contacts alongside (their
      // ids are only known once the conversation is read, so those take a second round trip).
      const [found, linked] = await Promise.all([
        kept.length ? lookUpPeople(api, kept.map((c) => c.ref)) : new Map<string, ContactSummary[]>(),
        contactsOfConversations(api, conversationIds),
      ]);
      const teamLeftOut = candidates.length - kept.length;
      const known = new Set([...found.values()].flat().map((c) => c.id));
      for (const contact of linked) {
        if (known.has(contact.id) || kept.length >= MAX_PEOPLE) continue;
        if (contact.email && isTeam({ kind: 'email', value: contact.email }, team)) continue;
        known.add(contact.id);
        const recipient = { ref: { kind: 'contact_id' as const, value: contact.id }, ...(contact.name ? { displayName: contact.name } : {}) };
        kept.push(recipient);
        found.set(refKey(recipient.ref), [contact]);
      }
      const people = kept.map((recipient) => {
        const contacts = (found.get(refKey(recipient.ref)) ?? []).slice(0, 5);
        // Choosing one of them then sends without another lookup.
        for (const contact of contacts) rememberContacts({ kind: 'contact_id', value: contact.id }, [contact], ctx?.workspaceId);
        return { recipient, contacts };
      });
      return { people, teamLeftOut };
    },

    async 'people.openConversations'({ contactIds }, _sender, ctx) {
      return { open: await openConversationCounts(await deps.api(ctx?.workspaceId), contactIds) };
    },
  };
}
