// How one call of the message protocol (utils/protocol.ts) is written down: who may make it, its
// request schema and its reply schema. Its own module so a domain's calls (utils/bulk/protocol.ts,
// utils/compose/queue-protocol.ts) are declared beside their domain without importing the protocol.
// Named `defineCall`, not `call`, and free of top-level work: WXT auto-imports utils/' exports, and a
// `call` parameter elsewhere (utils/messaging.ts) must not pull this module, or zod, into the launcher.
import type { z } from 'zod';

/** Who may make a call: `page` calls may come from content scripts; `extension` calls only from our own pages. */
export type Audience = 'page' | 'extension';

export function defineCall<Req extends z.ZodType, Res extends z.ZodType>(audience: Audience, request: Req, reply: Res) {
  return { audience, request, reply };
}
