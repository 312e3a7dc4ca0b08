// The shapes of `sidepanel.start` (utils/protocol.ts): everything the side panel needs to show a tab's
// customer, asked in one message instead of one after another (utils/sidepanel/start.ts answers it).
import { z } from 'zod';
import { MAX_THREAD_PARTS } from '../compose/thread-refresh';
import { AppStatus, ContactSummary, ConversationId, ConversationParts, ConversationSummary, DetectedRecipient, WireError, WorkspaceHint, WorkspaceId } from '../protocol-shapes';

/** `tabId` null: the window's tab in front. `lastParts`: how much of the thread the panel shows. */
export const SidePanelStartRequest = z
  .object({ tabId: z.number().int().nonnegative().nullable(), windowId: z.number().int().optional(), lastParts: z.number().int().min(1).max(MAX_THREAD_PARTS) })
  .strict();

/** What the background remembered from a moment ago (no request to Intercom): each part absent when it has nothing. */
export const WarmStart = z.object({
  contact: ContactSummary.nullable(),
  conversations: z.array(ConversationSummary).nullable(),
  /** The thread of the conversation the panel will choose first, as last read (`at`, epoch ms); the live loop reads it again at once. */
  thread: z.object({ at: z.number(), answer: ConversationParts }).nullable(),
});
export type WarmStart = z.infer<typeof WarmStart>;

export const SidePanelStartReply = z.object({
  tabId: z.number().nullable(),
  /** The tab's customer (the popup's choice for it, else what its page shows), or a reply watch notification's conversation's. */
  recipient: DetectedRecipient.nullable(),
  /** The notification's conversation, chosen at once (it was waiting for the panel; now taken). */
  conversationId: ConversationId.optional(),
  /** The workspace the panel's calls go to (null: the default) and the one the page names that Hailer does not have. */
  workspaceId: WorkspaceId.nullable(),
  unknown: WorkspaceHint.nullable(),
  /** `app.status` for that workspace, as the panel would have asked it. */
  status: z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), data: AppStatus }), z.object({ ok: z.literal(false), error: WireError })]).nullable(),
  warm: WarmStart.nullable(),
  /** The options' Default conversation (what the panel chooses once the list is in). */
  defaultConversation: z.enum(['new', 'latest_open']).optional(),
  /** The stored drafts the panel loads first (the recipient's, the pending one, the first conversation's), by key; absent keys have none. */
  drafts: z.record(z.string().regex(/^draft:/), z.unknown()),
});
export type SidePanelStart = z.infer<typeof SidePanelStartReply>;

/** What the compose panel starts from instead of asking again (components/ComposePanel.tsx `start`). */
export type PanelStart = Pick<SidePanelStart, 'status' | 'warm' | 'defaultConversation'>;
