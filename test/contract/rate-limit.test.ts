// The simulator's rate limit (Intercom's: a number of requests per 10-second window, told in
// X-RateLimit-* headers on every answer, 429 `rate_limit_exceeded` beyond it) and its affected
// customers (the bulk send's list). The clock is faked (Date only) to step between windows.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { affectedCustomers, DEFAULT_RATE_LIMIT_PER_10S, DEMO_TOKEN, startSimulator, type Simulator } from '../intercom-simulator/index.mjs';

const HEADERS = { Authorization: `Bearer ${DEMO_TOKEN}`, 'Intercom-Version': '2.14', 'Content-Type': 'application/json' };
let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim?.close());
beforeEach(() => sim.reset());
afterEach(() => vi.useRealTimers());

const me = () => fetch(`${sim.url}/me`, { headers: HEADERS });
const headersOf = (r: Response) => ({
  limit: Number(r.headers.get('x-ratelimit-limit')),
  remaining: Number(r.headers.get('x-ratelimit-remaining')),
  reset: Number(r.headers.get('x-ratelimit-reset')),
});

describe('rate limit', () => {
  it('is Intercom’s default unless set, and every answer says how much of the window is left', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-02T10:00:03.500Z'));
    const first = await me();
    const notFound = await fetch(`${sim.url}/contacts/nope`, { headers: HEADERS });
    expect(first.status).toBe(200);
    expect(notFound.status).toBe(404);
    expect(headersOf(first)).toEqual({ limit: DEFAULT_RATE_LIMIT_PER_10S, remaining: DEFAULT_RATE_LIMIT_PER_10S - 1, reset: Date.parse('2026-12-02T10:00:10Z') / 1000 });
    expect(headersOf(notFound).remaining).toBe(DEFAULT_RATE_LIMIT_PER_10S - 2);
  });

  it('answers 429 rate_limit_exceeded beyond the limit, performs nothing, and starts again in the next window', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-02T10:00:01Z'));
    sim.setOptions({ rateLimitPer10s: 3 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await me()).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const message = { message_type: 'in_app', body: '<p>Hi</p>', from: { type: 'admin', id: 991001 }, to: { type: 'user', id: '6650a1b2c3d4e5f601000001' }, create_conversation_without_contact_reply: true };
    const refused = await fetch(`${sim.url}/messages`, { method: 'POST', headers: HEADERS, body: JSON.stringify(message) });
    expect(refused.status).toBe(429);
    expect((await refused.json()).errors[0].code).toBe('rate_limit_exceeded');
    expect(headersOf(refused)).toMatchObject({ limit: 3, remaining: 0 });
    expect(sim.state.messages).toHaveLength(0);
    expect(sim.requests.filter((r) => r.rateLimited)).toHaveLength(2);

    vi.setSystemTime(new Date(headersOf(refused).reset * 1000));
    const next = await me();
    expect(next.status).toBe(200);
    expect(headersOf(next).remaining).toBe(2);
  });

  it('is off (no limit, no headers) at 0', async () => {
    sim.setOptions({ rateLimitPer10s: 0 });
    const answer = await me();
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-ratelimit-remaining')).toBeNull();
  });
});

describe('affected customers', () => {
  it('joins the contacts when asked for, unsubscribed and lead twins included', async () => {
    sim.setOptions({ affectedCustomers: 20 });
    const search = (value: string) =>
      fetch(`${sim.url}/contacts/search`, { method: 'POST', headers: HEADERS, body: JSON.stringify({ query: { field: 'email', operator: '=', value } }) }).then((r) => r.json());
    expect((await search('customer-0001@affected.test')).data).toHaveLength(1);
    expect((await search('customer-0004@affected.test')).data[0].unsubscribed_from_emails).toBe(true);
    expect((await search('customer-0014@affected.test')).data.map((c: { role: string }) => c.role).sort()).toEqual(['lead', 'user']);
    expect(affectedCustomers(20)).toHaveLength(21);
    sim.setOptions({ affectedCustomers: 0 });
    expect((await search('customer-0001@affected.test')).data).toHaveLength(0);
  });
});
