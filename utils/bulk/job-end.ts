// A bulk job's end as the agent hears of it: one history entry for the whole job (with its counts),
// not one per recipient, and a notification when no bulk page is open to show the end.
import { t } from '../i18n';
import { addHistory } from '../compose/history';
import { countsOf } from './progress';
import { notifyUnlessPageOpen } from './bulk-page';
import { updateJob, type BulkJob, type BulkRecipient } from './job-store';

export async function recordJobEnd(job: BulkJob, recipients: BulkRecipient[]): Promise<void> {
  if (job.recorded) return;
  const counts = countsOf(recipients);
  await addHistory({
    workspaceId: job.workspaceId,
    at: Math.floor(Date.now() / 1000),
    to: t('bulkHistoryTo', String(job.total)),
    ref: recipients[0]?.ref ?? { kind: 'email', value: 'nobody@invalid.test' },
    channel: job.draft?.channel ?? 'in_app',
    status: counts.sent > 0 || counts.failed + counts.maybeSent === 0 ? 'sent' : 'failed',
    kind: 'bulk',
    bulk: { total: job.total, sent: counts.sent, skipped: counts.skipped, failed: counts.failed + counts.maybeSent, cancelled: counts.cancelled },
  });
  await updateJob(job.id, { recorded: true });
  await notifyUnlessPageOpen(`hailer-bulk-${job.id}`, t('bulkDoneTitle', String(counts.sent)), t('bulkDoneMessage', [String(counts.skipped), String(counts.failed + counts.maybeSent)]));
}
