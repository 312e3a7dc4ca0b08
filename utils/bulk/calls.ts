// The background's handlers for the bulk page (protocol calls `bulk.resolve`, `bulk.start`,
// `bulk.status`, `bulk.control`), spread into background.ts's handlers. Resolving reads the
// Recipients box, leaves the team out, checks the batch cap and looks everyone up, 150 to a contact
// search, paced like the sends; the job then waits in storage for the agent's confirmation.
import type { Handlers } from '../router';
import type { AdminSummary, ContactSummary, RecipientRef } from '../protocol';
import { HailerError, isHailerError } from '../errors';
import { bulkCap, type Settings } from '../storage/settings';
import { connectedWorkspace, type Session } from '../intercom/workspace-session';
import { lookUpPeople, MAX_REFS_PER_SEARCH, refKey } from '../intercom/people';
import { watchRate } from '../intercom/rate-limit';
import { prepareMessage } from '../compose/outgoing-message';
import { bulkOutbox } from '../compose/outbox';
import { teamOf } from '../scan/background';
import { parseRecipients } from './recipients';
import { createPacer } from './pacer';
import { skipReason, templateOf } from './plan';
import { createJob, loadJob, loadRecipients, saveRecipients, updateJob, type BulkRecipient } from './job-store';
import { BULK_CONCURRENCY, bulkWorker } from './job';
import { countsOf, rowOf } from './progress';

export interface BulkCallDeps {
  intercom(workspaceId?: string | null): Promise<Session>;
  admins(workspaceId?: string): Promise<AdminSummary[]>;
  settings(): Promise<Settings>;
}

type BulkCalls = Pick<Handlers, 'bulk.resolve' | 'bulk.start' | 'bulk.status' | 'bulk.control'>;

export function bulkCalls(deps: BulkCallDeps): { handlers: BulkCalls; worker: ReturnType<typeof bulkWorker> } {
  const worker = bulkWorker({ intercom: (id) => deps.intercom(id) });
  // Jobs just resolved, kept while this worker lives: the answer need not wait for the storage
  // write (the agent reads the list meanwhile), and bulk.start need not read a thousand entries back.
  const justResolved = new Map<string, { stored: Promise<void>; recipients: BulkRecipient[] }>();

  const handlers: BulkCalls = {
    async 'bulk.resolve'({ text }, _sender, ctx) {
      const session = await deps.intercom(ctx?.workspaceId);
      const team = await teamOf(
        { api: async () => session.api, workspace: () => connectedWorkspace(session), admins: () => deps.admins(session.ws.id), settings: deps.settings },
        session.ws.id,
      );
      const parsed = parseRecipients(text, team);
      const cap = bulkCap(await deps.settings());
      const base = { column: parsed.column, dropped: parsed.dropped, given: parsed.recipients.length, cap };
      if (parsed.recipients.length > cap) return { ...base, jobId: null, rows: [] };

      // The bulk outbox is read while the agent reads the list, not before the first send.
      void bulkOutbox.preload().catch(() => {});
      const found = await lookUpAll(session, parsed.recipients);
      // One contact given twice (by email and by id) is one recipient.
      const seen = new Set<string>();
      const recipients: BulkRecipient[] = [];
      for (const ref of parsed.recipients) {
        const contacts = found.get(refKey(ref)) ?? [];
        if (contacts.length === 1 && seen.has(contacts[0]!.id)) {
          base.dropped.duplicate++;
          continue;
        }
        if (contacts.length === 1) seen.add(contacts[0]!.id);
        recipients.push({ i: recipients.length, ref, contacts: contacts.slice(0, 3), state: 'pending' });
      }
      const jobId = crypto.randomUUID().replaceAll('-', '');
      const stored = createJob({ id: jobId, workspaceId: session.ws.id, createdAt: Date.now(), state: 'resolved', total: recipients.length }, recipients);
      justResolved.set(jobId, { stored, recipients });
      stored.catch(() => justResolved.delete(jobId));
      if (justResolved.size > 3) justResolved.delete(justResolved.keys().next().value!);
      return { ...base, given: recipients.length, jobId, rows: recipients.map(rowOf) };
    },

    async 'bulk.start'({ jobId, draft, createLeads = false, followUp }) {
      const resolved = justResolved.get(jobId);
      justResolved.delete(jobId);
      await resolved?.stored.catch(() => {});
      const job = await loadJob(jobId);
      if (!job) throw new HailerError('bad_request', { detail: 'No such bulk send' });
      const recipients = job.state === 'resolved' && resolved ? resolved.recipients : await loadRecipients(job);
      // A second click on "Send to N people" starts nothing more.
      if (job.state !== 'resolved') return { toSend: recipients.filter((r) => r.state === 'pending' || r.state === 'sending' || r.state === 'sent').length };
      prepareMessage(draft); // refuse now what Intercom would refuse for everyone
      const session = await deps.intercom(job.workspaceId);
      const ws = await connectedWorkspace(session);
      const admins = await deps.admins(session.ws.id).catch(() => []);
      const adminId = draft.fromAdminId ?? session.ws.sendAsAdminId ?? ws.adminId;
      const admin = admins.find((a) => a.id === adminId);
      const teammate = admin ? { name: admin.name, email: admin.email } : { name: ws.adminName, email: ws.adminEmail };
      const options = { draft: { ...draft, subject: draft.subject ?? '' }, createLeads, context: { teammate, workspaceName: session.ws.name } };
      const template = templateOf(options.draft);
      for (const r of recipients) {
        const reason = skipReason({ contacts: r.contacts, isEmail: r.ref.kind === 'email' }, options, template);
        if (reason) Object.assign(r, { state: 'skipped', reason });
      }
      await saveRecipients(jobId, recipients.filter((r) => r.state === 'skipped'));
      await updateJob(jobId, { state: 'running', draft, createLeads, ...(followUp ? { followUp } : {}), teammate, workspaceName: session.ws.name, startedAt: Date.now() });
      void worker.run(jobId, recipients).catch(() => {});
      return { toSend: recipients.filter((r) => r.state === 'pending').length };
    },

    async 'bulk.status'({ jobId, since }) {
      const job = await loadJob(jobId);
      if (!job) throw new HailerError('bad_request', { detail: 'No such bulk send' });
      const live = worker.live(jobId);
      const recipients = live?.recipients.length ? live.recipients : await loadRecipients(job);
      const counts = countsOf(recipients);
      let timeLeftMs: number | null = null;
      if (live?.recipients.length && counts.left > 0) {
        const done = recipients.length - counts.left - live.doneAtStart;
        const elapsed = Date.now() - live.since;
        if (done > 0 && elapsed > 0) timeLeftMs = Math.round((elapsed / done) * counts.left);
      } else if (counts.left === 0) timeLeftMs = 0;
      // A poll of the same run gets only the recipients that changed since its last answer.
      const delta = !!live?.recipients.length && since?.epoch === live.epoch;
      const rows = delta ? recipients.filter((r) => (live!.changed.get(r.i) ?? 0) > since!.revision) : recipients;
      const version = live?.recipients.length ? { epoch: live.epoch, revision: live.revision } : null;
      return { jobId, state: job.state, pausedBy: job.state === 'paused' ? (job.pausedBy ?? null) : null, channel: job.draft?.channel ?? null, total: recipients.length, counts, timeLeftMs, complete: !delta, copiesPending: job.copiesPending === true, copies: job.copies ?? 0, version, rows: rows.map(rowOf) };
    },

    async 'bulk.control'({ jobId, action }) {
      const job = await loadJob(jobId);
      if (!job) throw new HailerError('bad_request', { detail: 'No such bulk send' });
      return { state: await worker.control(job, action) };
    },
  };

  return { handlers, worker };
}

/** Every reference looked up, 150 to a search (utils/intercom/people.ts), paced by the workspace's rate limit. */
async function lookUpAll(session: Session, refs: readonly RecipientRef[]): Promise<Map<string, ContactSummary[]>> {
  const pacer = createPacer({ concurrency: BULK_CONCURRENCY });
  const unwatch = watchRate(session.ws.id, (info) => pacer.observe(info));
  const found = new Map<string, ContactSummary[]>();
  try {
    const groups: RecipientRef[][] = [];
    for (let i = 0; i < refs.length; i += MAX_REFS_PER_SEARCH) groups.push(refs.slice(i, i + MAX_REFS_PER_SEARCH));
    await Promise.all(
      groups.map(async (group) => {
        for (let attempt = 0; ; attempt++) {
          try {
            const page = await pacer.run(() => lookUpPeople(session.api, group));
            for (const [key, contacts] of page) found.set(key, contacts);
            return;
          } catch (error) {
            if (!isHailerError(error) || error.code !== 'rate_limited' || attempt >= 5) throw error;
            pacer.blockUntil(error.retryAt ?? Date.now() + 10_000);
          }
        }
      }),
    );
  } finally {
    unwatch();
  }
  return found;
}
