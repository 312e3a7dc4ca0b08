// Types for index.mjs (the Intercom 2.14 simulator), for TypeScript tests and scripts.

export declare const DEMO_TOKEN: 'hailer-demo-token-0042';

export interface SeedApp {
  readonly id_code: string;
  readonly name: string;
  readonly region: string;
  readonly timezone: string;
  readonly created_at: number;
}
export interface SeedAdmin {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly job_title: string;
}
export interface SeedContact {
  readonly id: string;
  readonly role: 'user' | 'lead';
  readonly name: string | null;
  readonly email: string;
  readonly external_id: string | null;
  readonly company?: string | null;
  readonly custom_attributes?: Readonly<Record<string, unknown>>;
  readonly unsubscribed_from_emails?: boolean;
}
export interface SeedConversation {
  readonly id: string;
  readonly contactId: string;
  readonly state: 'open' | 'closed';
  readonly created_at: number;
  readonly updated_at: number;
  /** The conversation's `source.id`. */
  readonly messageId: string;
  readonly body: string;
  readonly assigneeId: string;
}

/** The shared seed (frozen): the workspace every test, fixture and the demo use. */
/** The contacts `affectedCustomers: n` adds (see seed.mjs): customer-0001@affected.test, user id aff_0001, … */
export declare function affectedCustomers(count: number): SeedContact[];
export declare const DEFAULT_RATE_LIMIT_PER_10S: number;
export declare const SEED: {
  readonly token: typeof DEMO_TOKEN;
  readonly app: SeedApp;
  /** The token's owner, whom GET /me answers with. */
  readonly meAdminId: string;
  readonly admins: readonly SeedAdmin[];
  readonly companies: readonly { readonly id: string; readonly name: string }[];
  readonly contacts: readonly SeedContact[];
  readonly conversations: readonly SeedConversation[];
};

export interface SimulatorOptions {
  /** Default 0: a free port. The simulator always listens on 127.0.0.1. */
  port?: number;
  /** The only access token accepted. Default DEMO_TOKEN. */
  token?: string;
  /** Added before every API answer. Default 0. */
  latencyMs?: number;
  /** When false, POST /messages answers without `conversation_id` (as older versions may). Default true. */
  includeConversationId?: boolean;
  /** A created conversation is only found by GET, search and list after this long. Default 0. */
  conversationIndexDelayMs?: number;
  /**
   * When true, POST /messages takes in-app messages only as `message_type: "inapp"` (as the
   * description's examples, its response and Intercom's SDK name them) and refuses `"in_app"` (as
   * its request schema says) with a 400 `parameter_invalid` naming the message type. Default false.
   */
  inAppOnlyAsInapp?: boolean;
  /**
   * When true, every successful answer is shaped as Intercom's documented example for its operation
   * (numeric part ids; bot, team and integration parts; a part assigned to a contact; ticket and
   * AI-agent fields), while the state stays the simulator's. Default false.
   */
  documentedAnswers?: boolean;
  /** The workspace this simulator plays (GET /me, inbox links); a second simulator with another token and app plays a second workspace. */
  app?: Partial<SeedApp>;
  /**
   * Intercom's rate limit: at most this many API requests per 10-second window (windows aligned to
   * the clock). Every answer carries `X-RateLimit-Limit` (this number), `X-RateLimit-Remaining` and
   * `X-RateLimit-Reset` (epoch seconds when the window ends); a request over it is answered 429
   * `rate_limit_exceeded` and not performed. 0 turns the limit and its headers off. Default 1666
   * (Intercom's 10,000 a minute).
   */
  rateLimitPer10s?: number;
  /** Adds this many customers of `affectedCustomers(n)` to the contacts (the demo's list page). Default 0. */
  affectedCustomers?: number;
}
export type SimulatorSettings = Required<Omit<SimulatorOptions, 'port'>>;

/**
 * A fault for the next matching API request(s). Without `commit`, a fault with a status, a body or
 * `drop` answers without performing the request; with `commit: true` (or `drop: 'after'`) the
 * request takes effect first (e.g. the message is created) and then the answer fails: "maybe sent".
 * A fault with only `delayMs`/`headers` performs the request normally, late (and not at all when
 * the client gave up during the delay, unless `commit`).
 */
export interface Fault {
  /** Answer this status with an Intercom error list (429 also gets rate-limit headers). */
  status?: number;
  /** How many matching requests the fault applies to. Default 1. */
  times?: number;
  method?: string;
  /** A path prefix, or a RegExp tested against the path. */
  path?: string | RegExp;
  /** A RegExp source tested against the path (for faults sent over HTTP as JSON). */
  pathPattern?: string;
  /** Extra (or overriding) answer headers. */
  headers?: Record<string, string>;
  /** Answer this JSON body instead (status 200 unless `status`). */
  body?: unknown;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Destroy the connection without an answer, before or after performing the request. */
  drop?: 'before' | 'after';
  /** Perform the request before failing. */
  commit?: boolean;
}

export interface RecordedFault extends Omit<Fault, 'path' | 'pathPattern'> {
  path?: string;
  /** Whether the request took effect despite the fault. */
  processed: boolean;
}

export interface RecordedRequest {
  /** Answered 429 by the rate limit (not performed). */
  rateLimited?: boolean;
  method: string;
  path: string;
  query: Record<string, string>;
  /** As received (lower-case names); `authorization` keeps only its scheme: `Bearer [redacted]`. */
  headers: Record<string, string | string[] | undefined>;
  /** The last four characters of the bearer token the request used; null without one. */
  tokenEnd: string | null;
  /** The parsed JSON body, or its text when it was not JSON. */
  body: unknown;
  /** 0 when no answer was sent (dropped, or the client went away). */
  status: number;
  /** Whether the request conforms to the 2.14 description (and Intercom's own rules, e.g. email subject). */
  valid: boolean;
  validationErrors: string[];
  /** Epoch milliseconds when it arrived. */
  at: number;
  operationId: string | null;
  /** The Intercom-Version it was validated against (its header, 2.14 when none). */
  version?: string;
  /** The JSON answer (also when the connection was dropped after it was computed). */
  response?: unknown;
  fault?: RecordedFault;
}

export interface IntercomContactReference {
  type: 'contact';
  id: string;
  external_id: string | null;
}

export interface IntercomContact {
  type: 'contact';
  id: string;
  workspace_id: string;
  external_id: string | null;
  role: 'user' | 'lead';
  email: string;
  name: string | null;
  created_at: number;
  updated_at: number;
  custom_attributes: Record<string, unknown>;
  companies: { type: 'list'; data: { id: string; type: 'company'; url: string }[]; url: string; total_count: number; has_more: boolean };
  [field: string]: unknown;
}

export interface IntercomConversation {
  type: 'conversation';
  id: string;
  title: string | null;
  created_at: number;
  updated_at: number;
  open: boolean;
  state: 'open' | 'closed' | 'snoozed';
  admin_assignee_id: number | null;
  source: {
    type: 'conversation' | 'email';
    /** For a conversation started by POST /messages: that message's id. */
    id: string;
    delivered_as: 'admin_initiated' | 'customer_initiated';
    subject: string;
    body: string;
    author: { type: 'admin' | 'user' | 'lead'; id: string; name: string | null; email: string };
    attachments: unknown[];
    url: string | null;
    redacted: boolean;
  };
  contacts: { type: 'contact.list'; contacts: IntercomContactReference[] };
  conversation_parts: { type: 'conversation_part.list'; conversation_parts: IntercomConversationPart[]; total_count: number };
  [field: string]: unknown;
}

/** Intercom's `conversation_part`, as the simulator keeps them in `conversation_parts`. */
export interface IntercomConversationPart {
  type: 'conversation_part';
  id: string;
  part_type: 'comment' | 'note' | 'assignment' | 'close' | 'open' | 'snoozed';
  body: string | null;
  created_at: number;
  assigned_to: { type: 'admin' | 'team'; id: string } | null;
  author: { type: 'admin' | 'user' | 'lead'; id: string; name: string | null; email: string };
  [field: string]: unknown;
}

/** A message created by POST /messages, as the simulator keeps it. */
export interface SimulatedMessage {
  type: 'admin_message';
  id: string;
  created_at: number;
  /** As requested: `in_app` or `email`. */
  message_type: 'in_app' | 'email';
  subject: string;
  body: string;
  template: string | null;
  from: { type: 'admin'; id: string };
  to: { type: 'user' | 'lead'; id: string }[];
  /** The conversation it started (`create_conversation_without_contact_reply`), else null. */
  conversation_id: string | null;
}

export interface SimulatorState {
  app: SeedApp;
  meAdminId: string;
  admins: { id: string; name: string; email: string; job_title: string }[];
  contacts: IntercomContact[];
  conversations: IntercomConversation[];
  messages: SimulatedMessage[];
  /** Issue 13 (card-and-macros.mjs): tags, 2.16 macros (`updated` in epoch seconds), contact data attributes. */
  tags: { id: string; name: string }[];
  macros: {
    id: string;
    name: string;
    body: string | null;
    body_text: string | null;
    updated: number;
    visible_to: 'everyone' | 'specific_teams';
    visible_to_team_ids: string[];
    available_on: ('inbox' | 'messenger')[];
  }[];
  dataAttributes: Record<string, unknown>[];
}

export interface Simulator {
  /** Origin, e.g. http://127.0.0.1:PORT. */
  readonly url: string;
  /** Same as `url`: the API and the inbox pages share the origin. */
  readonly apiBaseUrl: string;
  readonly appBaseUrl: string;
  readonly token: string;
  /** The current settings (a copy). */
  readonly options: SimulatorSettings;
  /** The live state (replaced by `reset()`, so read it through the simulator). */
  readonly state: SimulatorState;
  /** Every API request, in arrival order (live array; may be emptied with `length = 0`). */
  readonly requests: RecordedRequest[];
  /** Conversation ids whose inbox page was served (live array). */
  readonly inboxViews: string[];
  /** Changes settings for the requests that follow; answers the settings now in force. */
  setOptions(partial: Partial<SimulatorSettings>): SimulatorSettings;
  injectFault(fault: Fault): void;
  clearFaults(): void;
  /** The conversation's customer writes a comment (for collision tests); answers the new part. */
  addCustomerPart(conversationId: string, body: string): IntercomConversationPart;
  /** Back to the seed and the start-up settings; clears requests, inbox views and faults. */
  reset(): void;
  close(): Promise<void>;
}

export declare function startSimulator(options?: SimulatorOptions): Promise<Simulator>;

export interface SpecCheck {
  operationId: string | null;
  valid: boolean;
  errors: string[];
}

/** Checks a request (path parameters, query, JSON body) against Intercom's 2.14 description. */
export declare function validateRequest(request: {
  method: string;
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  /** The Intercom-Version whose description to check against; 2.14 when absent. */
  version?: '2.14' | '2.16';
}): SpecCheck & { params?: Record<string, unknown>; query?: Record<string, unknown> };

/** Checks an answer against the schema the 2.14 description declares for that operation and status. */
export declare function validateResponse(response: { method: string; path: string; status: number; body: unknown; version?: string }): SpecCheck;
