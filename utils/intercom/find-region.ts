// The welcome page's "Connect": which hosted region knows this token. Intercom keeps a workspace in
// one region and a token works only there, so each region is asked `GET /me` (all at once, so a
// slow region does not hold up the others); the first region in US, EU, AU order that accepts the
// token wins. Custom addresses (a proxy, the simulator) stay in the options page.
import { createIntercomClient, type IntercomClientOptions, type Me } from './client';
import { endpointsFor, INTERCOM_REGIONS, type Endpoints, type IntercomRegion } from './regions';
import { toHailerError } from './errors';
import { HailerError } from '../errors';

export interface Accepted {
  endpoints: Endpoints;
  me: Me;
}
export interface FoundRegion extends Accepted {
  region: IntercomRegion;
}

type Options = Pick<IntercomClientOptions, 'timeoutMs' | 'fetch'>;

/** GET /me at these endpoints with this token: what it says, or the HailerError it failed with. */
export async function acceptedAt(token: string, endpoints: Endpoints, options: Options = {}): Promise<Accepted> {
  const me = await createIntercomClient({ token, apiBaseUrl: endpoints.apiBaseUrl, ...options }).me();
  return { endpoints, me };
}

/**
 * The region that accepts `token`, with what its `GET /me` said. When none does: `token_rejected`
 * if every region refused the token, else the first other failure (no network, a missing scope, an
 * outage), since then the token may well be good and the agent has something else to check.
 */
export async function findRegion(token: string, options: Options = {}): Promise<FoundRegion> {
  const tries = INTERCOM_REGIONS.map(async (region): Promise<FoundRegion> => ({ region, ...(await acceptedAt(token, endpointsFor({ region }), options)) }));
  // Every region is asked at once; the answers are read in order, so US wins as soon as it accepts.
  for (const attempt of tries) attempt.catch(() => {});
  const errors: HailerError[] = [];
  for (const attempt of tries) {
    try {
      return await attempt;
    } catch (error) {
      errors.push(toHailerError(error, token));
    }
  }
  throw errors.find((e) => e.code !== 'token_rejected') ?? new HailerError('token_rejected');
}
