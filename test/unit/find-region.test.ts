// Which hosted region knows a token (the welcome page's Connect), through an injected fetch that
// answers each region's GET /me with real Response objects.
import { describe, expect, it } from 'vitest';
import { acceptedAt, findRegion } from '../../utils/intercom/find-region';
import { HailerError } from '../../utils/errors';

type Answer = number | 'network';
const hosts = { 'api.intercom.io': 'us', 'api.eu.intercom.io': 'eu', 'api.au.intercom.io': 'au' } as const;

/** A fetch where each region answers GET /me with `answers[region]` (a status, or no answer at all). */
function regionsAnswering(answers: Record<'us' | 'eu' | 'au', Answer>) {
  const asked: string[] = [];
  const fetch = async (input: RequestInfo | URL) => {
    const url = new URL(String(input));
    const region = hosts[url.host as keyof typeof hosts];
    asked.push(`${region} ${url.pathname}`);
    const answer = answers[region];
    if (answer === 'network') throw new TypeError('fetch failed');
    const body =
      answer === 200
        ? { type: 'admin', id: `adm_${region}`, name: `Admin ${region}`, email: `a@${region}.test`, app: { type: 'app', id_code: `ws_${region}`, name: `Workspace ${region}`, region: region.toUpperCase() } }
        : { type: 'error.list', request_id: 'r1', errors: [{ code: answer === 401 ? 'unauthorized' : 'server_error', message: 'no' }] };
    return new Response(JSON.stringify(body), { status: answer, headers: { 'content-type': 'application/json' } });
  };
  return { asked, fetch: fetch as typeof globalThis.fetch };
}

const failure = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error as HailerError);

describe('findRegion', () => {
  it('asks all three regions and takes the one that accepts the token', async () => {
    const { asked, fetch } = regionsAnswering({ us: 401, eu: 200, au: 401 });
    const found = await findRegion('tok_eu_12345678', { fetch });
    expect(found).toMatchObject({ region: 'eu', endpoints: { apiBaseUrl: 'https://api.eu.intercom.io' }, me: { workspace: { id: 'ws_eu', name: 'Workspace eu' }, admin: { name: 'Admin eu' } } });
    expect(asked.sort()).toEqual(['au /me', 'eu /me', 'us /me']);
  });

  it('prefers the first region in US, EU, AU order when two accept', async () => {
    const { fetch } = regionsAnswering({ us: 401, eu: 200, au: 200 });
    await expect(findRegion('tok_both_12345678', { fetch })).resolves.toMatchObject({ region: 'eu' });
  });

  it('a token every region refuses is token_rejected', async () => {
    const { fetch } = regionsAnswering({ us: 401, eu: 401, au: 401 });
    await expect(failure(findRegion('tok_nobody_1234', { fetch }))).resolves.toMatchObject({ code: 'token_rejected' });
  });

  it('when a region could not answer, says that rather than "rejected": the token may be good', async () => {
    const { fetch } = regionsAnswering({ us: 401, eu: 'network', au: 401 });
    await expect(failure(findRegion('tok_maybe_1234', { fetch }))).resolves.toMatchObject({ code: 'intercom_unavailable' });
  });

  it('one region accepting wins even when another fails', async () => {
    const { fetch } = regionsAnswering({ us: 'network', eu: 500, au: 200 });
    await expect(findRegion('tok_au_12345678', { fetch })).resolves.toMatchObject({ region: 'au', me: { admin: { id: 'adm_au' } } });
  });

  it('a managed workspace keeps its address: acceptedAt asks that one region only', async () => {
    const { asked, fetch } = regionsAnswering({ us: 401, eu: 200, au: 200 });
    await expect(acceptedAt('tok_managed_1234', { apiBaseUrl: 'https://api.au.intercom.io', appBaseUrl: 'https://app.au.intercom.com' }, { fetch })).resolves.toMatchObject({ me: { workspace: { id: 'ws_au' } } });
    expect(asked).toEqual(['au /me']);
    await expect(failure(acceptedAt('tok_managed_1234', { apiBaseUrl: 'https://api.intercom.io', appBaseUrl: 'https://app.intercom.com' }, { fetch }))).resolves.toMatchObject({ code: 'token_rejected' });
  });
});
