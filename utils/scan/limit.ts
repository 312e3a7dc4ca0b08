// The scan's bounds, in their own file so the protocol can bound a scan's answer without importing
// the scanner.
/** Most candidates the popup looks up: two search groups of 15 (utils/intercom/people.ts). */
export const SCAN_LIMIT = 30;
/**
 * Most people the popup lists, and "Select all" selects for "Message selected", on a list page: a
 * batch at the default bulk cap (BULK_CAP_DEFAULT in utils/storage/settings.ts). The scan reads
 * context for as many; its default stays SCAN_LIMIT.
 */
export const PEOPLE_LIMIT = 500;
/** Conversations a page links to, in Intercom's inbox (whose contacts the background looks up). */
export const MAX_CONVERSATION_LINKS = 5;
