// The background's single entry for runtime messages. Every message is checked, in this order:
// it is ours (envelope), it names a known call, the sender is our own extension, the sender may make
// this call (content scripts only `page` calls; token and settings calls only from extension pages),
// and the payload has the call's shape. Anything else gets a typed error reply, never a throw.
import type { Runtime } from 'webextension-polyfill';
import { z } from 'zod';
import { calls, Envelope, type CallName, type CallReply, type Reply, type WireError } from './protocol';
import { AFTER_UNREADABLE_ANSWER, HailerError, isHailerError } from './errors';
import { t, type MessageKey } from './i18n';

/** What a request says besides its payload: the workspace it is for (absent = the default). */
export interface CallContext {
  workspaceId?: string;
  /** The page names this workspace and Hailer has none such (only calls in REPORT_UNKNOWN_WORKSPACE run then). */
  unknownWorkspace?: string;
}

/**
 * Calls that may run when the page names a workspace that is not set up: `app.status` tells the panel
 * (so it can say so and offer the "Workspace" select); the others act on no workspace of the page's
 * (teaching, a queue entry that carries its own, the side panel's start that finds its tab's own). Every other call is refused (`workspace_unknown`),
 * never sent through the default instead; a call added later is refused until it is listed here.
 */
const REPORT_UNKNOWN_WORKSPACE: ReadonlySet<string> = new Set<CallName>([
  'app.status',
  'teach.propose',
  'teach.pending',
  'teach.save',
  'teach.finish',
  'teach.inTab',
  'message.cancel',
  'queue.sendNow',
  'queue.cancel',
  'queue.edit',
  'workspace.forPage',
  'workspace.remove',
  'sidepanel.open',
  'page.detected',
  'sidepanel.start',
]);

export type Handlers = {
  [N in CallName]: (payload: z.output<(typeof calls)[N]['request']>, sender: Runtime.MessageSender, context?: CallContext) => Promise<CallReply<N>>;
};

export interface RouterIdentity {
  /** Our extension id (runtime.id). */
  id: string;
  /** Our extension's origin with a trailing slash (runtime.getURL('/')). */
  origin: string;
  /**
   * The workspace a call that names none is for (utils/storage/page-workspace.ts): from its page's URL
   * (absent for extension pages) and the hint its rule or markup gave; undefined = the default.
   */
  pageWorkspace?(page: { url?: string; hint?: string }): Promise<string | { unknown: string } | undefined>;
}

export function createRouter(handlers: Handlers, self: RouterIdentity) {
  return async function route(message: unknown, sender: Runtime.MessageSender): Promise<Reply<CallName>> {
    try {
      const envelope = Envelope.safeParse(message);
      if (!envelope.success || !Object.hasOwn(calls, envelope.data.call)) throw new HailerError('bad_request');
      const name = envelope.data.call as CallName;
      const def = calls[name];
      if (sender.id !== self.id) throw new HailerError('not_allowed');
      const fromExtensionPage = typeof sender.url === 'string' && sender.url.startsWith(self.origin);
      if (def.audience === 'extension' && !fromExtensionPage) throw new HailerError('not_allowed');
      const payload = def.request.safeParse(envelope.data.payload);
      if (!payload.success) throw new HailerError('bad_request', { detail: describeIssues(payload.error) });
      const handler = handlers[name] as (p: unknown, s: Runtime.MessageSender, c: CallContext) => Promise<CallReply<CallName>>;
      const { workspaceId: named, workspaceHint: hint } = envelope.data;
      const page = { ...(!fromExtensionPage && sender.url ? { url: sender.url } : {}), ...(hint ? { hint } : {}) };
      const workspace = named ?? (page.url || page.hint ? await self.pageWorkspace?.(page) : undefined);
      if (typeof workspace === 'object' && !REPORT_UNKNOWN_WORKSPACE.has(name)) {
        throw new HailerError('workspace_unknown', { detail: t('workspaceAsked', workspace.unknown) });
      }
      const context: CallContext = typeof workspace === 'object' ? { unknownWorkspace: workspace.unknown } : workspace ? { workspaceId: workspace } : {};
      return { ok: true, data: await handler(payload.data, sender, context) };
    } catch (error) {
      return { ok: false, error: toWireError(error) };
    }
  };
}

/** Field paths and problems only: never the values, which may be a token or a message. */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.code}`)
    .join('; ');
}

export function toWireError(error: unknown): WireError {
  const e = isHailerError(error) ? error : new HailerError('unknown');
  const retryAt = e.retryAt;
  const action =
    e.code === 'rate_limited'
      ? t('error_rate_limited_action', new Date(retryAt ?? Date.now()).toLocaleTimeString())
      : t(`error_${e.code}_action` as MessageKey);
  // A maybe_sent after an answer Hailer could not read says so, not that Intercom went silent.
  const afterUnreadable = e.code === 'maybe_sent' && !!e.detail?.startsWith(AFTER_UNREADABLE_ANSWER);
  return {
    code: e.code,
    message: t(afterUnreadable ? 'error_maybe_sent_unreadable' : (`error_${e.code}` as MessageKey)),
    action,
    ...(e.detail ? { detail: e.detail } : {}),
    ...(retryAt ? { retryAt } : {}),
    ...(e.requestId ? { requestId: e.requestId } : {}),
  };
}
