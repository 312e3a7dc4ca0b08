// Who is never offered as "a person on this page": the agent, every admin of the workspace, and
// anyone at the team's own domains ("Our domains" in options). Support consoles show the team all
// over (assignee, CC, "account owner"), and messaging a teammate through Intercom is never the point.
import type { RecipientRef } from '../detect/sanitize';

export interface Team {
  /** The agent's and every admin's email address. */
  emails: readonly string[];
  /** The team's own domains, e.g. "acme.com" (also covers "eu.acme.com"). */
  domains: readonly string[];
}

// Mailbox providers: an admin at gmail.com does not make every gmail.com customer a teammate.
const PUBLIC_MAILBOXES = new Set([
  'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'yahoo.com', 'ymail.com',
  'icloud.com', 'me.com', 'mac.com', 'aol.com', 'proton.me', 'protonmail.com', 'pm.me', 'gmx.com', 'gmx.de',
  'gmx.net', 'web.de', 'mail.com', 'yandex.com', 'yandex.ru', 'zoho.com', 'fastmail.com', 'hey.com', 'qq.com', '163.com',
]);

const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1).toLowerCase();

/** "Our domains" before the agent has set them: the admins' email domains, mailbox providers left out. */
export function suggestOurDomains(adminEmails: readonly (string | null)[]): string[] {
  const domains = adminEmails.flatMap((e) => (e && e.includes('@') ? [domainOf(e)] : []));
  return [...new Set(domains)].filter((d) => !PUBLIC_MAILBOXES.has(d)).sort();
}

/** "acme.com, @eu.acme.com\nhooli.test" → ["acme.com", "eu.acme.com", "hooli.test"]; junk is dropped. */
export function parseDomains(text: string): string[] {
  const domains = text
    .split(/[\s,;]+/)
    .map((d) => d.trim().toLowerCase().replace(/^@/, '').replace(/^\*\./, ''))
    .filter((d) => /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/.test(d));
  return [...new Set(domains)];
}

export function isTeam(ref: RecipientRef, team: Team): boolean {
  if (ref.kind !== 'email') return false;
  const email = ref.value.toLowerCase();
  if (team.emails.some((e) => e.toLowerCase() === email)) return true;
  const domain = domainOf(email);
  return team.domains.some((d) => domain === d || domain.endsWith(`.${d}`));
}

export const withoutTeam = <T extends { ref: RecipientRef }>(candidates: readonly T[], team: Team): T[] =>
  candidates.filter((c) => !isTeam(c.ref, team));
