// Replying (or leaving a note) in an existing conversation, owned by the background like the send
// flow (utils/compose/send.ts): validate the draft → collision check (GET the conversation: anything newer
// than what the panel showed stops the reply) → outbox entry → POST /conversations/{id}/reply →
// follow-up (assign, close, snooze) → result. A reply is never posted twice: a second send of the
// same draft joins the first or answers its result, and a send that may have reached Intercom
// (timeout, dropped connection, 5xx, worker stopped) is looked for among the conversation's parts
// before anything is sent again.
import { forgetChanged } from './forget-changed';
import { prepareMessage } from './outgoing-message';
import { HailerError, isHailerError } from '../errors';
import { partsAfter, type ConversationAction, type ConversationsApi, type Part } from '../intercom/conversations';
import type { FollowUp } from '../protocol';
import { replyOutbox, type FollowUpOutcome, type ReplyEntry, type ReplySent } from './outbox';
import { singleFlight } from '../single-flight';
import { isAmbiguous, maybeSentAfter } from '../intercom/errors';

export type ReplyApi = Pick<ConversationsApi, 'getConversationDetail' | 'reply' | 'manage'>;

export interface ReplyContext {
  api: ReplyApi;
  /** The admin that replies when the draft names none. */
  defaultAdminId: string;
  conversationUrl(conversationId: string): string;
}

export interface ReplyRequest {
  draftId: string;
  conversationId: string;
  draft: unknown;
  note: boolean;
  /** The newest part the panel showed the agent; anything after it is a collision. */
  seenPartId: string | null;
  followUp?: FollowUp;
  /** The agent saw "may have been sent" and chose to send again. */
  confirmResend?: boolean;
}

export interface ReplyCollision {
  status: 'collision';
  /** What arrived after the part the panel showed, oldest first. */
  parts: Part[];
  latestPartId: string | null;
}

export type ReplyOutcome = ReplySent | ReplyCollision;

/** How far Intercom's clock may be from ours when looking for our part. */
const CLOCK_SLACK_SECONDS = 5;

const oneReplyPerDraft = singleFlight<ReplyOutcome>();

/** Same draft twice at once (double click, two tabs): both get the one reply's outcome. */
export function sendReply(request: ReplyRequest, ctx: ReplyContext): Promise<ReplyOutcome> {
  return oneReplyPerDraft(request.draftId, () => replyOnce(request, ctx));
}

async function replyOnce(request: ReplyRequest, ctx: ReplyContext): Promise<ReplyOutcome> {
  const started = Date.now();
  // A reply takes its channel from the conversation: only the body (and its checks) matter here.
  const { body } = prepareMessage({ ...(request.draft as object), channel: 'in_app' });
  const adminId = (request.draft as { fromAdminId?: string }).fromAdminId ?? ctx.defaultAdminId;

  const earlier = await replyOutbox.resume(request.draftId, request.confirmResend, (entry) => reconcile(entry, ctx));
  if ('done' in earlier) return earlier.done;
  const previous = earlier.entry;

  const entry: ReplyEntry = {
    draftId: request.draftId,
    state: 'sending',
    startedAt: started,
    conversationId: request.conversationId,
    adminId,
    note: request.note,
    body,
    ...(request.followUp ? { followUp: request.followUp } : {}),
  };
  // The entry is written while the collision check is on its way: it is in storage before the POST
  // all the same, and the write costs the agent no time. Without a POST it is taken back.
  const written = replyOutbox.put(entry);
  const takeBack = async () => {
    await written;
    await (previous ? replyOutbox.put(previous) : replyOutbox.delete(request.draftId));
  };

  // The collision check: the conversation as it is now against what the agent saw.
  let current;
  try {
    current = await ctx.api.getConversationDetail(request.conversationId);
  } catch (error) {
    await takeBack();
    throw error;
  }
  const fresh = partsAfter(current.parts, request.seenPartId);
  if (fresh.length > 0) {
    await takeBack();
    return { status: 'collision', parts: fresh, latestPartId: current.parts.at(-1)?.id ?? null };
  }
  await written;

  let partId: string | null;
  let copies: number;
  forgetChanged({ conversationId: request.conversationId }); // a new part, and a new place in the contact's list
  try {
    const answer = await ctx.api.reply(request.conversationId, { adminId, body, note: request.note });
    const ours = answer.parts.filter((p) => isOurs(p, entry));
    partId = ours.at(-1)?.id ?? null;
    copies = ours.length;
  } catch (error) {
    if (!isAmbiguous(error)) {
      await replyOutbox.delete(request.draftId); // Intercom said no: nothing was sent.
      throw error;
    }
    const found = await reconcile(entry, ctx).catch(() => null);
    if (found) return found;
    await replyOutbox.put({ ...entry, state: 'maybe_sent' });
    throw maybeSentAfter(error);
  }
  return finish(entry, partId, 2, ctx, copies);
}

/** The reply is in: record it, then apply the follow-up (whose failure does not unsend the reply). */
async function finish(entry: ReplyEntry, partId: string | null, requests: number, ctx: ReplyContext, copies = 1): Promise<ReplySent> {
  const sent: ReplySent = {
    status: 'sent',
    conversationId: entry.conversationId,
    conversationUrl: ctx.conversationUrl(entry.conversationId),
    partId,
    note: entry.note,
    followUp: null,
    timings: { totalMs: Date.now() - entry.startedAt },
    requests,
    ...(copies > 1 ? { copies } : {}),
  };
  // Not awaited without a follow-up (the reply is in Intercom already): should the worker stop before
  // storage has it, a retry finds the reply among the parts. With one, recorded before it is applied.
  const recorded = replyOutbox.put({ ...entry, state: 'sent', result: sent });
  if (!entry.followUp) return sent;
  await recorded;
  const followUp = await applyFollowUp(ctx.api, entry.conversationId, entry.adminId, entry.followUp);
  const result = { ...sent, followUp, requests: requests + 1 };
  void replyOutbox.put({ ...entry, state: 'sent', result });
  return result;
}

/** Applies one follow-up by `adminId` ("Assign to me" assigns to that admin). Never throws. */
export async function applyFollowUp(api: Pick<ReplyApi, 'manage'>, conversationId: string, adminId: string, followUp: FollowUp): Promise<FollowUpOutcome> {
  const action: ConversationAction =
    followUp.kind === 'assign_me'
      ? { kind: 'assign_admin', assigneeId: adminId }
      : followUp.kind === 'assign_team'
        ? { kind: 'assign_team', teamId: followUp.teamId }
        : followUp.kind === 'close'
          ? { kind: 'close' }
          : { kind: 'snooze', until: followUp.until ?? tomorrowAtNine(new Date()) };
  try {
    await api.manage(conversationId, adminId, action);
    forgetChanged({ conversationId }); // its state or assignee, and the event's part
    return { ok: true };
  } catch (error) {
    const e = isHailerError(error) ? error : new HailerError('unknown');
    return { ok: false, code: e.code, ...(e.detail ? { detail: e.detail } : {}) };
  }
}

/** Epoch seconds of 9:00 tomorrow in the browser's time zone, the agent's (a daylight-saving change in between is respected). */
export function tomorrowAtNine(now: Date): number {
  return Math.floor(new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 9).getTime() / 1000);
}


/** Our part: same kind, same admin, same body, created since the send began. */
const isOurs = (p: Part, entry: ReplyEntry) =>
  p.kind === (entry.note ? 'note' : 'comment') &&
  p.createdAt >= Math.floor(entry.startedAt / 1000) - CLOCK_SLACK_SECONDS &&
  (!p.authorId || p.authorId === entry.adminId) &&
  normalize(p.body) === normalize(entry.body);

async function reconcile(entry: ReplyEntry, ctx: ReplyContext): Promise<ReplySent | null> {
  const ours = (await ctx.api.getConversationDetail(entry.conversationId)).parts.filter((p) => isOurs(p, entry));
  if (ours.length === 0) return null;
  // The follow-up was never applied if the first attempt ended before its answer: apply it now.
  return finish(entry, ours.at(-1)!.id, 1, ctx, ours.length);
}

const normalize = (html: string | null) => (html ?? '').replace(/\s+/g, ' ').trim();
