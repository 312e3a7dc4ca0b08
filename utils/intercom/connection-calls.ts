// The background's handlers for a workspace's connection to Intercom (protocol calls `token.set`,
// `token.clear`, `token.status`, `connection.test`, `connection.find`, `workspace.remove`), spread
// into background.ts's handlers. The token goes into the vault here and never comes back out: a
// status says only whether one is set.
import type { Handlers } from '../router';
import { HailerError } from '../errors';
import { clearToken, setToken, tokenStatus } from '../storage/vault';
import { UnknownWorkspaceError, updateWorkspace } from '../storage/workspaces';
import { removeWorkspaceAndData } from '../storage/remove-workspace';
import { forgetAdmins, forgetConnected, forgetWorkspaceState, rememberMe, resolveWorkspace, type ConnectedWorkspace } from './workspace-session';
import { acceptedAt, findRegion, type Accepted } from './find-region';
import { endpointsFor } from './regions';

export interface ConnectionCallDeps {
  /** GET /me of that workspace (kept on its record). */
  workspace(workspaceId?: string | null): Promise<ConnectedWorkspace>;
  requestTimeoutMs: number;
  /** Before the workspace's token goes: its running bulk jobs pause (token cleared) or are cancelled (workspace removed). */
  stopBulkJobs(workspaceId: string, how: 'pause' | 'cancel'): Promise<void>;
}

type ConnectionCalls = Pick<Handlers, 'token.set' | 'token.clear' | 'token.status' | 'connection.test' | 'connection.find' | 'workspace.remove'>;

const connectedAs = (ws: ConnectedWorkspace) => ({
  admin: { id: ws.adminId, name: ws.adminName, email: ws.adminEmail },
  workspace: { id: ws.id, name: ws.name, region: ws.region },
});

export function connectionCalls(deps: ConnectionCallDeps): ConnectionCalls {
  return {
    async 'token.set'({ token }, _sender, ctx) {
      const ws = await resolveWorkspace(ctx?.workspaceId);
      await setToken(ws.id, token);
      await forgetConnected(ws.id);
      return {};
    },

    async 'token.clear'(_, _sender, ctx) {
      const ws = await resolveWorkspace(ctx?.workspaceId);
      await deps.stopBulkJobs(ws.id, 'pause');
      await clearToken(ws.id);
      await forgetConnected(ws.id);
      return {};
    },

    async 'token.status'(_, _sender, ctx) {
      return tokenStatus((await resolveWorkspace(ctx?.workspaceId)).id);
    },

    async 'connection.test'(_, _sender, ctx) {
      const target = await resolveWorkspace(ctx?.workspaceId);
      await forgetConnected(target.id);
      return connectedAs(await deps.workspace(target.id));
    },

    async 'connection.find'({ token }, _sender, ctx) {
      const target = await resolveWorkspace(ctx?.workspaceId);
      const options = { timeoutMs: deps.requestTimeoutMs };
      // The administrator's policy owns a managed workspace's address: the token is checked there only.
      let found: Accepted;
      if (target.managed) found = await acceptedAt(token, endpointsFor(target), options);
      else {
        const hosted = await findRegion(token, options);
        await updateWorkspace(target.id, { region: hosted.region });
        found = hosted;
      }
      await setToken(target.id, token);
      await forgetConnected(target.id);
      return connectedAs(await rememberMe(target.id, found.me, found.endpoints.apiBaseUrl));
    },

    async 'workspace.remove'({ workspaceId }) {
      await deps.stopBulkJobs(workspaceId, 'cancel');
      await removeWorkspaceAndData(workspaceId).catch((error: unknown) => {
        throw error instanceof UnknownWorkspaceError ? new HailerError('workspace_unknown') : error;
      });
      forgetAdmins(workspaceId);
      forgetWorkspaceState();
      return { removed: true };
    },
  };
}
