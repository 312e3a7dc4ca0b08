// Every way a request to Intercom can fail, driven through the real client over real HTTP: a
// node:http server stands in for Intercom and answers each test's way.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { HailerError } from '../../utils/errors';
import { createIntercomClient, isNetworkFailure, NETWORK_FAILURE, retryAtFrom } from '../../utils/intercom';

const token = 'tok_secret_0123456789abcdef';
type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

let server: Server;
let baseUrl: string;
let handler: Handler;
let hits = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    hits++;
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => handler(req, res, body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections(); // the requests that were never answered
  return new Promise<void>((resolve) => server.close(() => resolve()));
});
afterEach(() => {
  hits = 0;
  vi.unstubAllGlobals();
});

const client = (timeoutMs?: number) => createIntercomClient({ token, apiBaseUrl: baseUrl, timeoutMs });

function answer(status: number, body: unknown, headers: Record<string, string> = {}): Handler {
  return (_req, res) => {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/html' : 'application/json', ...headers });
    res.end(text);
  };
}

const errorList = (requestId: string, ...errors: { code: string; message?: string | null }[]) => ({
  type: 'error.list',
  request_id: requestId,
  errors,
});

async function failure(run: () => Promise<unknown>): Promise<HailerError> {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HailerError);
  return error as HailerError;
}

const send = (c = client()) =>
  c.createMessage({
    message_type: 'in_app',
    body: '<p>Hi</p>',
    from: { type: 'admin', id: 991001 },
    to: { type: 'user', id: '6650a1b2c3d4e5f601000001' },
    create_conversation_without_contact_reply: true,
  });

describe('Intercom error answers', () => {
  it.each([
    [401, 'token_rejected', 'unauthorized', 'Access Token Invalid'],
    [403, 'forbidden', 'api_plan_restricted', 'Active subscription needed.'],
    [404, 'recipient_not_found', 'not_found', 'User Not Found'],
    [500, 'intercom_unavailable', 'server_error', 'Server error'],
    [502, 'intercom_unavailable', 'bad_gateway', 'Bad gateway'],
    [503, 'intercom_unavailable', 'service_unavailable', 'Service unavailable'],
    [418, 'unknown', 'teapot', 'I am a teapot'],
  ] as const)('%i becomes %s, keeping the request id and status', async (status, code, intercomCode, message) => {
    handler = answer(status, errorList(`req-${status}`, { code: intercomCode, message }));
    const error = await failure(() => send());
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
    expect(error.requestId).toBe(`req-${status}`);
  });

  it.each([400, 422])('%i is an invalid message carrying Intercom’s own wording', async (status) => {
    handler = answer(
      status,
      errorList('req-x', { code: 'parameter_invalid', message: 'Body is required' }, { code: 'parameter_not_found', message: 'No subject supplied for email message' }),
    );
    const error = await failure(() => send());
    expect(error).toMatchObject({ code: 'invalid_message', status, requestId: 'req-x' });
    expect(error.detail).toBe('Body is required; No subject supplied for email message');
  });

  it('uses the error code when Intercom gives no message', async () => {
    handler = answer(422, errorList('req-y', { code: 'parameter_invalid', message: null }));
    expect((await failure(() => send())).detail).toBe('parameter_invalid');
  });

  it('never retries by itself, not even a GET', async () => {
    handler = answer(503, errorList('req-z', { code: 'service_unavailable' }));
    await failure(() => send());
    expect(hits).toBe(1);
    hits = 0;
    await failure(() => client().listAdmins());
    expect(hits).toBe(1);
  });
});

describe('rate limits', () => {
  it('takes the reset time from X-RateLimit-Reset (epoch seconds)', async () => {
    const reset = Math.floor(Date.now() / 1000) + 42;
    handler = answer(429, errorList('req-rl', { code: 'rate_limit_exceeded', message: 'Exceeded rate limit' }), {
      'x-ratelimit-reset': String(reset),
    });
    const error = await failure(() => client().me());
    expect(error).toMatchObject({ code: 'rate_limited', status: 429, requestId: 'req-rl', retryAt: reset * 1000 });
  });

  it('takes Retry-After in seconds', async () => {
    handler = answer(429, '', { 'retry-after': '30' });
    const before = Date.now();
    const error = await failure(() => client().me());
    expect(error.code).toBe('rate_limited');
    expect(error.retryAt).toBeGreaterThanOrEqual(before + 30_000);
    expect(error.retryAt).toBeLessThanOrEqual(Date.now() + 30_000);
  });

  it('takes Retry-After as an HTTP date', async () => {
    const at = new Date(Math.ceil(Date.now() / 1000) * 1000 + 120_000);
    handler = answer(429, '', { 'retry-after': at.toUTCString() });
    expect((await failure(() => client().me())).retryAt).toBe(at.getTime());
  });

  it('waits 10 s when Intercom does not say how long', async () => {
    handler = answer(429, errorList('req-rl2', { code: 'rate_limit_exceeded' }));
    const before = Date.now();
    const error = await failure(() => client().me());
    expect(error.retryAt).toBeGreaterThanOrEqual(before + 10_000);
    expect(error.retryAt).toBeLessThanOrEqual(Date.now() + 10_000);
  });

  it('never answers with a time in the past, and ignores headers it cannot read', () => {
    const now = 1_750_000_000_000;
    expect(retryAtFrom(new Headers({ 'x-ratelimit-reset': String(now / 1000 - 60) }), now)).toBe(now);
    expect(retryAtFrom(new Headers({ 'retry-after': 'soon' }), now)).toBe(now + 10_000);
    expect(retryAtFrom(new Headers({ 'x-ratelimit-reset': 'later', 'retry-after': '5' }), now)).toBe(now + 5_000);
  });
});

describe('malformed error answers', () => {
  it('an HTML error page still maps by status, without a detail', async () => {
    handler = answer(400, '<html><body>Bad Request</body></html>');
    const error = await failure(() => send());
    expect(error).toMatchObject({ code: 'invalid_message', status: 400, detail: undefined, requestId: undefined });
  });

  it('JSON of another shape is ignored, and the request id header is kept', async () => {
    handler = answer(422, { error: 'something' }, { 'x-request-id': 'hdr-req-1' });
    const error = await failure(() => send());
    expect(error).toMatchObject({ code: 'invalid_message', detail: undefined, requestId: 'hdr-req-1' });
  });

  it('an empty 5xx answer is Intercom being unavailable', async () => {
    handler = (_req, res) => res.writeHead(504).end();
    expect(await failure(() => send())).toMatchObject({ code: 'intercom_unavailable', status: 504 });
  });

  it('a 200 that is not what the description promises is unreadable, never a success: the operation and field are named, no value', async () => {
    handler = answer(200, { type: 'admin_message', id: 19, created_at: 'Jane’s secret text' });
    const error = await failure(() => send());
    expect(error).toMatchObject({ code: 'unreadable_answer', status: 200 });
    expect(error.detail).toBe('POST /messages: created_at: expected number, received string');
    expect(error.detail).not.toContain('secret');
  });
});

describe('no answer at all', () => {
  it('is a timeout when Intercom does not answer in time', async () => {
    handler = () => {}; // never answers
    const started = Date.now();
    const error = await failure(() => send(client(100)));
    expect(error.code).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('is Intercom unavailable, flagged as a network failure, when the connection drops', async () => {
    handler = (req) => req.socket.destroy();
    const error = await failure(() => send());
    expect(error).toMatchObject({ code: 'intercom_unavailable', detail: NETWORK_FAILURE, status: undefined });
    expect(isNetworkFailure(error)).toBe(true);
  });

  it('is a network failure when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await failure(() => createIntercomClient({ token, apiBaseUrl: `http://127.0.0.1:${port}` }).me());
    expect(isNetworkFailure(error)).toBe(true);
  });

  it('is offline when the browser says it has no network', async () => {
    vi.stubGlobal('navigator', { onLine: false });
    handler = (req) => req.socket.destroy();
    const error = await failure(() => send());
    expect(error.code).toBe('offline');
    expect(isNetworkFailure(error)).toBe(false);
  });
});

describe('the token', () => {
  // An answer that repeats the Authorization header everywhere it can: the worst a server could do.
  const echo: (status: number) => Handler = (status) => (req, res) => {
    const auth = String(req.headers.authorization);
    res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': auth });
    res.end(JSON.stringify({ type: 'error.list', request_id: auth, errors: [{ code: auth, message: `bad ${auth}` }] }));
  };

  function expectNoToken(error: HailerError) {
    let text = `${error.message} ${error.detail ?? ''} ${error.requestId ?? ''} ${JSON.stringify(error)} ${String(error.stack)}`;
    for (let cause = error.cause; cause; cause = (cause as Error).cause) text += ` ${String(cause)} ${JSON.stringify(cause)}`;
    expect(text).not.toContain(token);
  }

  it.each([400, 401, 403, 404, 418, 422, 429, 500])('never appears in a %i error, even when Intercom echoes it', async (status) => {
    handler = echo(status);
    const error = await failure(() => send());
    expect(error.status).toBe(status);
    expectNoToken(error);
  });

  it('is scrubbed but the rest of Intercom’s wording kept', async () => {
    handler = echo(422);
    expect((await failure(() => send())).detail).toBe('bad Bearer [redacted]');
  });

  it('never appears in a timeout or network error', async () => {
    handler = () => {};
    expectNoToken(await failure(() => send(client(50))));
    handler = (req) => req.socket.destroy();
    expectNoToken(await failure(() => send()));
  });

  it('is sent, as a bearer token, with the pinned version', async () => {
    let seen: IncomingMessage['headers'] = {};
    handler = (req, res) => {
      seen = req.headers;
      answer(200, { type: 'admin.list', admins: [] })(req, res, '');
    };
    await client().listAdmins();
    expect(seen).toMatchObject({ authorization: `Bearer ${token}`, 'intercom-version': '2.14', accept: 'application/json' });
  });
});
