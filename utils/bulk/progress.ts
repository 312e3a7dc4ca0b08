// What the bulk page is shown of a job's recipients: the counts of its progress bar and one row each.
import type { BulkCounts, BulkRow } from '../protocol';
import type { BulkRecipient } from './job-store';

export function countsOf(recipients: readonly BulkRecipient[]): BulkCounts {
  const counts = { sent: 0, skipped: 0, failed: 0, maybeSent: 0, cancelled: 0, left: 0 };
  for (const r of recipients) {
    if (r.state === 'sent') counts.sent++;
    else if (r.state === 'skipped') counts.skipped++;
    else if (r.state === 'failed') counts.failed++;
    else if (r.state === 'maybe_sent') counts.maybeSent++;
    else if (r.state === 'cancelled') counts.cancelled++;
    else counts.left++;
  }
  return counts;
}

export const rowOf = (r: BulkRecipient): BulkRow => ({
  i: r.i,
  ref: r.ref,
  contacts: r.contacts.slice(0, 3),
  state: r.state,
  ...(r.reason ? { reason: r.reason } : {}),
  ...(r.conversationUrl ? { conversationUrl: r.conversationUrl } : {}),
  ...(r.followUpError ? { followUpError: r.followUpError } : {}),
});
