// The background's side of "People on this page": leave the team out, then one batched lookup.
// The popup scans the page; only here are the admins (GET /admins, cached by the caller) known.
import type { Handlers } from '../router';
import type { AdminSummary } from '../protocol';
import type { IntercomClient } from '../intercom';
import type { Settings, Workspace } from '../settings';
import { lookUpPeople, openConversationCounts, refKey } from '../intercom/people';
import { rememberContacts } from '../send';
import { suggestOurDomains, withoutTeam, type Team } from './exclude';

export interface PeopleDeps {
  api(): Promise<IntercomClient>;
  workspace(): Promise<Workspace>;
  admins(): Promise<AdminSummary[]>;
  settings(): Promise<Settings>;
}

/** The agent, every admin, and "Our domains" (the admins' domains until the agent sets them). */
export async function teamOf(deps: PeopleDeps): Promise<Team> {
  const [ws, admins, settings] = await Promise.all([deps.workspace(), deps.admins(), deps.settings()]);
  const emails = [ws.adminEmail, ...admins.map((a) => a.email)].filter((e): e is string => !!e);
  return { emails, domains: settings.ourDomains ?? suggestOurDomains(emails) };
}

export function peopleHandlers(deps: PeopleDeps): Pick<Handlers, 'people.lookup' | 'people.openConversations'> {
  return {
    async 'people.lookup'({ candidates }) {
      const [api, team] = await Promise.all([deps.api(), teamOf(deps)]);
      const kept = withoutTeam(candidates, team);
      const found = kept.length ? await lookUpPeople(api, kept.map((c) => c.ref)) : new Map();
      const people = kept.map((recipient) => {
        const contacts = (found.get(refKey(recipient.ref)) ?? []).slice(0, 5);
        // Choosing one of them then sends without another lookup.
        for (const contact of contacts) rememberContacts({ kind: 'contact_id', value: contact.id }, [contact]);
        return { recipient, contacts };
      });
      return { people, teamLeftOut: candidates.length - kept.length };
    },

    async 'people.openConversations'({ contactIds }) {
      return { open: await openConversationCounts(await deps.api(), contactIds) };
    },
  };
}
