// The bulk page: the Recipients box (pasted, from a CSV file, or the popup's selection), who
// Intercom knows of them, the message composed once with the panel's editor (channel, subject,
// sender, formatting, macros, placeholders filled per recipient), a preview for the first three,
// who has no value for a placeholder, and the one confirmation, "Send to N people". Then the job's
// progress (components/BulkProgress.tsx). The background looks up and sends; this page only asks.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import { callBackground } from '@/utils/messaging';
import type { CallReply } from '@/utils/protocol';
import { emptyDraft, type StoredDraft } from '@/utils/compose/draft-store';
import { personalize } from '@/utils/bulk/personalize';
import { missingFor, skipReason, templateOf, type PlanOptions } from '@/utils/bulk/plan';
import { MessageEditor, type Placeholders } from './MessageEditor';
import { ChannelFields } from './RecipientBlock';
import { RenderedHtml } from './RenderedHtml';
import { BulkProgress, reasonText, rowLabel } from './BulkProgress';
import { SenderSelect } from './SenderSelect';
import { FollowUpSelect, toFollowUp, useTeams, type FollowUpChoice } from './FollowUp';

type Resolved = CallReply<'bulk.resolve'>;
type AppStatus = CallReply<'app.status'>;

export function BulkPage({ recipients, workspaceId, jobId: reopened }: { recipients: string; workspaceId: string | null; jobId: string | null }) {
  const [app, setApp] = useState<AppStatus | null>(null);
  const [text, setText] = useState(recipients);
  const [resolved, setResolved] = useState<Resolved | null>(null);
  const [looking, setLooking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [draft, setDraft] = useState<StoredDraft>(emptyDraft);
  const [createLeads, setCreateLeads] = useState(false);
  const [placeholders, setPlaceholders] = useState<Placeholders>({ missing: [], unknown: [] });
  const [jobId, setJobId] = useState<string | null>(reopened);
  const [starting, setStarting] = useState(false);
  const [followUp, setFollowUp] = useState<FollowUpChoice>('');
  const teams = useTeams();
  const bodyField = useRef<HTMLTextAreaElement | null>(null);

  useEffect(() => {
    void callBackground('app.status', {}, workspaceId).then((r) => (r.ok ? setApp(r.data) : setError(`${r.error.message} ${r.error.action}`)));
    // The popup's selection is looked up at once.
    if (recipients && !reopened) void lookUp(recipients);
  }, []);

  async function lookUp(value = text) {
    setLooking(true);
    setError(null);
    const reply = await callBackground('bulk.resolve', { text: value }, workspaceId);
    setLooking(false);
    if (reply.ok) setResolved(reply.data);
    else setError(`${reply.error.message} ${reply.error.action}`);
  }

  const plainByDefault = draft.channel === 'email' && draft.template === 'plain';
  const format: 'html' | 'text' = plainByDefault && draft.bodyFormat !== 'html' ? 'text' : 'html';
  const admins = app?.admins ?? [];
  const teammate = admins.find((a) => a.id === (draft.fromAdminId ?? app?.defaultAdminId)) ?? null;
  const workspaceName = app?.workspace?.name ?? app?.workspaces?.current?.name ?? '';
  const options: PlanOptions = { draft: { ...draft, bodyFormat: format }, createLeads, context: { teammate, workspaceName } };
  const template = useMemo(() => templateOf(options.draft), [draft.body, format]);
  const rows = resolved?.rows ?? [];
  const plan = rows.map((row) => ({ row, reason: skipReason({ contacts: row.contacts, isEmail: row.ref.kind === 'email' }, options, template) }));
  const toSend = plan.filter((p) => !p.reason);
  const missing = plan.filter((p) => p.reason === 'missing_placeholder');
  const firstContact = toSend.find((p) => p.row.contacts.length === 1)?.row.contacts[0] ?? null;

  async function start() {
    if (!resolved?.jobId || starting) return;
    setStarting(true);
    const outgoing = { channel: draft.channel, subject: draft.subject, template: draft.template, body: draft.body, bodyFormat: format, ...(draft.fromAdminId ? { fromAdminId: draft.fromAdminId } : {}) };
    const chosen = toFollowUp(followUp);
    const reply = await callBackground('bulk.start', { jobId: resolved.jobId, draft: outgoing, createLeads, ...(chosen ? { followUp: chosen } : {}) }, workspaceId);
    setStarting(false);
    if (!reply.ok) return setError(`${reply.error.message} ${reply.error.action}`);
    // The job's address: a reload or a reopened tab shows its progress again.
    history.replaceState(null, '', `#job=${resolved.jobId}${workspaceId ? `&workspace=${encodeURIComponent(workspaceId)}` : ''}`);
    setJobId(resolved.jobId);
  }

  if (jobId) {
    return (
      <main>
        <h1>{t('bulkTitle')}</h1>
        <BulkProgress jobId={jobId} workspaceId={workspaceId} />
      </main>
    );
  }

  const edit = (patch: Partial<StoredDraft>) => setDraft((d) => ({ ...d, ...patch }));
  return (
    <main>
      <h1>{t('bulkTitle')}</h1>
      <section aria-labelledby="bulk-recipients-heading">
        <h2 id="bulk-recipients-heading">{t('bulkRecipients')}</h2>
        <label for="bulk-recipients">{t('bulkRecipients')}</label>
        <textarea id="bulk-recipients" rows={6} value={text} aria-describedby="bulk-recipients-hint" onInput={(e) => setText(e.currentTarget.value)} />
        <p id="bulk-recipients-hint" class="hint">
          {t('bulkRecipientsHint')}
        </p>
        <div class="row">
          <label>
            {t('bulkCsvFile')}{' '}
            <input
              type="file"
              accept=".csv,.txt,text/csv,text/plain"
              onChange={async (e) => {
                const file = e.currentTarget.files?.[0];
                if (file) setText(await file.text());
              }}
            />
          </label>
          <button type="button" disabled={looking || !text.trim()} onClick={() => void lookUp()}>
            {t('bulkLookUp')}
          </button>
        </div>
        {looking && <p class="hint" role="status">{t('bulkLookingUp')}</p>}
        {error && <p class="error" role="alert">{error}</p>}
        {resolved && (
          <div role="status">
            {resolved.column && <p class="hint">{t('bulkColumn', resolved.column)}</p>}
            <p class="hint">{t('bulkDropped', [String(resolved.dropped.duplicate), String(resolved.dropped.team), String(resolved.dropped.malformed)])}</p>
            {!resolved.jobId && <p class="error">{t('bulkOverCap', [String(resolved.given), String(resolved.cap)])}</p>}
          </div>
        )}
        {rows.length > 0 && (
          <div class="results">
            <table aria-label={t('bulkRecipients')}>
              <tbody>
                {plan.map(({ row, reason }) => (
                  <tr key={row.i} data-reason={reason ?? 'found'}>
                    <td>{rowLabel(row)}</td>
                    <td>{reason ? reasonText({ reason }) : t('bulkFound')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {resolved?.jobId && (
        <section class="hailer-panel" aria-labelledby="bulk-compose-heading">
          <h2 id="bulk-compose-heading">{t('panelMessage')}</h2>
          <ChannelFields draft={draft} edit={edit} />
          <MessageEditor
            draft={draft}
            edit={edit}
            format={format}
            plainByDefault={plainByDefault}
            macroContext={{ contact: firstContact, teammate, workspaceName }}
            placeholders={placeholders}
            setPlaceholders={setPlaceholders}
            bodyField={bodyField}
            workspaceCode={app?.workspace?.id ?? null}
          />
          <SenderSelect admins={admins} value={draft.fromAdminId ?? app?.defaultAdminId ?? ''} onChange={(fromAdminId) => edit({ fromAdminId })} />
          <FollowUpSelect value={followUp} onChange={setFollowUp} teams={teams} />
          {rows.some((r) => r.contacts.length === 0 && r.ref.kind === 'email') && (
            <label>
              <input type="checkbox" checked={createLeads} onChange={(e) => setCreateLeads(e.currentTarget.checked)} /> {t('bulkCreateLeads')}
            </label>
          )}

          {draft.body.trim() && toSend.length > 0 && (
            <section aria-labelledby="bulk-preview-heading">
              <h2 id="bulk-preview-heading">{t('bulkPreviewHeading')}</h2>
              {toSend.slice(0, 3).map(({ row }) => {
                const body = personalize(template, { ...options.context, contact: row.contacts[0] ?? null }).body;
                return (
                  <div class="preview" key={row.i} aria-label={rowLabel(row)}>
                    <p class="hint">{rowLabel(row)}</p>
                    {template.format === 'html' ? <RenderedHtml html={body} /> : <p style="white-space: pre-wrap">{body}</p>}
                  </div>
                );
              })}
            </section>
          )}
          {draft.body.trim() && missing.length > 0 && (
            <section aria-labelledby="bulk-missing-heading">
              <h2 id="bulk-missing-heading">{t('bulkMissingHeading', String(missing.length))}</h2>
              <ul>
                {missing.map(({ row }) => (
                  <li key={row.i}>
                    {rowLabel(row)}: {missingFor(row.contacts[0] ?? null, options, template).join(', ')}
                  </li>
                ))}
              </ul>
            </section>
          )}

          {toSend.length > 0 ? (
            <div class="actions">
              <p class="confirm" id="bulk-confirm">
                {t('bulkConfirm', [String(toSend.length), workspaceName, draft.channel === 'email' ? t('bulkByEmail') : t('bulkByInApp')])}
              </p>
              <button type="button" class="send" aria-describedby="bulk-confirm" disabled={starting || !draft.body.trim()} onClick={() => void start()}>
                {t('bulkSendTo', String(toSend.length))}
              </button>
            </div>
          ) : (
            <p class="hint">{t('bulkNone')}</p>
          )}
        </section>
      )}
    </main>
  );
}
