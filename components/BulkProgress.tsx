// A running (or finished) bulk send: the progress bar with sent, skipped, failed and left and the
// time left; Pause, Resume, Cancel; one row per recipient with its state, reason and conversation
// link; "Export results" as CSV. Polls the background, which owns the job: closing this page
// changes nothing about the sending.
import { useEffect, useState } from 'preact/hooks';
import { errorWords, t, type MessageKey } from '@/utils/i18n';
import { callBackground } from '@/utils/messaging';
import type { BulkRow, CallReply } from '@/utils/protocol';
import { resultsCsv } from '@/utils/bulk/results-csv';

type Status = CallReply<'bulk.status'>;

/** A poll's answer over what the page had: all rows, or the changed ones merged in. */
function merge(before: Status | null, now: Status): Status {
  if (now.complete || !before) return now;
  const rows = [...before.rows];
  for (const row of now.rows) rows[row.i] = row;
  return { ...now, rows };
}
const POLL_MS = 500;
const OWN_REASONS = new Set(['not_found', 'unsubscribed', 'ambiguous', 'missing_placeholder', 'duplicate', 'sent_twice']);

/** A recipient's reason in words: the lookup's own, "may have been sent", or the error's message. */
export function reasonText(row: Pick<BulkRow, 'reason' | 'followUpError'>): string {
  // Sent, and something else to know: sent twice, the follow-up failed, or both.
  const afterSent = [row.reason === 'sent_twice' ? t('bulkReason_sent_twice') : '', row.followUpError ? t('panelFollowUpFailed', errorWords(row.followUpError)) : ''].filter(Boolean);
  if (afterSent.length) return afterSent.join(' · ');
  if (!row.reason) return '';
  if (OWN_REASONS.has(row.reason)) return t(`bulkReason_${row.reason}` as MessageKey);
  if (row.reason === 'maybe_sent') return t('bulkState_maybe_sent');
  return t(`error_${row.reason}` as MessageKey);
}

export const rowLabel = (row: BulkRow) => {
  const contact = row.contacts.length === 1 ? row.contacts[0]! : null;
  return contact?.name ? `${contact.name} <${contact.email ?? row.ref.value}>` : (contact?.email ?? row.ref.value);
};

const duration = (ms: number) => (ms < 90_000 ? t('bulkSeconds', String(Math.max(1, Math.round(ms / 1000)))) : t('bulkMinutes', String(Math.round(ms / 60_000))));

export function BulkProgress({ jobId, workspaceId }: { jobId: string; workspaceId: string | null }) {
  const [status, setStatus] = useState<Status | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last: Status | null = null;
    const tick = async () => {
      const reply = await callBackground('bulk.status', { jobId, ...(last?.version ? { since: last.version } : {}) }, workspaceId);
      if (!live) return;
      if (reply.ok) setStatus((last = merge(last, reply.data)));
      else setError(`${reply.error.message} ${reply.error.action}`);
      // An ended job is still asked about once more: whether a message reached Intercom twice.
      const settled = reply.ok && (reply.data.state === 'done' || reply.data.state === 'cancelled') && !reply.data.copiesPending;
      if (!settled) timer = setTimeout(() => void tick(), POLL_MS);
    };
    void tick();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [jobId, status?.state === 'paused' || status?.state === 'done' || status?.state === 'cancelled']);

  async function control(action: 'pause' | 'resume' | 'cancel' | 'resend') {
    setBusy(true);
    const reply = await callBackground('bulk.control', { jobId, action }, workspaceId);
    setBusy(false);
    if (!reply.ok) return setError(`${reply.error.message} ${reply.error.action}`);
    const now = await callBackground('bulk.status', { jobId }, workspaceId);
    setStatus((s) => (now.ok ? now.data : s ? { ...s, state: reply.data.state } : s));
  }

  function exportResults() {
    if (!status) return;
    const url = URL.createObjectURL(new Blob([resultsCsv(status.rows, reasonText)], { type: 'text/csv' }));
    const link = Object.assign(document.createElement('a'), { href: url, download: `hailer-bulk-${jobId}.csv` });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  if (!status) return error ? <p class="error" role="alert">{error}</p> : null;
  const { counts } = status;
  const total = status.total;
  const failed = counts.failed + counts.maybeSent;
  return (
    <section aria-labelledby="bulk-progress-heading">
      <h2 id="bulk-progress-heading">{t(`bulkJobState_${status.state}`)}</h2>
      <progress aria-label={t('bulkProgressLabel')} max={total || 1} value={total - counts.left} />
      <p class="counts" data-sent={counts.sent} data-skipped={counts.skipped} data-failed={failed} data-left={counts.left}>
        {t('bulkProgress', [String(counts.sent), String(counts.skipped), String(failed), String(counts.left)])}
        {status.state === 'running' && status.timeLeftMs !== null && counts.left > 0 && ` · ${t('bulkTimeLeft', duration(status.timeLeftMs))}`}
      </p>
      {error && <p class="error" role="alert">{error}</p>}
      {status.state === 'paused' && status.pausedBy && (
        <p class="problem" role="alert">
          {t('bulkPausedBy', errorWords(status.pausedBy))}
        </p>
      )}
      <div class="row">
        {status.state === 'running' && <button type="button" disabled={busy} onClick={() => void control('pause')}>{t('bulkPause')}</button>}
        {status.state === 'paused' && <button type="button" disabled={busy} onClick={() => void control('resume')}>{t('bulkResume')}</button>}
        {(status.state === 'running' || status.state === 'paused') && <button type="button" disabled={busy} onClick={() => void control('cancel')}>{t('bulkCancel')}</button>}
        <button type="button" onClick={exportResults}>{t('bulkExport')}</button>
      </div>
      {status.copies > 0 && (
        <p class="problem" role="alert">
          {t('bulkCopies', String(status.copies))}
        </p>
      )}
      {counts.maybeSent > 0 && status.state !== 'running' && (
        <div class="problem" role="alert">
          <p>{t('bulkUnsure', String(counts.maybeSent))}</p>
          <button type="button" disabled={busy} onClick={() => void control('resend')}>
            {t('bulkResend', String(counts.maybeSent))}
          </button>
        </div>
      )}
      <div class="results">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('bulkColRecipient')}</th>
              <th scope="col">{t('bulkColState')}</th>
              <th scope="col">{t('bulkColReason')}</th>
              <th scope="col">{t('bulkColConversation')}</th>
            </tr>
          </thead>
          <tbody>
            {status.rows.map((row) => (
              <tr key={row.i} data-state={row.state}>
                <td>{rowLabel(row)}</td>
                <td>{t(`bulkState_${row.state}`)}</td>
                <td>{reasonText(row)}</td>
                <td>
                  {row.conversationUrl && (
                    <a href={row.conversationUrl} target="_blank" rel="noopener">
                      {t('bulkOpen')}
                    </a>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
