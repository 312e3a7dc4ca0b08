// A simulated Intercom (REST API 2.14 and the inbox page) on 127.0.0.1 for tests, `npm run demo` and
// `npm run bench`. Every request is checked against Intercom's OpenAPI description and recorded;
// faults (error statuses, slowness, dropped connections, "maybe sent") can be injected in-process
// or over HTTP under /__sim/. Plain ESM for Node 20, no build step; types in index.d.mts.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { ApiError, contactPage, handlers, inboxPage } from './api.mjs';
import { addCustomerPart } from './conversations.mjs';
import { documentedAnswer } from './documented-answers.mjs';
import { DEFAULT_VERSION, loadSpec, validateRequest, validateResponse, VERSIONS } from './openapi.mjs';
import { affectedCustomers, DEMO_TOKEN, SEED, seedState } from './seed.mjs';

export { affectedCustomers, DEMO_TOKEN, SEED, validateRequest, validateResponse };

// Intercom's default: 10,000 requests a minute per app, counted in 10-second windows (1,666 each).
export const DEFAULT_RATE_LIMIT_PER_10S = 1666;
const RATE_WINDOW_MS = 10_000;
const DEFAULT_OPTIONS = { token: DEMO_TOKEN, latencyMs: 0, includeConversationId: true, conversationIndexDelayMs: 0, inAppOnlyAsInapp: false, documentedAnswers: false, rateLimitPer10s: DEFAULT_RATE_LIMIT_PER_10S, affectedCustomers: 0 };
const OPTION_TYPES = { token: 'string', latencyMs: 'number', includeConversationId: 'boolean', conversationIndexDelayMs: 'number', inAppOnlyAsInapp: 'boolean', app: 'object', documentedAnswers: 'boolean', rateLimitPer10s: 'number', affectedCustomers: 'number' };
/** The seed with the workspace this simulator plays (option `app`: another name, id code, region) and its affected customers. */
const seedOf = (options) => {
  const app = options.app ? { ...SEED.app, ...options.app } : SEED.app;
  const contacts = options.affectedCustomers ? [...SEED.contacts, ...affectedCustomers(options.affectedCustomers)] : SEED.contacts;
  return app === SEED.app && contacts === SEED.contacts ? SEED : { ...SEED, app, contacts };
};
const INBOX_PATH = /^\/a\/inbox\/([^/]+)\/inbox\/conversation\/([^/]+)\/?$/;
const CONTACT_PATH = /^\/a\/apps\/([^/]+)\/users\/([^/]+)(?:\/[^/]*)?\/?$/;
const RATE_LIMIT = DEFAULT_RATE_LIMIT_PER_10S;
const RETRY_AFTER_SECONDS = 3;

/** The error list Intercom answers for a status when a fault does not bring its own body. */
const FAULT_ERRORS = {
  400: ['bad_request', 'Bad request'],
  401: ['unauthorized', 'Access Token Invalid'],
  403: ['api_plan_restricted', 'Active subscription needed.'],
  404: ['not_found', 'Resource Not Found'],
  409: ['conflict', 'Conflict'],
  422: ['parameter_invalid', 'Unprocessable entity'],
  429: ['rate_limit_exceeded', `Exceeded rate limit of ${RATE_LIMIT} requests in 10 seconds`],
  500: ['server_error', 'Internal server error'],
  502: ['server_error', 'Bad gateway'],
  503: ['service_unavailable', 'Service temporarily unavailable'],
  504: ['server_error', 'Gateway timeout'],
};

export async function startSimulator(options = {}) {
  const { port = 0, ...rest } = options;
  const initialOptions = { ...DEFAULT_OPTIONS, ...checkOptions(rest) };
  loadSpec();

  let current = { ...initialOptions };
  let state = seedState(seedOf(initialOptions));
  let faults = [];
  const requests = [];
  const inboxViews = [];
  const visibleAt = new Map();
  const timers = new Set();
  // The rate limit's current 10-second window (aligned to the clock, as Intercom's are) and its count.
  let window = { start: 0, used: 0 };
  /** Counts one API request; its X-RateLimit headers, and whether it is over the limit. */
  function rateCount(now) {
    const limit = current.rateLimitPer10s;
    if (!limit) return { headers: {}, over: false };
    const start = Math.floor(now / RATE_WINDOW_MS) * RATE_WINDOW_MS;
    if (start !== window.start) window = { start, used: 0 };
    window.used++;
    const over = window.used > limit;
    const headers = {
      'X-RateLimit-Limit': String(limit),
      'X-RateLimit-Remaining': String(Math.max(0, limit - window.used)),
      'X-RateLimit-Reset': String((start + RATE_WINDOW_MS) / 1000),
    };
    return { headers, over };
  }

  const sleep = (ms) =>
    ms > 0
      ? new Promise((resolve) => {
          const timer = setTimeout(() => timers.delete(timer) && resolve(), ms);
          timers.add(timer);
        })
      : Promise.resolve();

  const server = http.createServer((req, res) => {
    serve(req, res).catch((error) => {
      console.error('[intercom-simulator]', error);
      if (!res.headersSent && !res.destroyed) sendJson(res, 500, errorList('server_error', String(error?.message ?? error)));
    });
  });
  server.keepAliveTimeout = 2000;
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const url = `http://127.0.0.1:${server.address().port}`;

  async function serve(req, res) {
    const { pathname: path, searchParams } = new URL(req.url ?? '/', url);
    allowCors(req, res);
    if (req.method === 'OPTIONS') return void res.writeHead(204).end();
    const raw = await readBody(req);
    if (path.startsWith('/__sim/')) return adminRoute(req.method, path, raw, res);
    const inbox = req.method === 'GET' && INBOX_PATH.exec(path);
    if (inbox) return serveInbox(decodeURIComponent(inbox[1]), decodeURIComponent(inbox[2]), res);
    const profile = req.method === 'GET' && CONTACT_PATH.exec(path);
    if (profile) {
      const { status, html } = contactPage(state, decodeURIComponent(profile[1]), decodeURIComponent(profile[2]));
      return void res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8' }).end(html);
    }

    const entry = {
      method: req.method,
      path,
      query: Object.fromEntries(searchParams),
      headers: redact(req.headers),
      // Which token the request used (its last four characters), for tests with several workspaces.
      tokenEnd: /^Bearer\s+\S*(\S{4})$/i.exec(req.headers.authorization ?? '')?.[1] ?? null,
      // What arrived: the parsed JSON, or the text when it is not JSON.
      body: raw.length === 0 ? undefined : (parseJson(raw) ?? raw.toString('utf8')),
      status: 0,
      valid: true,
      validationErrors: [],
      at: Date.now(),
      operationId: null,
    };
    requests.push(entry);
    const run = prepare(entry, req.headers, raw);
    const rate = rateCount(entry.at);
    if (rate.over) {
      entry.rateLimited = true;
      const limit = current.rateLimitPer10s;
      return answer(res, entry, { status: 429, body: errorList('rate_limit_exceeded', `Exceeded rate limit of ${limit} requests in 10 seconds`), headers: rate.headers });
    }

    const fault = takeFault(entry);
    if (!fault) return answer(res, entry, withHeaders(run(), rate.headers));
    entry.fault = { ...fault, path: fault.path === undefined ? undefined : String(fault.path), processed: false };
    let result;
    // "Maybe sent": the request takes effect, then the answer fails or never comes.
    if (fault.commit || fault.drop === 'after') result = run();
    let clientGone = false;
    res.on('close', () => (clientGone = !res.writableFinished));
    await sleep(fault.delayMs ?? 0);
    if (fault.drop) {
      entry.fault.processed = result !== undefined;
      entry.status = 0;
      return void req.socket.destroy();
    }
    // A client that gave up while a slow request waited never got it processed (unless committed).
    if (clientGone && result === undefined) return;
    if (fault.status !== undefined || fault.body !== undefined) {
      const status = fault.status ?? 200;
      result = { status, body: fault.body ?? faultBody(status), headers: { ...rate.headers, ...faultHeaders(status), ...fault.headers }, fromFault: true, committed: result !== undefined };
    } else {
      result ??= run();
      result = { ...result, headers: { ...rate.headers, ...result.headers, ...fault.headers } };
    }
    entry.fault.processed = result.fromFault ? result.committed : true;
    return answer(res, entry, result);
  }

  /** Checks auth, version and the description; answers a function that performs the request. */
  function prepare(entry, headers, raw) {
    const bodyIsJson = raw.length === 0 || parseJson(raw) !== undefined;
    // Each request is checked against the description of the version its header names (2.14 when none).
    const version = headers['intercom-version'];
    const served = VERSIONS.includes(version ?? DEFAULT_VERSION);
    entry.version = version ?? DEFAULT_VERSION;
    const inAppName = inAppNameProblem(entry);
    const check = served
      ? validateRequest({ method: entry.method, path: entry.path, query: entry.query, body: bodyIsJson ? inAppName.checked : undefined, version: entry.version })
      : { operationId: null, errors: [] };
    entry.operationId = check.operationId;
    const problems = bodyIsJson ? check.errors : ['the request body is not valid JSON'];
    if (!served) problems.unshift(`Intercom-Version ${version} is not one of ${VERSIONS.join(', ')}`);
    entry.valid = problems.length === 0;
    entry.validationErrors = problems;

    const fail = (status, code, message) => () => ({ status, body: errorList(code, message) });
    if (/^Bearer\s+(.*)$/i.exec(headers.authorization ?? '')?.[1] !== current.token) return fail(401, 'unauthorized', 'Access Token Invalid');
    if (!served) {
      return fail(400, 'intercom_version_invalid', `The requested version ${version} is not served here: this Intercom simulator speaks Intercom-Version ${VERSIONS.join(' and ')}`);
    }
    if (!check.operationId) return fail(404, 'not_found', 'Resource Not Found');
    const handler = handlers[check.operationId];
    if (!handler) return fail(501, 'not_implemented', `The Intercom simulator does not implement ${entry.method} ${entry.path} (${check.operationId})`);
    if (!entry.valid) return fail(400, 'parameter_invalid', problems.join('; '));
    if (inAppName.refuse) return fail(400, 'parameter_invalid', 'Invalid message_type: in_app. Expected one of: inapp, email');

    return () => {
      const now = Date.now();
      try {
        return handler({
          state,
          options: current,
          params: check.params,
          query: check.query,
          body: entry.body,
          now,
          isVisible: (conversation) => (visibleAt.get(conversation.id) ?? 0) <= Date.now(),
          index: (conversation) => visibleAt.set(conversation.id, now + current.conversationIndexDelayMs),
        });
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        if (error.invalid) {
          entry.valid = false;
          entry.validationErrors.push(error.message);
        }
        return { status: error.status, body: errorList(error.code, error.message) };
      }
    };
  }

  /**
   * Intercom's description names in-app messages `in_app` in the request schema but `inapp` in its
   * examples, its response and its SDK. With `inAppOnlyAsInapp` the simulator plays a live API that
   * follows the examples: `inapp` is checked as the schema's `in_app` would be, and `in_app` itself
   * is refused with a 400 naming the message type, so Hailer's fallback can be tested end to end.
   */
  function inAppNameProblem(entry) {
    const isMessage = entry.method === 'POST' && entry.path === '/messages' && entry.body && typeof entry.body === 'object';
    if (!current.inAppOnlyAsInapp || !isMessage) return { checked: entry.body, refuse: false };
    if (entry.body.message_type === 'inapp') return { checked: { ...entry.body, message_type: 'in_app' }, refuse: false };
    return { checked: entry.body, refuse: entry.body.message_type === 'in_app' };
  }

  const withHeaders = (result, headers) => ({ ...result, headers: { ...headers, ...result.headers } });

  async function answer(res, entry, { status, body: stateBody, headers, fromFault }) {
    await sleep(current.latencyMs);
    // With `documentedAnswers`, a success is shaped as Intercom's documented example (./documented-answers.mjs).
    const documented = current.documentedAnswers && status < 300 && !fromFault && entry.operationId;
    const body = documented ? documentedAnswer(entry.operationId, stateBody, entry.version) : stateBody;
    entry.response = body;
    if (res.destroyed) return;
    entry.status = status;
    entry.answeredAt = Date.now(); // when the answer left (the bench tells what a page waited for)
    sendJson(res, status, body, headers);
  }

  function takeFault(entry) {
    const fault = faults.find(
      (f) =>
        (!f.method || f.method.toUpperCase() === entry.method) &&
        (f.path === undefined || (f.path instanceof RegExp ? f.path.test(entry.path) : entry.path.startsWith(f.path))),
    );
    if (fault && --fault.remaining <= 0) faults = faults.filter((f) => f !== fault);
    if (!fault) return undefined;
    const { remaining, ...definition } = fault;
    return definition;
  }

  function serveInbox(appId, conversationId, res) {
    const { status, html } = inboxPage(state, appId, conversationId);
    if (status === 200) inboxViews.push(conversationId);
    res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8' }).end(html);
  }

  /** Out-of-process control for the demo console; not Intercom, so neither recorded nor authorised. */
  function adminRoute(method, path, raw, res) {
    const body = parseJson(raw);
    const route = `${method} ${path.replace(/\/$/, '')}`;
    try {
      switch (route) {
        case 'GET /__sim/requests':
          return sendJson(res, 200, requests);
        case 'DELETE /__sim/requests':
          requests.length = 0;
          return sendJson(res, 200, { requests: 0 });
        case 'GET /__sim/state':
          return sendJson(res, 200, { options: current, state, inboxViews, faults: faults.map(serializableFault) });
        case 'POST /__sim/faults':
          for (const fault of [body].flat()) simulator.injectFault(fault);
          return sendJson(res, 200, { faults: faults.length });
        case 'DELETE /__sim/faults':
          simulator.clearFaults();
          return sendJson(res, 200, { faults: 0 });
        case 'POST /__sim/options':
          return sendJson(res, 200, simulator.setOptions(body ?? {}));
        case 'POST /__sim/reset':
          simulator.reset();
          return sendJson(res, 200, { reset: true });
        default: {
          // The customer writes in a conversation (collision demos from outside the process).
          const part = /^POST \/__sim\/conversations\/([^/]+)\/customer-part$/.exec(route);
          if (part) return sendJson(res, 200, simulator.addCustomerPart(decodeURIComponent(part[1]), String(body?.body ?? '')));
          return sendJson(res, 404, { error: `No simulator control route ${route}` });
        }
      }
    } catch (error) {
      return sendJson(res, 400, { error: String(error?.message ?? error) });
    }
  }

  const simulator = {
    url,
    apiBaseUrl: url,
    appBaseUrl: url,
    get token() {
      return current.token;
    },
    get options() {
      return { ...current };
    },
    get state() {
      return state;
    },
    requests,
    inboxViews,
    setOptions(partial) {
      const before = current.affectedCustomers;
      Object.assign(current, checkOptions(partial));
      // Affected customers asked for later join (or leave) the contacts at once.
      if (current.affectedCustomers !== before) {
        const affected = new Set(affectedCustomers(Math.max(before, current.affectedCustomers)).map((c) => c.id));
        const kept = state.contacts.filter((c) => !affected.has(c.id));
        const added = seedState({ ...seedOf(current), conversations: [] }).contacts.filter((c) => affected.has(c.id));
        state.contacts = [...kept, ...added];
      }
      return { ...current };
    },
    injectFault(fault) {
      faults.push(checkFault(fault));
    },
    clearFaults() {
      faults = [];
    },
    addCustomerPart(conversationId, body) {
      return addCustomerPart(state, conversationId, body);
    },
    reset() {
      state = seedState(seedOf(current));
      current = { ...initialOptions };
      faults = [];
      window = { start: 0, used: 0 };
      visibleAt.clear();
      requests.length = 0;
      inboxViews.length = 0;
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(() => resolve()));
    },
  };
  return simulator;
}

function checkOptions(partial) {
  for (const [key, value] of Object.entries(partial ?? {})) {
    if (!(key in OPTION_TYPES)) throw new TypeError(`Unknown simulator option "${key}"`);
    if (typeof value !== OPTION_TYPES[key] || (typeof value === 'number' && !(value >= 0))) {
      throw new TypeError(`Simulator option "${key}" must be a ${OPTION_TYPES[key] === 'number' ? 'number ≥ 0' : OPTION_TYPES[key]}`);
    }
  }
  return partial ?? {};
}

const FAULT_KEYS = ['status', 'times', 'method', 'path', 'pathPattern', 'headers', 'body', 'delayMs', 'drop', 'commit'];

/** A fault as given in-process or over HTTP (where `pathPattern` stands for a RegExp). */
function checkFault(fault) {
  if (!fault || typeof fault !== 'object') throw new TypeError('A fault must be an object');
  const unknown = Object.keys(fault).filter((k) => !FAULT_KEYS.includes(k));
  if (unknown.length) throw new TypeError(`Unknown fault field(s): ${unknown.join(', ')}`);
  const { times = 1, pathPattern, ...rest } = fault;
  if (!(Number.isInteger(times) && times > 0) && times !== Infinity) throw new TypeError('fault.times must be a positive integer');
  if (rest.drop !== undefined && rest.drop !== 'before' && rest.drop !== 'after') throw new TypeError('fault.drop must be "before" or "after"');
  if (rest.status !== undefined && !(Number.isInteger(rest.status) && rest.status >= 200 && rest.status <= 599)) throw new TypeError('fault.status must be an HTTP status');
  if (rest.delayMs !== undefined && !(rest.delayMs >= 0)) throw new TypeError('fault.delayMs must be a number ≥ 0');
  const path = pathPattern !== undefined ? new RegExp(pathPattern) : rest.path;
  return { ...rest, path, times, remaining: times };
}

const serializableFault = ({ path, ...fault }) => ({ ...fault, path: path === undefined ? undefined : String(path) });

function faultBody(status) {
  const [code, message] = FAULT_ERRORS[status] ?? (status >= 500 ? ['server_error', 'Server error'] : ['bad_request', `Error ${status}`]);
  return errorList(code, message);
}

function faultHeaders(status) {
  if (status !== 429) return {};
  return {
    'X-RateLimit-Limit': String(RATE_LIMIT),
    'X-RateLimit-Remaining': '0',
    'X-RateLimit-Reset': String(Math.ceil(Date.now() / 1000) + RETRY_AFTER_SECONDS),
    'Retry-After': String(RETRY_AFTER_SECONDS),
  };
}

const errorList = (code, message) => ({ type: 'error.list', request_id: randomUUID(), errors: [{ code, message }] });

function sendJson(res, status, body, headers = {}) {
  const requestId = typeof body?.request_id === 'string' ? body.request_id : randomUUID();
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'X-Request-Id': requestId, ...headers }).end(JSON.stringify(body));
}

function allowCors(req, res) {
  const requested = String(req.headers['access-control-request-headers'] ?? '').split(',').map((h) => h.trim()).filter(Boolean);
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, DELETE, OPTIONS');
  res.setHeader('Access-Control-Allow-Headers', [...new Set(['Authorization', 'Intercom-Version', 'Content-Type', 'Accept', ...requested])].join(', '));
  res.setHeader('Access-Control-Expose-Headers', 'X-Request-Id, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, Retry-After');
  res.setHeader('Access-Control-Max-Age', '600');
  // Chrome asks before a public page may reach a loopback address.
  if (req.headers['access-control-request-private-network']) res.setHeader('Access-Control-Allow-Private-Network', 'true');
}

function redact(headers) {
  const copy = { ...headers };
  if (copy.authorization) copy.authorization = copy.authorization.replace(/^(\S+\s+)?.*$/, (_, scheme = '') => `${scheme}[redacted]`);
  return copy;
}

function parseJson(raw) {
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return undefined;
  }
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks);
}
