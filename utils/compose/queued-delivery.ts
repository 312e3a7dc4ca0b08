// How the background sends a queued entry that no page waits for (its time came, or the worker or
// browser restarted inside its window): through the same send as the panel, with history; the
// agent hears about it by a notification. A scheduled send first checks whether the customer wrote
// since it was scheduled; then it is not sent. Passing failures (offline, rate limited) are tried
// again later, from the queue.
import { browser } from 'wxt/browser';
import type { SendResult } from '../protocol';
import { addHistory } from './history';
import { draftIdOf, type StoredDraft } from './draft-store';
import { t } from '../i18n';
import { toWireError } from '../router';
import { customerWroteSince, type CustomerWroteApi } from './customer-wrote';
import type { Deliver, QueuedSend } from './queue';
import { notify } from '../notify';

const RETRY_LATER = new Set(['offline', 'rate_limited']);
const MAX_ATTEMPTS = 5;

export interface QueuedDeliveryDeps {
  /** The Intercom client of the entry's workspace (throws `not_configured` without a token). */
  api(entry: QueuedSend): Promise<CustomerWroteApi>;
  /** The background's own send of a draft (outbox, history), with no page waiting. */
  send(entry: QueuedSend): Promise<SendResult>;
  /** The notification id whose click opens this conversation. */
  sentNotificationId(conversationUrl: string): string;
}

export function queuedDelivery(deps: QueuedDeliveryDeps): Deliver {
  return async (entry) => {
    try {
      if (entry.kind === 'scheduled' && entry.contactId) {
        const since = { contactId: entry.contactId, sinceMs: entry.queuedAt, ...(entry.conversationId ? { conversationId: entry.conversationId } : {}) };
        if (await customerWroteSince(await deps.api(entry), since)) {
          const at = Math.floor(Date.now() / 1000);
          void addHistory({ ...(entry.workspaceId ? { workspaceId: entry.workspaceId } : {}), at, to: entry.to, ref: entry.recipient, channel: entry.draft.channel, status: 'failed', error: 'cancelled', draft: entry.draft });
          await notify(`hailer-queued-${entry.id}`, t('queuedCustomerWroteTitle', entry.to), t('queuedCustomerWroteMessage'));
          return;
        }
      }
      const result = await deps.send(entry);
      await forgetSentDraft(entry.id);
      await notify(deps.sentNotificationId(result.conversationUrl), t('queuedSentTitle', entry.to), t('queuedSentMessage'));
    } catch (error) {
      const wire = toWireError(error);
      const attempts = (entry.attempts ?? 0) + 1;
      if (RETRY_LATER.has(wire.code) && attempts < MAX_ATTEMPTS) return Math.max(wire.retryAt ?? 0, Date.now() + 60_000 * attempts);
      await notify(`hailer-queued-${entry.id}`, t('queuedFailedTitle', entry.to), `${wire.message} ${wire.action}`);
    }
  };
}

/**
 * The panel clears a draft once its send is confirmed; a send the queue finished on its own (the
 * panel was gone: a restart, a stopped worker) must do it too. Otherwise the panel would reopen the
 * sent text with the same draft id, and a new message written there would be taken for this send
 * and never go out.
 */
async function forgetSentDraft(draftId: string): Promise<void> {
  const all = await browser.storage.local.get(null);
  const sent = Object.entries(all)
    .filter(([key, value]) => key.startsWith('draft:v1:') && typeof (value as StoredDraft)?.nonce === 'string' && draftIdOf(key, value as StoredDraft) === draftId)
    .map(([key]) => key);
  if (sent.length) await browser.storage.local.remove(sent);
}
