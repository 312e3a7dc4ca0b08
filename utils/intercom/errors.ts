// Every way a request to Intercom can fail, as one HailerError. The code decides what the agent is
// told (the background turns codes into text); Intercom's own wording, request id and HTTP status
// ride along. The token is in a header only, and any text taken from an answer is scrubbed of it
// anyway, so no message, detail or request id can ever carry it.
import { FetchError } from 'ofetch';
import type { z } from 'zod';
import { AFTER_UNREADABLE_ANSWER, HailerError, type ErrorCode } from '../errors';
import { ErrorList } from './schemas';

/** `detail` of a request that got no answer at all: it may or may not have reached Intercom. */
export const NETWORK_FAILURE = 'network';

/** When Intercom says "too many requests" but not until when. */
const DEFAULT_RETRY_MS = 10_000;
const MAX_DETAIL_CHARS = 500;

/**
 * After a request that may have changed something (POST /messages, a reply), these failures leave it
 * unknown whether it did: no answer, a 5xx, or an answer Hailer could not read. The flow reconciles
 * with Intercom instead of sending again.
 */
export const isAmbiguous = (error: unknown): boolean =>
  error instanceof HailerError && (error.code === 'timeout' || error.code === 'intercom_unavailable' || error.code === 'unreadable_answer');

/** The `maybe_sent` for an ambiguous failure, saying which kind it was. */
export const maybeSentAfter = (error: unknown): HailerError =>
  error instanceof HailerError && error.code === 'unreadable_answer'
    ? new HailerError('maybe_sent', { detail: `${AFTER_UNREADABLE_ANSWER}: ${error.detail ?? ''}`, status: error.status, requestId: error.requestId })
    : new HailerError('maybe_sent');

export const isNetworkFailure = (error: unknown): boolean =>
  error instanceof HailerError && error.code === 'intercom_unavailable' && error.detail === NETWORK_FAILURE;

/** Turns whatever a request threw into a HailerError. `token` is scrubbed from any text kept. */
export function toHailerError(error: unknown, token?: string): HailerError {
  if (error instanceof HailerError) return error;
  if (!(error instanceof FetchError)) return new HailerError('unknown');
  const { response } = error;
  if (response) {
    return errorFromResponse({ status: response.status, headers: response.headers, body: response._data }, token);
  }
  // No answer. The FetchError itself is not kept as the cause: its options hold the Authorization header.
  const reason = error.cause instanceof Error ? error.cause.name : '';
  if (reason === 'TimeoutError' || reason === 'AbortError') return new HailerError('timeout');
  if (globalThis.navigator?.onLine === false) return new HailerError('offline');
  return new HailerError('intercom_unavailable', { detail: NETWORK_FAILURE });
}

export function errorFromResponse(
  answer: { status: number; headers: Headers; body: unknown },
  token?: string,
  now = Date.now(),
): HailerError {
  const { status, headers } = answer;
  const scrub = (text: string | null | undefined) => (text && token ? text.split(token).join('[redacted]') : text) || undefined;
  const list = ErrorList.safeParse(answer.body);
  const errors = list.success ? list.data.errors : [];
  const wording = scrub(errors.map((e) => e.message || e.code).join('; ').slice(0, MAX_DETAIL_CHARS));
  const requestId = scrub((list.success && list.data.request_id) || headers.get('x-request-id'));
  const init = { status, requestId };

  const withWording = (code: ErrorCode) => new HailerError(code, { ...init, detail: wording });
  if (status === 401) return new HailerError('token_rejected', init);
  if (status === 403) return withWording('forbidden');
  // 410: a contact merged into another or deleted ("Contact Merged" in 2.16's examples).
  if (status === 404 || status === 410) return new HailerError('recipient_not_found', init);
  if (status === 400 || status === 413 || status === 422) return withWording('invalid_message');
  if (status === 429) return new HailerError('rate_limited', { ...init, retryAt: retryAtFrom(headers, now) });
  if (status >= 500) return new HailerError('intercom_unavailable', init);
  return withWording('unknown');
}

/**
 * Epoch ms after which a retry is safe. Intercom sends `X-RateLimit-Reset` (epoch seconds); a proxy
 * in between may send `Retry-After` (seconds, or an HTTP date).
 */
export function retryAtFrom(headers: Headers, now = Date.now()): number {
  const reset = Number(headers.get('x-ratelimit-reset'));
  if (reset > 0) return Math.max(reset * 1000, now);
  const after = headers.get('retry-after')?.trim();
  if (after) {
    if (/^\d+$/.test(after)) return now + Number(after) * 1000;
    const date = Date.parse(after);
    if (!Number.isNaN(date)) return Math.max(date, now);
  }
  return now + DEFAULT_RETRY_MS;
}

/** An answer that did not fit the client's schema: which operation, which fields, and why. Never a value. */
export interface UnreadableAnswer {
  /** `GET /conversations/{id}`: the path with its ids taken out. */
  operation: string;
  /** `conversation_parts.conversation_parts.0.id: expected string, received number`, at most five. */
  fields: string[];
  status: number;
  /** Epoch ms. */
  at: number;
}

/** `/conversations/215/reply` → `/conversations/{id}/reply`: a segment that is not a plain lowercase word is an id. */
export const operationOf = (method: string, path: string) =>
  `${method} ${path.split('?')[0]!.split('/').map((segment, i) => (i === 0 || /^[a-z_]+$/.test(segment) ? segment : '{id}')).join('/')}`;

/** zod's reason ("expected string, received number"): zod names types and options, never the value it saw. */
const reasonOf = (issue: z.core.$ZodIssue) => issue.message.replace(/^Invalid input: /, '');

export function describeUnreadable(method: string, path: string, status: number, issues: readonly z.core.$ZodIssue[]): UnreadableAnswer {
  const fields = issues.slice(0, 5).map((issue) => `${issue.path.join('.') || '(root)'}: ${reasonOf(issue)}`);
  return { operation: operationOf(method, path), fields, status, at: Date.now() };
}
