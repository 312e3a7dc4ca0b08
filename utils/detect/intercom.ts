// Intercom's own web app. A contact's profile has its id in the URL; an inbox conversation does not,
// so there the customer comes from the conversation's link to their profile.
//
// URL shapes (from links Intercom's app and public integrations use; Intercom publishes no spec):
//   profile  /a/apps/{app}/users/{contactId}[/all-conversations|/activity|…]   (leads too; older
//            workspaces also show /leads/{id}, newer ones /contacts/{id})
//   inbox    /a/inbox/{app}/inbox/[shared/all/|admin/{adminId}/|…]conversation/{conversationId}
// Contact ids are 24-hex object ids; requiring that keeps list pages such as
// /a/apps/{app}/users/segments/all-users from passing for a contact.
import type { DetectedRecipient } from '../protocol';
import type { PageUrl } from './match-pattern';

export const intercomAppHosts = ['app.intercom.com', 'app.eu.intercom.com', 'app.au.intercom.com'];

const PROFILE = /^\/a\/apps\/([A-Za-z0-9_-]{1,64})\/(?:users|leads|contacts)\/([0-9a-f]{24})(?:\/|$)/;
const CONVERSATION = /^\/a\/inbox\/([A-Za-z0-9_-]{1,64})\/inbox\/(?:[^?#]*\/)?conversations?\/\d{1,30}(?:\/|$)/;
const MAX_LINKS = 200;

const isIntercom = (url: PageUrl) => url.protocol === 'https:' && intercomAppHosts.includes(url.hostname);

export function detectIntercom(doc: Document, url: PageUrl): DetectedRecipient | null {
  // Split so that on every other console page the launcher compiles the host check alone.
  return isIntercom(url) ? detectOnIntercom(doc, url) : null;
}

function detectOnIntercom(doc: Document, url: PageUrl): DetectedRecipient | null {
  const profile = PROFILE.exec(url.pathname);
  if (profile) return { ref: { kind: 'contact_id', value: profile[2]! } };

  const conversation = CONVERSATION.exec(url.pathname);
  if (!conversation) return null;
  const ids = new Set<string>();
  for (const link of Array.from(doc.querySelectorAll('a[href*="/users/"]')).slice(0, MAX_LINKS)) {
    let target: URL;
    try {
      target = new URL(link.getAttribute('href') ?? '', url.href);
    } catch {
      continue;
    }
    const m = isIntercom(target) ? PROFILE.exec(target.pathname) : null;
    if (m && m[1] === conversation[1]) ids.add(m[2]!);
  }
  // Several people linked (a group conversation): not this page's one customer.
  const [only] = ids;
  return ids.size === 1 ? { ref: { kind: 'contact_id', value: only! } } : null;
}
