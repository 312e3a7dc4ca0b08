// The one message protocol between the content script, popup, options page and the background.
// Each call is defined once: its request schema, its reply schema, and who may make it. Every
// context sends through `callBackground`, and the background router parses with the same schemas.
import { z } from 'zod';
import { MAX_CONVERSATION_LINKS } from './scan/limit';
import { MAX_THREAD_PARTS } from './compose/thread-refresh';
import {
  AdminId,
  AdminSummary,
  AfterSend,
  AppStatus,
  ContactCardData,
  ContactSummary,
  ConversationId,
  ConversationParts,
  ConversationSummary,
  DetectedRecipient,
  Draft,
  DraftId,
  FollowUp,
  MAX_PEOPLE,
  MacroSummary,
  PartSummary,
  RecipientRef,
  SendResult,
  TeachNonce,
  TeachProposal,
  WireError,
  WorkspaceHint,
  WorkspaceId,
} from './protocol-shapes';
import { SidePanelStartReply, SidePanelStartRequest } from './sidepanel/start-shapes';
import { defineCall } from './protocol-call';
import { queueCalls } from './compose/queue-protocol';
import { bulkCalls } from './bulk/protocol';

export * from './protocol-shapes';

// ---------------------------------------------------------------- calls

const Empty = z.object({}).strict();

export const calls = {
  /** Is Hailer set up, which workspace, who can send. Never includes the token. */
  'app.status': defineCall('page', Empty, AppStatus),
  /** Find the Intercom contacts a reference points at (0, 1 or several). */
  'recipient.find': defineCall(
    'page',
    /** `warm`: the contact confirmed for it a moment ago will do (answered `remembered`, no request to Intercom). */
    z.object({ ref: RecipientRef, warm: z.literal(true).optional() }).strict(),
    z.object({ contacts: z.array(ContactSummary).max(20), remembered: z.literal(true).optional() }),
  ),
  // ---- People on this page, and teaching Hailer a console (issue 9)
  /** The popup's page scan: who Intercom knows among the candidates; the agent, admins and our domains left out. */
  'people.lookup': defineCall(
    'extension',
    z
      .object({
        candidates: z.array(DetectedRecipient).max(MAX_PEOPLE),
        /** Intercom conversations the page links to: their contacts join the list. */
        conversationIds: z.array(z.string().regex(/^\d{1,30}$/)).max(MAX_CONVERSATION_LINKS).optional(),
      })
      .strict(),
    z.object({
      people: z.array(z.object({ recipient: DetectedRecipient, contacts: z.array(ContactSummary).max(5) })).max(MAX_PEOPLE),
      /** How many candidates were the team (agent, admins, our domains) and left out. */
      teamLeftOut: z.number(),
    }),
  ),
  /** Open conversations per contact, for the people list (asked after it is on screen). */
  'people.openConversations': defineCall(
    'extension',
    z.object({ contactIds: z.array(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/)).max(MAX_PEOPLE) }).strict(),
    z.object({ open: z.record(z.string(), z.number()) }),
  ),
  /** The picker (injected in the page on demand) hands over its proposal; the teach frame reads it by nonce. */
  'teach.propose': defineCall(
    'page',
    z.object({ proposal: TeachProposal }).strict(),
    z.object({ nonce: z.string() }),
  ),
  'teach.pending': defineCall('extension', z.object({ nonce: TeachNonce }).strict(), z.object({ proposal: TeachProposal, pageUrl: z.string() })),
  /**
   * "Save rule" from a teach frame that has no permissions API (Firefox gives an extension frame in a
   * web page only runtime, storage and i18n): the background saves the proposal's rule if its site is
   * granted already, and never asks for one (it has no click to ask in).
   */
  'teach.save': defineCall(
    'extension',
    z.object({ nonce: TeachNonce }).strict(),
    z.object({ saved: z.boolean(), deniedOrigins: z.array(z.string()) }),
  ),
  /** After "Save rule": the panel in the taught tab, without a reload; and the picker removed. */
  'teach.finish': defineCall('extension', z.object({ nonce: TeachNonce, saved: z.boolean() }).strict(), z.object({ panel: z.boolean() })),
  /** From the panel on a page a team rule covers: start the picker in that tab, to teach the page again. */
  'teach.inTab': defineCall('page', Empty, z.object({ started: z.boolean() })),
  /** Options' "Check now": fetch the team rules address at once (the outcome lands in storage). */
  'teamRules.refresh': defineCall('extension', Empty, z.object({ checked: z.boolean() })),
  /** Create a lead for an email Intercom does not know, when the agent asks to message it anyway. */
  'recipient.createLead': defineCall(
    'page',
    z.object({ email: z.string().trim().max(254).pipe(z.email()) }).strict(),
    z.object({ contact: ContactSummary }),
  ),
  /** A contact's conversations, newest first, so the agent can reply there instead. */
  'recipient.conversations': defineCall(
    'page',
    /** `warm`: the list fetched a moment ago will do (answered `remembered`; Hailer's own changes drop it, utils/compose/conversation-list-cache.ts). */
    z.object({ contactId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), warm: z.literal(true).optional() }).strict(),
    z.object({ conversations: z.array(ConversationSummary), remembered: z.literal(true).optional() }),
  ),
  // ---- continuing a conversation (utils/compose/reply.ts, components/ConversationPicker.tsx)
  /**
   * A conversation with its latest parts (`lastParts` of them, else a few), how many it has, and the
   * id of the newest one (what the panel "saw"). The thread (components/ConversationThread.tsx) asks
   * for more with "Earlier".
   */
  'conversation.get': defineCall(
    'page',
    z.object({ conversationId: ConversationId, lastParts: z.number().int().min(1).max(MAX_THREAD_PARTS).optional() }).strict(),
    ConversationParts,
  ),
  /**
   * Reply (or leave a note) in a conversation, after checking that nothing newer than `seenPartId`
   * arrived; if something did, nothing is sent and the new parts come back. Idempotent per `draftId`.
   */
  'conversation.reply': defineCall(
    'page',
    z
      .object({
        draftId: DraftId,
        conversationId: ConversationId,
        /** Who the panel is for, for the history label. */
        recipient: RecipientRef,
        draft: Draft,
        note: z.boolean(),
        seenPartId: z.string().max(80).nullable(),
        followUp: FollowUp.optional(),
        confirmResend: z.boolean().optional(),
      })
      .strict(),
    z.discriminatedUnion('status', [
      z.object({
        status: z.literal('sent'),
        conversationId: z.string(),
        conversationUrl: z.string(),
        partId: z.string().nullable(),
        note: z.boolean(),
        /** Null when no follow-up was asked for; an error when it failed (the reply itself was sent). */
        followUp: z.object({ ok: z.boolean(), error: WireError.optional() }).nullable(),
        timings: z.object({ totalMs: z.number() }),
        requests: z.number(),
        /** The conversation holds this reply more than once (the browser resent it): the agent is told. */
        copies: z.number().optional(),
      }),
      z.object({ status: z.literal('collision'), parts: z.array(PartSummary), latestPartId: z.string().nullable() }),
    ]),
  ),
  /** Apply a follow-up to a conversation (a new one, once its id is known). */
  'conversation.followUp': defineCall(
    'page',
    z.object({ conversationId: ConversationId, followUp: FollowUp, fromAdminId: AdminId.optional() }).strict(),
    z.object({ ok: z.boolean(), error: WireError.optional() }),
  ),
  /** The workspace's teams, for "Assign to <team>". */
  'teams.list': defineCall('page', Empty, z.object({ teams: z.array(z.object({ id: z.string(), name: z.string() })) })),
  /** Send a draft. `draftId` makes the send idempotent: one outbox entry per draft at a time. */
  'message.send': defineCall(
    'page',
    z
      .object({
        draftId: z.string().regex(/^[A-Za-z0-9:_.@+-]{1,300}$/),
        recipient: RecipientRef,
        draft: Draft,
        /** The agent saw "may have been sent" and chose to send again anyway. */
        confirmResend: z.boolean().optional(),
      })
      .strict(),
    SendResult,
  ),
  /** Undo a send still inside its undo window. */
  'message.cancel': defineCall(
    'page',
    z.object({ draftId: z.string().regex(/^[A-Za-z0-9:_.@+-]{1,300}$/) }).strict(),
    z.object({ cancelled: z.boolean() }),
  ),
  /** Open (or focus) a conversation in the Intercom inbox. */
  'conversation.open': defineCall(
    'page',
    z.object({ conversationId: z.string().regex(/^\d{1,30}$/), mode: AfterSend.optional() }).strict(),
    z.object({ url: z.string() }),
  ),
  // ---- the side panel (utils/sidepanel/)
  /** "Open in side panel" in the in-page panel: opens it for the sender's window; `opened` false when the browser would not. */
  'sidepanel.open': defineCall('page', Empty, z.object({ opened: z.boolean() })),
  /** The content script found another customer (or none): open side panels ask the tab again. */
  'page.detected': defineCall('page', Empty, Empty),
  /** The side panel's start, and each tab it follows: the customer, workspace, status and what a warm open shows at once. */
  'sidepanel.start': defineCall('extension', SidePanelStartRequest, SidePanelStartReply),
  // ---- issue 13: the contact card and workspace macros
  /** The contact card: one round trip after the recipient is confirmed (shapes in ContactCardData). */
  'recipient.card': defineCall(
    'page',
    z.object({ contactId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) }).strict(),
    ContactCardData,
  ),
  /**
   * The workspace's macros this admin may use in the inbox, from the background's cache (refreshed
   * with `updated_since`). `problem` says why there are none (the panel words it); never an error,
   * so local saved replies keep working whatever Intercom says.
   */
  'macros.list': defineCall(
    'page',
    z.object({ refresh: z.boolean().optional() }).strict(),
    z.object({ macros: z.array(MacroSummary), problem: z.enum(['forbidden', 'unsupported', 'unavailable']).nullable() }),
  ),
  /** The contact attributes a team may put on the card (options page). */
  'dataAttributes.list': defineCall(
    'extension',
    Empty,
    z.object({ attributes: z.array(z.object({ name: z.string(), label: z.string() })) }),
  ),

  // ---- extension pages only (options, popup)
  'token.set': defineCall('extension', z.object({ token: z.string().trim().min(8).max(512) }).strict(), Empty),
  'token.clear': defineCall('extension', Empty, Empty),
  'token.status': defineCall('extension', Empty, z.object({ set: z.boolean(), last4: z.string().nullable() })),
  'connection.test': defineCall(
    'extension',
    Empty,
    z.object({
      admin: AdminSummary,
      workspace: z.object({ id: z.string(), name: z.string(), region: z.string().nullable() }),
    }),
  ),
  /**
   * The welcome page's Connect: asks US, EU and AU which one knows this token, and saves the token
   * and that region for the call's workspace (the default one from an extension page).
   */
  'connection.find': defineCall(
    'extension',
    z.object({ token: z.string().trim().min(8).max(512) }).strict(),
    z.object({
      admin: AdminSummary,
      workspace: z.object({ id: z.string(), name: z.string(), region: z.string().nullable() }),
    }),
  ),
  'admins.list': defineCall('extension', Empty, z.object({ admins: z.array(AdminSummary) })),
  // ---- issue 10: several workspaces (the call's workspace is the envelope's `workspaceId`)
  /** Removes a workspace with its token and everything cached or waiting for it. */
  'workspace.remove': defineCall('extension', z.object({ workspaceId: WorkspaceId }).strict(), z.object({ removed: z.boolean() })),
  /**
   * The workspace a tab's page uses (the popup's "People on this page"): its Intercom app id, the hint
   * its rule or markup gives, its site; `workspaceId` null = the default; `unknown` = the page names
   * a workspace that is not set up (then nothing is looked up or sent for it).
   */
  'workspace.forPage': defineCall(
    'extension',
    z.object({ url: z.string().max(4096), workspaceHint: WorkspaceHint.optional() }).strict(),
    z.object({ workspaceId: z.string().nullable(), unknown: WorkspaceHint.nullable() }),
  ),
  ...queueCalls,
  ...bulkCalls,
} as const;

export type CallName = keyof typeof calls;
export type CallRequest<N extends CallName> = z.input<(typeof calls)[N]['request']>;
export type CallReply<N extends CallName> = z.output<(typeof calls)[N]['reply']>;

// `workspaceHint`: the workspace the panel's page or rule names; used only when `workspaceId` is absent.
export const Envelope = z.object({ hailer: z.literal(1), call: z.string().max(64), payload: z.unknown(), workspaceId: WorkspaceId.optional(), workspaceHint: WorkspaceHint.optional() });

export type Reply<N extends CallName> = { ok: true; data: CallReply<N> } | { ok: false; error: WireError };
