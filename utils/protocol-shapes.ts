// The shapes the protocol's calls carry (utils/protocol.ts): recipients, contacts, conversations,
// drafts, results and errors, with the ids they are made of. Parsed with zod in the background;
// the content script imports only their types.
import { z } from 'zod';
import { errorCodes } from './errors';
import { PEOPLE_LIMIT } from './scan/limit';
import { WORKSPACE_HINT } from './detect/workspace-hint';

/** Hailer's own workspace id (utils/storage/workspaces.ts); absent = the default workspace. */
export const WorkspaceId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
/** The workspace a page or team rule names (an Intercom id code or a Hailer name), untrusted until matched. */
export const WorkspaceHint = z.string().regex(WORKSPACE_HINT);

/** Who the agent wants to message, as a page or the agent gave it (not yet confirmed). */
export const RecipientRef = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('contact_id'), value: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) }),
  z.object({ kind: z.literal('user_id'), value: z.string().trim().min(1).max(255) }),
  z.object({ kind: z.literal('email'), value: z.string().trim().max(254).pipe(z.email()) }),
]);
export type RecipientRef = z.infer<typeof RecipientRef>;

/** A recipient as detected on a page: the reference plus the name the page shows, if any. */
export const DetectedRecipient = z.object({
  ref: RecipientRef,
  displayName: z.string().trim().max(200).optional(),
  /** The workspace the page or its team rule names, if any (the background decides what it means). */
  workspace: WorkspaceHint.optional(),
});
export type DetectedRecipient = z.infer<typeof DetectedRecipient>;

/** An Intercom contact as Hailer shows it. */
export const ContactSummary = z.object({
  id: z.string(),
  role: z.enum(['user', 'lead']),
  name: z.string().nullable(),
  email: z.string().nullable(),
  externalId: z.string().nullable(),
  company: z.string().nullable().optional(),
  customAttributes: z.record(z.string(), z.unknown()).optional(),
  /** The contact asked for no emails (Intercom's `unsubscribed_from_emails`): bulk email sends skip them. */
  unsubscribedFromEmails: z.boolean().optional(),
});
export type ContactSummary = z.infer<typeof ContactSummary>;

export const ConversationSummary = z.object({
  id: z.string(),
  title: z.string().nullable(),
  state: z.string(),
  updatedAt: z.number(),
  url: z.string(),
  /** The assigned teammate's name, when someone is assigned. */
  assignee: z.string().nullable().optional(),
  /** The first line of the message that opened it, in plain text (for conversations without a title). */
  firstLine: z.string().nullable().optional(),
  /** How the panel lists it: "Export times out · open · Ada · 3 min ago". */
  label: z.string().optional(),
});
export type ConversationSummary = z.infer<typeof ConversationSummary>;

export const AdminSummary = z.object({ id: z.string(), name: z.string(), email: z.string().nullable() });
export type AdminSummary = z.infer<typeof AdminSummary>;

/** The contact card (issue 13): what the panel shows above the message. Times are epoch seconds. */
export const ContactCardData = z.object({
  id: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  role: z.string(),
  companies: z.array(z.string()),
  location: z.string().nullable(),
  lastSeenAt: z.number().nullable(),
  signedUpAt: z.number().nullable(),
  tags: z.array(z.string()),
  /** The attributes the team chose in options, in their order; `value` null when the contact has none. */
  attributes: z.array(z.object({ label: z.string(), value: z.string().nullable() })).max(6),
});
export type ContactCardData = z.infer<typeof ContactCardData>;

/** A workspace macro (Intercom 2.16 `macro`) as the panel offers it. */
export const MacroSummary = z.object({
  id: z.string(),
  name: z.string(),
  /** HTML with `<attribute key="…" default="…"/>` placeholders; null when Intercom skipped it. */
  body: z.string().nullable(),
  /** Plain text with `{{key|fallback:"…"}}` placeholders. */
  bodyText: z.string().nullable(),
});
export type MacroSummary = z.infer<typeof MacroSummary>;

export const MAX_BODY_CHARS = 50_000;

export const Draft = z.object({
  channel: z.enum(['in_app', 'email']),
  subject: z.string().max(255).default(''),
  template: z.enum(['plain', 'personal']).default('plain'),
  body: z.string().max(MAX_BODY_CHARS),
  /** `text` bodies are escaped and split into paragraphs; `html` bodies are sent as written. */
  bodyFormat: z.enum(['text', 'html']).default('text'),
  /** Admin to send as; the configured default when absent. */
  fromAdminId: z.string().regex(/^\d{1,20}$/).optional(),
});
export type Draft = z.input<typeof Draft>;

export const AfterSend = z.enum(['open_new_tab', 'reuse_tab', 'stay']);

/** Is Hailer set up, which workspace, who can send (`app.status`). Never includes the token. */
export const AppStatus = z.object({
  configured: z.boolean(),
  workspace: z.object({ id: z.string(), name: z.string() }).nullable(),
  admins: z.array(AdminSummary),
  defaultAdminId: z.string().nullable(),
  afterSend: AfterSend,
  /** Seconds a send waits for an Undo before it goes out (0 = at once). */
  undoSeconds: z.number(),
  /** Issue 10: the Hailer workspace this call resolved to, and the ones the agent may switch to. */
  workspaces: z
    .object({
      /** Null when the page names a workspace that is not set up (`unknown`): nothing is chosen for the agent. */
      current: z.object({ id: z.string(), name: z.string(), colour: z.string() }).nullable(),
      choices: z.array(z.object({ id: z.string(), name: z.string(), colour: z.string() })),
      unknown: WorkspaceHint.optional(),
    })
    .optional(),
});
export type AfterSend = z.infer<typeof AfterSend>;

export const SendResult = z.object({
  /** Empty when the send was recognised by reconciling after an ambiguous failure. */
  messageId: z.string(),
  /** Null when Intercom had not indexed the conversation in time; the link then opens the contact. */
  conversationId: z.string().nullable(),
  conversationUrl: z.string(),
  /** How the conversation id was found: in the message response, or by a search afterwards. */
  conversationFrom: z.enum(['response', 'search']),
  timings: z.object({ sendMs: z.number(), conversationMs: z.number(), totalMs: z.number() }),
  requests: z.number(),
});
export type SendResult = z.infer<typeof SendResult>;

export const WireError = z.object({
  code: z.enum(errorCodes),
  /** What happened, in the agent's words. */
  message: z.string(),
  /** What to do about it. */
  action: z.string(),
  detail: z.string().optional(),
  retryAt: z.number().optional(),
  requestId: z.string().optional(),
});
export type WireError = z.infer<typeof WireError>;

// ---- shapes for continuing a conversation
export const ConversationId = z.string().regex(/^\d{1,30}$/);
export const DraftId = z.string().regex(/^[A-Za-z0-9:_.@+-]{1,300}$/);
export const AdminId = z.string().regex(/^\d{1,20}$/);

/** A conversation part as the panel shows it: who, what kind, the text (plain, shortened), when. */
export const PartSummary = z.object({
  id: z.string(),
  /** Intercom's part_type (comment, note, assignment, close, open, snoozed) or `source`. */
  kind: z.string(),
  /** `customer`, `teammate` or `other` (bots, integrations). */
  authorRole: z.enum(['customer', 'teammate', 'other']),
  authorName: z.string().nullable(),
  text: z.string(),
  /** Epoch seconds. */
  at: z.number(),
  /** How the panel shows it: "Jane Cooper: Any news?". */
  line: z.string(),
});
export type PartSummary = z.infer<typeof PartSummary>;

/** A conversation with its latest parts, how many it has, and the newest one's id (what the panel "saw"). */
export const ConversationParts = z.object({ conversation: ConversationSummary, parts: z.array(PartSummary), totalParts: z.number().int().nonnegative(), latestPartId: z.string().nullable() });

/** What to do after the message or reply landed; absent = leave it as it is. */
export const FollowUp = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('assign_me') }),
  z.object({ kind: z.literal('assign_team'), teamId: z.string().regex(/^\d{1,20}$/) }),
  z.object({ kind: z.literal('close') }),
  /** `until`: epoch seconds; absent, tomorrow 9:00 in the agent's time zone (the browser's). */
  z.object({ kind: z.literal('snooze'), until: z.number().int().positive().optional() }),
]);
export type FollowUp = z.infer<typeof FollowUp>;
/** Most candidates the popup's page scan looks up (four searches of 150). */
export const MAX_PEOPLE = PEOPLE_LIMIT;
export const TeachNonce = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);
/** What "Teach Hailer this page" proposes; the rule itself is validated with TeamRuleSchema where it is used. */
export const TeachProposal = z
  .object({
    rule: z.record(z.string(), z.unknown()),
    words: z.string().max(600),
    found: RecipientRef.nullable(),
  })
  .strict();
export type TeachProposal = z.infer<typeof TeachProposal>;

// ---- issue 19: bulk sends
/** Where a recipient of a bulk send is: waiting, going out, or done one way or another. */
export const BulkRecipientState = z.enum(['pending', 'sending', 'sent', 'skipped', 'failed', 'maybe_sent', 'cancelled']);
export type BulkRecipientState = z.infer<typeof BulkRecipientState>;
/** Why a recipient was skipped or failed: the lookup's or the message's reason, or an error code. */
export const BulkReason = z.union([z.enum(['not_found', 'unsubscribed', 'ambiguous', 'missing_placeholder', 'duplicate', 'sent_twice']), z.enum(errorCodes)]);
export type BulkReason = z.infer<typeof BulkReason>;
export const BulkJobId = z.string().regex(/^[A-Za-z0-9_-]{8,40}$/);
/** One recipient as the bulk page lists it. */
export const BulkRow = z.object({
  i: z.number(),
  ref: RecipientRef,
  /** The contacts the reference points at (one when found; several is "Two contacts"); at most 3. */
  contacts: z.array(ContactSummary).max(3),
  state: BulkRecipientState,
  reason: BulkReason.optional(),
  conversationUrl: z.string().optional(),
  /** Sent, but the follow-up (close, assign, snooze) was not applied: why. */
  followUpError: z.enum(errorCodes).optional(),
});
export type BulkRow = z.infer<typeof BulkRow>;
export const BulkCounts = z.object({ sent: z.number(), skipped: z.number(), failed: z.number(), maybeSent: z.number(), cancelled: z.number(), left: z.number() });
export type BulkCounts = z.infer<typeof BulkCounts>;
