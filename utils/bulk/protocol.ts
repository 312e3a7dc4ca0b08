// The bulk page's calls of the one protocol (utils/protocol.ts spreads them into `calls`); their
// handlers are utils/bulk/calls.ts. Extension pages only.
import { z } from 'zod';
import { defineCall } from '../protocol-call';
import { errorCodes } from '../errors';
import { BulkCounts, BulkJobId, BulkRow, Draft, FollowUp } from '../protocol-shapes';

export const bulkCalls = {
  // ---- issue 19: one message to many customers
  /**
   * Reads the Recipients box (pasted text or a CSV file's text), leaves out duplicates, the team and
   * malformed entries, and, within the batch cap, looks everyone up (one contact search per 150): a
   * job waiting for the agent's "Send to N people". Beyond the cap nothing is looked up (`jobId` null).
   */
  'bulk.resolve': defineCall(
    'extension',
    z.object({ text: z.string().max(2_000_000) }).strict(),
    z.object({
      jobId: BulkJobId.nullable(),
      column: z.string().nullable(),
      dropped: z.object({ duplicate: z.number(), team: z.number(), malformed: z.number() }),
      /** How many recipients the text gave (after dropping), and the team's cap. */
      given: z.number(),
      cap: z.number(),
      rows: z.array(BulkRow),
    }),
  ),
  /** The agent confirmed: the job's messages go out, paced, through the bulk outbox. */
  'bulk.start': defineCall(
    'extension',
    /** `draft.body` is the agent's text (light markup when `bodyFormat` is html); `followUp` is applied to each new conversation. */
    z.object({ jobId: BulkJobId, draft: Draft, createLeads: z.boolean().optional(), followUp: FollowUp.optional() }).strict(),
    z.object({ toSend: z.number() }),
  ),
  /** A job's progress and each recipient's state, reason and conversation link. */
  'bulk.status': defineCall(
    'extension',
    /** `since`: the `version` of the last answer; then only the rows changed since come back (`complete` false). */
    z.object({ jobId: BulkJobId, since: z.object({ epoch: z.string().max(64), revision: z.number().int().min(0) }).strict().optional() }).strict(),
    z.object({
      jobId: BulkJobId,
      state: z.enum(['resolved', 'running', 'paused', 'cancelled', 'done']),
      /** Why the job paused itself (Intercom refused the token or its scope): every send would fail alike. */
      pausedBy: z.enum(errorCodes).nullable(),
      channel: z.enum(['in_app', 'email']).nullable(),
      total: z.number(),
      counts: BulkCounts,
      /** Estimated from the pace so far; null before there is one. */
      timeLeftMs: z.number().nullable(),
      complete: z.boolean(),
      /** The job ended and Intercom is still to be asked whether a message reached it twice (a poll goes on meanwhile). */
      copiesPending: z.boolean(),
      /** Recipients who got their message twice (the browser resent it): their rows say so. */
      copies: z.number(),
      version: z.object({ epoch: z.string(), revision: z.number() }).nullable(),
      rows: z.array(BulkRow),
    }),
  ),
  /** Pause, Resume or Cancel (what has not started is not sent); `resend`: the "may have been sent" ones again. */
  'bulk.control': defineCall(
    'extension',
    z.object({ jobId: BulkJobId, action: z.enum(['pause', 'resume', 'cancel', 'resend']) }).strict(),
    z.object({ state: z.enum(['resolved', 'running', 'paused', 'cancelled', 'done']) }),
  ),
} as const;
