// The background's side of `sidepanel.start`: the side panel asks once, when it opens and for each tab
// it follows, and gets together what it used to ask one message after another: the tab's customer
// (utils/sidepanel/tab-customer.ts), the workspace its page uses, `app.status` there, and what a warm
// open shows at once (the contact confirmed, the conversation list and the default conversation's
// thread read a moment ago; utils/compose/recipient-calls.ts `warmStart`). Nothing here asks Intercom
// that the panel would not have asked.
import { browser } from 'wxt/browser';
import type { CallReply, ConversationSummary, RecipientRef } from '../protocol';
import type { WarmStart } from './start-shapes';
import { toWireError, type CallContext, type Handlers } from '../router';
import { tabCustomer } from './tab-customer';
import { conversationDraftKey, draftKey, pendingDraftKey } from '../compose/draft-store';

export interface SidePanelStartDeps {
  /** The workspace a page uses (its address, the hint its rule or markup gives); as `workspace.forPage`. */
  pageWorkspace(page: { url?: string; hint?: string }): Promise<string | { unknown: string } | undefined>;
  status(context: CallContext): Promise<CallReply<'app.status'>>;
  /** From memory only; `pick` names the conversation the panel will choose first, if any. */
  warm(workspaceId: string | undefined, ref: RecipientRef, pick: (list: ConversationSummary[]) => string | undefined, lastParts: number): Promise<WarmStart>;
  /** The options' Default conversation. */
  defaultConversation(): Promise<'new' | 'latest_open' | undefined>;
}

export function sidePanelStart(deps: SidePanelStartDeps): Pick<Handlers, 'sidepanel.start'> {
  return {
    async 'sidepanel.start'({ tabId: asked, windowId, lastParts }) {
      const [front] = asked === null ? await browser.tabs.query({ active: true, ...(windowId !== undefined ? { windowId } : { lastFocusedWindow: true }) }) : [];
      const tabId = asked ?? front?.id ?? null;
      const [{ waiting, recipient }, tab, defaultConversation] = await Promise.all([
        tabCustomer(tabId),
        front ?? (tabId === null ? null : browser.tabs.get(tabId).catch(() => null)),
        deps.defaultConversation(),
      ]);
      if (!recipient) return { tabId, recipient: null, workspaceId: null, unknown: null, status: null, warm: null, drafts: {} };
      // The notification names its workspace; a tab's page is matched as for the popup's People on this page.
      const found = waiting ? waiting.workspaceId : await deps.pageWorkspace({ url: (tab?.url ?? '').slice(0, 4096), ...(recipient.workspace ? { hint: recipient.workspace } : {}) });
      const workspaceId = typeof found === 'string' ? found : null;
      const unknown = typeof found === 'object' ? found.unknown : null;
      const context: CallContext = workspaceId ? { workspaceId } : unknown ? { unknownWorkspace: unknown } : {};
      // The panel's first choice (components/useConversation.ts): the notification's conversation, else the options' default.
      const pick = (list: ConversationSummary[]) => waiting?.conversationId ?? (defaultConversation === 'latest_open' ? list.find((c) => c.state === 'open')?.id : undefined);
      const [status, warm] = await Promise.all([
        deps.status(context).then(
          (data) => ({ ok: true as const, data }),
          (error: unknown) => ({ ok: false as const, error: toWireError(error) }),
        ),
        unknown ? null : deps.warm(workspaceId ?? undefined, recipient.ref, pick, lastParts).catch(() => null),
      ]);
      const drafts = await storedDrafts(recipient.ref, status.ok ? status.data.workspace?.id : undefined, warm?.conversations ? pick(warm.conversations) : undefined);
      return { tabId, recipient, ...(waiting ? { conversationId: waiting.conversationId } : {}), workspaceId, unknown, status, warm, ...(defaultConversation ? { defaultConversation } : {}), drafts };
    },
  };
}

/** The drafts the panel loads first (components/useDraft.ts, useConversation.ts `choose`), read here in one go. */
async function storedDrafts(ref: RecipientRef, workspaceCode: string | undefined, conversationId: string | undefined): Promise<Record<string, unknown>> {
  const base = workspaceCode ? draftKey(workspaceCode, ref) : null;
  const keys = [pendingDraftKey(ref), ...(base ? [base] : []), ...(base && conversationId ? [conversationDraftKey(base, conversationId)] : [])];
  const stored: Record<string, unknown> | null = await browser.storage.local.get(keys).catch(() => null);
  // Every key answered (null: no draft there), so the panel asks storage for none of them again.
  return stored ? Object.fromEntries(keys.map((key) => [key, stored[key] ?? null])) : {};
}
