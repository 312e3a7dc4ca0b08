// Send later's calls of the one protocol (utils/protocol.ts spreads them into `calls`): scheduling a
// send, and the queue's Send now, Cancel and Edit; their handlers are utils/compose/send-calls.ts.
import { z } from 'zod';
import { defineCall } from '../protocol-call';
import { Draft, MAX_BODY_CHARS, RecipientRef } from '../protocol-shapes';

export const queueCalls = {
  /** Send later: the draft goes out at `sendAt` (epoch ms), from a queue that survives restarts. */
  'message.schedule': defineCall(
    'page',
    z
      .object({
        draftId: z.string().regex(/^[A-Za-z0-9:_.@+-]{1,300}$/),
        recipient: RecipientRef,
        draft: Draft,
        sendAt: z.number().int().positive(),
        /** The conversation this answers, if the agent picked one: a reply there cancels the send. */
        conversationId: z.string().regex(/^\d{1,30}$/).optional(),
      })
      .strict(),
    z.object({ sendAt: z.number() }),
  ),
  /** A waiting send (scheduled, or in its undo window) goes out now. */
  'queue.sendNow': defineCall('extension', z.object({ id: z.string().regex(/^[A-Za-z0-9:_.@+-]{1,300}$/) }).strict(), z.object({ done: z.boolean() })),
  /** A waiting send is cancelled: nothing goes out. */
  'queue.cancel': defineCall('extension', z.object({ id: z.string().regex(/^[A-Za-z0-9:_.@+-]{1,300}$/) }).strict(), z.object({ cancelled: z.boolean() })),
  /** A scheduled send gets a new time, and optionally new text. */
  'queue.edit': defineCall(
    'extension',
    z
      .object({
        id: z.string().regex(/^[A-Za-z0-9:_.@+-]{1,300}$/),
        sendAt: z.number().int().positive(),
        body: z.string().max(MAX_BODY_CHARS).optional(),
        subject: z.string().max(255).optional(),
      })
      .strict(),
    z.object({ edited: z.boolean() }),
  ),
} as const;
