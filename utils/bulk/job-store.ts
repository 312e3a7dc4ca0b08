// A bulk send kept in extension storage: the job (`bulkJobs`, a small record of jobs) and one storage
// key per recipient (`bulk:<job id>:<index>`), so recording one recipient's outcome writes that
// recipient only. The background is the only writer and keeps a running job in memory; pages read
// progress through `bulk.status`.
import { browser } from 'wxt/browser';
import { storage } from '@wxt-dev/storage';
import { batchedWrites } from '../storage/batched-writes';
import type { ContactSummary, Draft, FollowUp, RecipientRef } from '../protocol';
import type { ErrorCode } from '../errors';
import type { BulkReason, BulkRecipientState } from '../protocol-shapes';

export interface BulkJob {
  id: string;
  /** The Hailer workspace every message of the job goes out through. */
  workspaceId: string;
  createdAt: number;
  /** `resolved`: looked up, waiting for the agent to confirm; `running` until every recipient is done. */
  state: 'resolved' | 'running' | 'paused' | 'cancelled' | 'done';
  total: number;
  /** Set when the agent confirms. */
  draft?: Draft;
  createLeads?: boolean;
  /** Applied to each new conversation once its message is sent. */
  followUp?: FollowUp;
  /** Who sends (`teammate.*` placeholders) and the workspace's name (`app.name`), fixed at the start. */
  teammate?: { name: string; email: string | null };
  workspaceName?: string;
  startedAt?: number;
  endedAt?: number;
  /** Set when the job paused itself because every send would fail alike (see PAUSES_JOB in ./job.ts). */
  pausedBy?: ErrorCode;
  /** The job's one history entry was written. */
  recorded?: boolean;
  /** Set when it ended having sent: Intercom is to be asked whether a message arrived twice (./copies.ts). */
  copiesPending?: boolean;
  /** How many recipients got their message twice, once that was looked for. */
  copies?: number;
}

export interface BulkRecipient {
  i: number;
  ref: RecipientRef;
  /** Who Intercom says it is: one contact (found), none, or several. */
  contacts: ContactSummary[];
  state: BulkRecipientState;
  reason?: BulkReason;
  conversationUrl?: string;
  /** Tries that failed in a passing way (rate limited, offline). */
  attempts?: number;
  /** Sent, but the follow-up failed: why. */
  followUpError?: ErrorCode;
  /** The agent chose to send a "may have been sent" one again (after Intercom is asked once more). */
  confirmResend?: boolean;
}

export const jobsItem = storage.defineItem<Record<string, BulkJob>>('local:bulkJobs', { fallback: {} });
const recipientKey = (jobId: string, i: number) => `bulk:${jobId}:${i}`;
/** Finished jobs are kept a week for their results; unconfirmed ones a day. */
const KEEP_DONE_MS = 7 * 24 * 60 * 60 * 1000;
const KEEP_RESOLVED_MS = 24 * 60 * 60 * 1000;

export async function loadJob(jobId: string): Promise<BulkJob | undefined> {
  return (await jobsItem.getValue())[jobId];
}

let jobWrites = Promise.resolve();
/** Read-modify-write of the jobs record, one at a time. */
export function updateJob(jobId: string, patch: Partial<BulkJob>): Promise<BulkJob | undefined> {
  const result = jobWrites.then(async () => {
    const jobs = { ...(await jobsItem.getValue()) };
    if (!jobs[jobId]) return undefined;
    jobs[jobId] = { ...jobs[jobId]!, ...patch };
    await jobsItem.setValue(jobs);
    return jobs[jobId];
  });
  jobWrites = result.then(() => undefined, () => undefined);
  return result;
}

/** Stores a new job with its recipients; drops expired jobs and their recipients first. */
export async function createJob(job: BulkJob, recipients: BulkRecipient[]): Promise<void> {
  const done = jobWrites.then(async () => {
    const jobs = { ...(await jobsItem.getValue()) };
    const now = Date.now();
    for (const old of Object.values(jobs)) {
      const expired = old.state === 'resolved' ? now - old.createdAt > KEEP_RESOLVED_MS : (old.state === 'done' || old.state === 'cancelled') && now - (old.endedAt ?? old.createdAt) > KEEP_DONE_MS;
      if (!expired) continue;
      delete jobs[old.id];
      await browser.storage.local.remove(Array.from({ length: old.total }, (_, i) => recipientKey(old.id, i)));
    }
    await browser.storage.local.set(Object.fromEntries(recipients.map((r) => [recipientKey(job.id, r.i), r])));
    jobs[job.id] = job;
    await jobsItem.setValue(jobs);
  });
  jobWrites = done.then(() => undefined, () => undefined);
  return done;
}

export async function loadRecipients(job: BulkJob): Promise<BulkRecipient[]> {
  const keys = Array.from({ length: job.total }, (_, i) => recipientKey(job.id, i));
  const stored = (await browser.storage.local.get(keys)) as Record<string, BulkRecipient>;
  return keys.map((k) => stored[k]).filter((r): r is BulkRecipient => !!r);
}

// A recipient's outcome is also in its outbox entry, so outcomes are stored a quarter second at a
// time: a cut loses at most that much of them, and those recipients are then reconciled, not resent.
const outcomes = batchedWrites(250);
export function saveRecipient(jobId: string, recipient: BulkRecipient): Promise<void> {
  return outcomes({ [recipientKey(jobId, recipient.i)]: { ...recipient } });
}

/** The outcomes waiting for their quarter second, stored now: a run that ended has no more to add. */
export const flushOutcomes = (): Promise<void> => outcomes.flush();

export function saveRecipients(jobId: string, recipients: BulkRecipient[]): Promise<void> {
  return browser.storage.local.set(Object.fromEntries(recipients.map((r) => [recipientKey(jobId, r.i), r])));
}

/** A removed workspace's jobs go with it (its drafts and waiting sends do too). */
export async function removeJobsOf(workspaceId: string): Promise<void> {
  const jobs = { ...(await jobsItem.getValue()) };
  for (const job of Object.values(jobs)) {
    if (job.workspaceId !== workspaceId) continue;
    delete jobs[job.id];
    await browser.storage.local.remove(Array.from({ length: job.total }, (_, i) => recipientKey(job.id, i)));
  }
  await jobsItem.setValue(jobs);
}
