// Injected on demand by the popup (scripting.executeScript, allowed by the toolbar click's activeTab
// grant): scans the page once and returns its candidates. Nothing stays behind in the page.
import { conversationLinks, scanPage, SCAN_LIMIT } from '@/utils/scan/scan';

export default defineUnlistedScript(() => ({
  candidates: scanPage(document, new URL(location.href), { limit: SCAN_LIMIT }),
  conversations: conversationLinks(document),
}));
