// Injected on demand by the popup (scripting.executeScript, allowed by the toolbar click's activeTab
// grant): scans the page once and returns its candidates. Nothing stays behind in the page.
import { conversationLinks, scanPage } from '@/utils/scan/scan';
import { PEOPLE_LIMIT } from '@/utils/scan/limit';
import { metaWorkspaceHint } from '@/utils/detect/workspace-hint';

export default defineUnlistedScript(() => ({
  // A list page's people, as many as a batch of "Message selected" takes; the likeliest first.
  candidates: scanPage(document, new URL(location.href), { limit: PEOPLE_LIMIT }),
  conversations: conversationLinks(document),
  // Which workspace the page is in (People on this page looks its people up there): its address, and
  // the workspace its <meta name="intercom-workspace"> names, or that it names one unreadably
  // (malformed, or two different ones).
  url: location.href,
  ...workspaceOfPage(metaWorkspaceHint(document)),
}));

const workspaceOfPage = (hint: string | null | undefined) => ({ workspaceHint: hint ?? null, workspaceUnreadable: hint === null });
