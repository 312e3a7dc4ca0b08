// Two Intercom workspaces at once, as issue 10's tests need them: two simulators, each with its own
// token, workspace (name, id code, region) and state, sharing the seed's emails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../intercom-simulator/index.mjs';

let a: Simulator;
let b: Simulator;
beforeAll(async () => {
  a = await startSimulator({ port: 0, token: 'token-of-brand-a-aaaa' });
  b = await startSimulator({ port: 0, token: 'token-of-brand-b-bbbb', app: { id_code: 'brandb7', name: 'Brand B (simulated)', region: 'Europe' } });
});
afterAll(async () => {
  await a?.close();
  await b?.close();
});

const get = (sim: Simulator, path: string, token: string) =>
  fetch(`${sim.apiBaseUrl}${path}`, { headers: { authorization: `Bearer ${token}`, 'intercom-version': '2.14', accept: 'application/json' } });

describe('two simulated workspaces', () => {
  it('each answers GET /me with its own workspace, and records which token each request used', async () => {
    const meA = await (await get(a, '/me', 'token-of-brand-a-aaaa')).json();
    const meB = await (await get(b, '/me', 'token-of-brand-b-bbbb')).json();
    expect(meA.app).toMatchObject({ id_code: 'acme42', region: 'US' });
    expect(meB.app).toMatchObject({ id_code: 'brandb7', name: 'Brand B (simulated)', region: 'Europe' });
    expect(a.requests.at(-1)?.tokenEnd).toBe('aaaa');
    expect(b.requests.at(-1)?.tokenEnd).toBe('bbbb');
  });

  it("refuses the other workspace's token", async () => {
    expect((await get(b, '/me', 'token-of-brand-a-aaaa')).status).toBe(401);
    expect(b.requests.at(-1)?.tokenEnd).toBe('aaaa');
  });

  it('keeps separate states with overlapping emails', async () => {
    const email = a.state.contacts[0]!.email;
    expect(b.state.contacts.some((c) => c.email === email)).toBe(true);
    expect(b.state.contacts[0]!.workspace_id).toBe('brandb7');
    b.state.contacts.pop();
    expect(a.state.contacts.length).toBe(b.state.contacts.length + 1);
  });
});
