// Runs a bulk send's job in the background: every recipient still to do goes out through the send
// flow of utils/compose/send.ts with the bulk outbox (draft id `bulk:<job>:<index>`), so a recipient
// whose message may already be out (a stopped worker, a browser restart, a timeout, a 5xx) is first
// reconciled with Intercom and never sent twice. Paced by utils/bulk/pacer.ts; a 429 puts the
// recipient back and waits for the reset. Pause and Cancel stop what has not started. An alarm wakes
// the worker while a job runs, and the background's start resumes any running job.
import { browser } from 'wxt/browser';
import type { BulkReason, Draft } from '../protocol';
import { HailerError, isHailerError, type ErrorCode } from '../errors';
import { errorWords, t } from '../i18n';
import { sendDraft } from '../compose/send';
import { bulkOutbox } from '../compose/outbox';
import { connectedWorkspace, type Session } from '../intercom/workspace-session';
import { conversationUrl, contactUrl, conversationsApi } from '../intercom';
import { inAppNamesItem, withInAppNameFallback, type InAppName } from '../intercom/message-type';
import { applyFollowUp } from '../compose/reply';
import { watchRate } from '../intercom/rate-limit';
import { createPacer } from './pacer';
import { personalize, personalizeSubject } from './personalize';
import { templateOf } from './plan';
import { checkJobCopies, COPIES_CHECK_DELAY_MS } from './copies';
import { recordJobEnd } from './job-end';
import { notifyUnlessPageOpen } from './bulk-page';
import { flushOutcomes, jobsItem, loadJob, loadRecipients, saveRecipient, saveRecipients, updateJob, type BulkJob, type BulkRecipient } from './job-store';

/**
 * Messages in flight at once: enough to hide the round trip, and below the browser's six connections
 * to one HTTP/1.1 host, so one is left for the agent's own sends and none waits unsent in the
 * browser's queue (a request that never left would come back from a restart as "may have been sent").
 */
export const BULK_CONCURRENCY = 5;
const ALARM = 'hailer-bulk';
/** Passing failures (offline, no answer to a lookup) are tried again this many times. */
const MAX_ATTEMPTS = 5;
const RETRY_LATER = new Set(['offline', 'rate_limited', 'not_configured']);
/**
 * Answers after which every other send of the job would fail the same way (the token was revoked,
 * or lacks a scope): the job pauses and says why, and the agent resumes it once connected again.
 */
const PAUSES_JOB = new Set<ErrorCode>(['token_rejected', 'forbidden']);
const RECONCILE_AGAIN_MS = 3_000;

export interface BulkWorkerDeps {
  intercom(workspaceId: string): Promise<Session>;
}

interface Running {
  /** The job's workspace, once its record is read. */
  workspaceId?: string;
  /** Set by Pause and Cancel: loops stop taking recipients. */
  stop: 'pause' | 'cancel' | null;
  /** The answer that paused the job by itself. */
  pausedBy?: ErrorCode;
  recipients: BulkRecipient[];
  /** When this run started and how many it had finished then, for the time left. */
  since: number;
  doneAtStart: number;
  finished: Promise<void>;
  /** Which recipients changed when (a counter of this run, named `epoch`): progress polls get only what changed. */
  epoch: string;
  revision: number;
  changed: Map<number, number>;
}

const DONE_STATES = new Set(['sent', 'skipped', 'failed', 'maybe_sent', 'cancelled']);

export function bulkWorker(deps: BulkWorkerDeps) {
  const running = new Map<string, Running>();

  /**
   * Runs a job until it is done, paused or cancelled; a second call while it runs joins the first.
   * `recipients`: the job's recipients as just stored (bulk.start has them), so they are not read again.
   */
  function run(jobId: string, recipients?: BulkRecipient[]): Promise<void> {
    const current = running.get(jobId);
    if (current) return current.finished;
    const state: Running = { stop: null, recipients: [], since: Date.now(), doneAtStart: 0, finished: Promise.resolve(), epoch: crypto.randomUUID(), revision: 0, changed: new Map() };
    running.set(jobId, state);
    state.finished = runJob(jobId, state, recipients).finally(() => running.delete(jobId));
    return state.finished;
  }

  async function runJob(jobId: string, run: Running, stored?: BulkRecipient[]): Promise<void> {
    const job = await loadJob(jobId);
    if (!job || job.state !== 'running' || !job.draft) return;
    run.workspaceId = job.workspaceId;
    await browser.alarms.create(ALARM, { periodInMinutes: 0.5 });
    run.recipients = stored ?? (await loadRecipients(job));
    run.doneAtStart = run.recipients.filter((r) => DONE_STATES.has(r.state)).length;
    const session = await deps.intercom(job.workspaceId);
    const ws = await connectedWorkspace(session);
    const pacer = createPacer({ concurrency: BULK_CONCURRENCY });
    const unwatch = watchRate(session.ws.id, (info) => pacer.observe(info));
    const draft = job.draft;
    const template = templateOf(draft);
    const context = { teammate: job.teammate ?? null, workspaceName: job.workspaceName ?? null };
    // The in-app name the workspace accepts, read once for the job: a storage read between the outbox
    // entry and the POST would widen the moment in which a cut leaves a message "may have been sent".
    let names: Promise<Record<string, InAppName>> | undefined;
    const namesOnce = { get: () => (names ??= inAppNamesItem.getValue()), set: (value: Record<string, InAppName>) => ((names = Promise.resolve(value)), inAppNamesItem.setValue(value)) };
    const api = { ...session.api, createMessage: withInAppNameFallback(session.api.createMessage, ws.id, namesOnce) };
    const conversations = conversationsApi(session.api);
    const sendContext = {
      api,
      workspaceId: session.ws.id,
      defaultAdminId: session.ws.sendAsAdminId ?? ws.adminId,
      conversationUrl: (id: string) => conversationUrl(session.appBaseUrl, ws.id, id),
      contactUrl: (id: string) => contactUrl(session.appBaseUrl, ws.id, id),
      outbox: bulkOutbox,
    };
    // Those a stopped run left mid-send are still pending here; their outbox entries make the send flow reconcile them.
    const todo = run.recipients.filter((r) => r.state === 'pending' || r.state === 'sending');

    async function sendOne(r: BulkRecipient): Promise<'done' | 'again'> {
      let contact = r.contacts[0];
      if (!contact && job!.createLeads && r.ref.kind === 'email') {
        contact = await session.api.createLead(r.ref.value);
        r.contacts = [contact];
      }
      if (!contact) return finish(r, 'skipped', 'not_found');
      // Shown as sending, not stored so: the bulk outbox entry, written before the POST, is what a
      // restart finds, and what stops a second send.
      r.state = 'sending';
      touch(r);
      const ctx = { ...context, contact };
      const message: Draft = {
        ...draft,
        body: personalize(template, ctx).body,
        bodyFormat: template.format,
        ...(draft.channel === 'email' ? { subject: personalizeSubject(draft.subject ?? '', ctx).body } : {}),
      };
      try {
        const request = { draftId: `bulk:${jobId}:${r.i}`, recipient: { kind: 'contact_id' as const, value: contact.id }, confirmed: contact, draft: message, ...(r.confirmResend ? { confirmResend: true } : {}) };
        const result = await sendDraft(request, sendContext);
        r.conversationUrl = result.conversationUrl;
        if (job!.followUp && result.conversationId) {
          const outcome = await applyFollowUp(conversations, result.conversationId, draft.fromAdminId ?? sendContext.defaultAdminId, job!.followUp);
          if (!outcome.ok) r.followUpError = outcome.code;
        }
        return finish(r, 'sent');
      } catch (error) {
        const code = isHailerError(error) ? error.code : 'unknown';
        if (PAUSES_JOB.has(code)) {
          run.stop ??= 'pause';
          run.pausedBy ??= code;
          return 'again';
        }
        if (code === 'rate_limited') {
          pacer.blockUntil((error as HailerError).retryAt ?? Date.now() + 10_000);
          return 'again';
        }
        if (RETRY_LATER.has(code) && (r.attempts = (r.attempts ?? 0) + 1) < MAX_ATTEMPTS) {
          pacer.blockUntil(Date.now() + 2_000 * r.attempts);
          return 'again';
        }
        if (code === 'maybe_sent') return finish(r, 'maybe_sent', 'maybe_sent');
        return finish(r, 'failed', code as BulkReason);
      }
    }

    // A recipient's outcome is written after its slot is freed: the outbox already holds it, and
    // the next message need not wait for this storage write. The run ends only once all are written.
    const writes: Promise<void>[] = [];
    function finish(r: BulkRecipient, to: BulkRecipient['state'], reason?: BulkReason): 'done' {
      r.state = to;
      if (reason) r.reason = reason;
      touch(r);
      writes.push(saveRecipient(jobId, r));
      return 'done';
    }
    function touch(r: BulkRecipient) {
      run.changed.set(r.i, ++run.revision);
    }

    try {
      await Promise.all(
        Array.from({ length: BULK_CONCURRENCY }, async () => {
          for (let r = todo.shift(); r; r = todo.shift()) {
            if (run.stop) return void todo.unshift(r);
            const outcome = await pacer.run(() => sendOne(r!));
            if (outcome === 'again') todo.unshift(r);
          }
        }),
      );
      // "May have been sent": Intercom may index a new conversation late; one more look before saying so.
      const unsure = run.recipients.filter((r) => r.state === 'maybe_sent');
      if (unsure.length && !run.stop) {
        await new Promise((resolve) => setTimeout(resolve, RECONCILE_AGAIN_MS));
        for (const r of unsure) await pacer.run(() => sendOne(r));
      }
    } finally {
      unwatch();
      void flushOutcomes().catch(() => {});
      await Promise.allSettled(writes);
    }
    if (run.stop === 'pause') {
      await updateJob(jobId, { state: 'paused', ...(run.pausedBy ? { pausedBy: run.pausedBy } : {}) });
      if (run.pausedBy) await notifyUnlessPageOpen(`hailer-bulk-${jobId}`, t('bulkPausedTitle'), t('bulkPausedBy', errorWords(run.pausedBy)));
      return;
    }
    if (run.stop === 'cancel') {
      // Nothing is in flight any more: one still marked sending was put back (a 429) and never went out.
      const left = run.recipients.filter((r) => r.state === 'pending' || r.state === 'sending');
      for (const r of left) {
        r.state = 'cancelled';
        run.changed.set(r.i, ++run.revision);
      }
      await saveRecipients(jobId, left);
    }
    await end(jobId, run.stop === 'cancel' ? 'cancelled' : 'done', run.recipients);
  }

  /** The job ended: its look for copies is due, its alarm goes with the last job, and its history is written (./job-end.ts). */
  async function end(jobId: string, state: 'done' | 'cancelled', recipients: BulkRecipient[]): Promise<void> {
    const sent = recipients.some((r) => r.state === 'sent');
    const job = await updateJob(jobId, { state, endedAt: Date.now(), ...(sent ? { copiesPending: true } : {}) });
    if (job?.copiesPending) lookForCopies(job);
    if (![...running.keys()].some((id) => id !== jobId)) await browser.alarms.clear(ALARM);
    if (job) await recordJobEnd(job, recipients);
  }

  /** Jobs whose look for copies is scheduled or under way in this worker: one look each, from its end. */
  const lookingForCopies = new Set<string>();
  function lookForCopies(job: BulkJob): void {
    if (lookingForCopies.has(job.id)) return;
    lookingForCopies.add(job.id);
    const look = () => checkJobCopies(job.id, async () => (await deps.intercom(job.workspaceId)).api).catch(() => {}).finally(() => lookingForCopies.delete(job.id));
    setTimeout(() => void look(), Math.max(0, (job.endedAt ?? 0) + COPIES_CHECK_DELAY_MS - Date.now()));
  }

  async function resumeAll(): Promise<void> {
    const all = Object.values(await jobsItem.getValue());
    const jobs = all.filter((j) => j.state === 'running');
    if (jobs.length === 0) await browser.alarms.clear(ALARM);
    for (const job of jobs) void run(job.id).catch(() => {});
    // A worker that stopped between a job's end and its look for copies looks, two seconds from the end as ever.
    for (const job of all) if (job.copiesPending && job.state !== 'running') lookForCopies(job);
  }

  return {
    run,
    /** The background started (install, browser start, worker restart) or an alarm rang: running jobs go on. */
    resumeAll,
    listen(): void {
      browser.alarms.onAlarm.addListener((alarm) => void (alarm.name === ALARM && resumeAll()));
    },
    /**
     * The workspace's token is about to go (cleared: pause, saying why; the workspace removed:
     * cancel). Its running jobs stop first, so none goes on sending with a token the agent took away.
     */
    async stopJobsOf(workspaceId: string, how: 'pause' | 'cancel'): Promise<void> {
      const live = [...running.values()].filter((r) => r.workspaceId === workspaceId);
      for (const r of live) {
        r.stop ??= how;
        if (how === 'pause') r.pausedBy ??= 'not_configured';
      }
      await Promise.allSettled(live.map((r) => r.finished));
    },
    /** The live recipients of a job this worker runs (fresher than storage), else undefined. */
    live(jobId: string): Running | undefined {
      return running.get(jobId);
    },
    async control(job: BulkJob, action: 'pause' | 'resume' | 'cancel' | 'resend'): Promise<BulkJob['state']> {
      const live = running.get(job.id);
      if (action === 'resend') {
        // The agent checked the "may have been sent" ones and sends them again, as a single send's
        // "Send again" does: Intercom is asked once more first, and what it has is never resent.
        if (job.state === 'running' || job.state === 'resolved') return job.state;
        await live?.finished;
        const recipients = await loadRecipients(job);
        const unsure = recipients.filter((r) => r.state === 'maybe_sent');
        for (const r of unsure) Object.assign(r, { state: 'pending', confirmResend: true, reason: undefined });
        await saveRecipients(job.id, unsure);
        await updateJob(job.id, { state: 'running' });
        void run(job.id).catch(() => {});
        return 'running';
      }
      if (action === 'resume') {
        if (job.state !== 'paused' && job.state !== 'running') return job.state;
        await live?.finished;
        await updateJob(job.id, { state: 'running', pausedBy: undefined });
        void run(job.id).catch(() => {});
        return 'running';
      }
      if (job.state !== 'running' && !(action === 'cancel' && job.state === 'paused')) return job.state;
      if (live) {
        live.stop = action;
        await live.finished;
        return action === 'pause' ? 'paused' : 'cancelled';
      }
      if (action === 'pause') return (await updateJob(job.id, { state: 'paused' }))?.state ?? job.state;
      const recipients = await loadRecipients(job);
      const left = recipients.filter((r) => r.state === 'pending');
      for (const r of left) r.state = 'cancelled';
      await saveRecipients(job.id, left);
      await end(job.id, 'cancelled', recipients);
      return 'cancelled';
    },
  };
}
