// Every failure Hailer reports to an agent has one of these codes. The background turns each code
// into plain words (what happened, what to do) from the locale file, so every context shows the
// same text and none of them needs to understand Intercom's raw errors.
export const errorCodes = [
  'not_configured', // no token saved yet
  'token_rejected', // 401
  'forbidden', // 403: token lacks a scope
  'recipient_not_found', // 404, or a lookup with no match
  'recipient_ambiguous', // a lookup with several matches
  'invalid_message', // 400/422 from Intercom, or a draft we refuse to send
  'rate_limited', // 429
  'intercom_unavailable', // 5xx
  'unreadable_answer', // Intercom answered, but not in a shape Hailer can read (detail: the operation and fields)
  'timeout', // no answer in time; the message may or may not have been sent
  'offline', // the browser has no network
  'maybe_sent', // an ambiguous failure: reconcile before sending again
  'send_in_progress', // this draft is already being sent
  'cancelled', // the agent undid the send within the undo window
  'conversation_not_found', // message sent but its conversation could not be found in time
  'conversation_gone', // 404 on a conversation: deleted or merged
  'conversation_conflict', // 409 on a conversation: it changed while the reply was on its way
  'wrong_workspace', // a send whose draft, contact, admin or conversation belongs to another workspace
  'workspace_unknown', // a request named a workspace that is not (or no longer) set up
  'not_allowed', // the caller may not make this call
  'bad_request', // the call did not match the protocol
  'unknown',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/** `detail` of a `maybe_sent` whose cause was an answer Hailer could not read, not a silence. */
export const AFTER_UNREADABLE_ANSWER = 'unreadable_answer';

export interface HailerErrorInit {
  /** Intercom's own wording, shown for invalid messages so the agent can fix the draft. */
  detail?: string;
  /** Epoch ms after which a retry is safe (rate limits). */
  retryAt?: number;
  /** Intercom's request id, for a support ticket. */
  requestId?: string;
  /** HTTP status, when the error came from Intercom. */
  status?: number;
  cause?: unknown;
}

export class HailerError extends Error {
  readonly code: ErrorCode;
  readonly detail?: string;
  readonly retryAt?: number;
  readonly requestId?: string;
  readonly status?: number;

  constructor(code: ErrorCode, init: HailerErrorInit = {}) {
    super(init.detail ? `${code}: ${init.detail}` : code, { cause: init.cause });
    this.name = 'HailerError';
    this.code = code;
    this.detail = init.detail;
    this.retryAt = init.retryAt;
    this.requestId = init.requestId;
    this.status = init.status;
  }
}

export const isHailerError = (e: unknown): e is HailerError => e instanceof HailerError;
