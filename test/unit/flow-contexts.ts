// The send and reply flows' contexts on the real Intercom client pointed at a simulator, as the
// background builds them for the simulator's workspace (acme42, admin 991001). Retries do not wait.
import type { Simulator } from '../intercom-simulator/index.mjs';
import { conversationsApi, createIntercomClient, type IntercomClient } from '../../utils/intercom';
import type { SendContext } from '../../utils/compose/send';
import type { ReplyContext } from '../../utils/compose/reply';

export function simulatedContexts(sim: Simulator): { client: IntercomClient; send: SendContext; reply: ReplyContext } {
  const client = createIntercomClient({ token: sim.token, apiBaseUrl: sim.apiBaseUrl, timeoutMs: 1000 });
  const conversationUrl = (id: string) => `${sim.appBaseUrl}/a/inbox/acme42/inbox/conversation/${id}`;
  return {
    client,
    send: {
      api: client,
      defaultAdminId: '991001',
      conversationUrl,
      contactUrl: (id) => `${sim.appBaseUrl}/a/apps/acme42/users/${id}`,
      sleep: async () => {},
    },
    reply: { api: conversationsApi(client), defaultAdminId: '991001', conversationUrl },
  };
}
