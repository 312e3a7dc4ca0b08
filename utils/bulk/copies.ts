// After a bulk job: did any recipient's message reach Intercom twice? Chromium resends a POST by
// itself when a reused connection drops before any answer, and Intercom may already have stored the
// first. A single send looks once afterwards (utils/compose/send.ts); a batch cannot afford a look
// per recipient, so once the job is over it lists the conversations its admins started since it
// began (a page per 150) and counts, per recipient, those that hold that recipient's own message.
import { DUPLICATE_CHECK_DELAY_MS, isOurs } from '../compose/send';
import { isHailerError } from '../errors';
import { bulkOutbox } from '../compose/outbox';
import { t } from '../i18n';
import { notifyUnlessPageOpen } from './bulk-page';
import { loadJob, loadRecipients, saveRecipients, updateJob, type BulkRecipient } from './job-store';

export interface CopiesApi {
  findConversationsStartedBy(q: { adminIds: string[]; sinceSeconds: number; maxPages: number }): Promise<
    { id: string; contactIds: string[]; sourceBody: string | null; sourceAuthorId: string | null }[]
  >;
}

/** A recipient's message as its outbox entry recorded it. */
export interface SentMessage {
  i: number;
  contactId: string;
  adminId: string;
  body: string;
  startedAt: number;
}

const PAGE = 150;
/** After the job's end, as after a single send: long enough for Intercom to index a copy sent with its last message. */
export const COPIES_CHECK_DELAY_MS = DUPLICATE_CHECK_DELAY_MS;

/** The recipients (by index) Intercom holds more than one conversation of the job's message for, with those conversations. */
export async function findCopies(api: CopiesApi, sent: readonly SentMessage[]): Promise<Map<number, string[]>> {
  const copies = new Map<number, string[]>();
  if (sent.length === 0) return copies;
  const byContact = new Map<string, SentMessage[]>();
  for (const message of sent) byContact.set(message.contactId, [...(byContact.get(message.contactId) ?? []), message]);
  const conversations = await api.findConversationsStartedBy({
    adminIds: [...new Set(sent.map((m) => m.adminId))],
    sinceSeconds: Math.floor(Math.min(...sent.map((m) => m.startedAt)) / 1000),
    // The job's conversations, their copies, and what the agent started meanwhile; bounded all the same.
    maxPages: Math.ceil(sent.length / PAGE) + 3,
  });
  const found = new Map<number, string[]>();
  for (const c of conversations) {
    for (const contactId of new Set(c.contactIds)) {
      for (const message of byContact.get(contactId) ?? []) {
        if (isOurs(c, message)) found.set(message.i, [...(found.get(message.i) ?? []), c.id]);
      }
    }
  }
  for (const [i, ids] of found) if (ids.length > 1) copies.set(i, ids);
  return copies;
}

/** Answers worth asking again after (a 429 names when; offline comes back), at most MAX_TRIES times. */
const PASSING = new Set(['rate_limited', 'offline']);
const MAX_TRIES = 3;

/**
 * A job that ended having sent (`copiesPending`): its recipients Intercom holds twice get the reason
 * "Sent twice", the job counts them (the bulk page says so), and a notification tells the agent
 * when no bulk page is open. A passing failure is tried again; past that, or on any other failure,
 * the job stops waiting for the answer (`copies` stays unset: not known). Resolves once done.
 */
export async function checkJobCopies(jobId: string, api: () => Promise<CopiesApi>): Promise<void> {
  const job = await loadJob(jobId);
  if (!job?.copiesPending) return;
  let twice: BulkRecipient[] | undefined;
  for (let tries = 1; !twice; tries++) {
    try {
      const recipients = await loadRecipients(job);
      const sent: SentMessage[] = [];
      for (const r of recipients.filter((r) => r.state === 'sent')) {
        const entry = await bulkOutbox.get(`bulk:${jobId}:${r.i}`);
        if (entry) sent.push({ i: r.i, contactId: entry.contactId, adminId: entry.adminId, body: entry.body, startedAt: entry.startedAt });
      }
      const copies = await findCopies(await api(), sent);
      twice = recipients.filter((r) => copies.has(r.i));
    } catch (error) {
      if (!(isHailerError(error) && PASSING.has(error.code) && tries < MAX_TRIES)) {
        await updateJob(jobId, { copiesPending: false });
        throw error;
      }
      const wait = Math.max(5_000 * tries, (error.retryAt ?? 0) - Date.now());
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
  for (const r of twice) r.reason = 'sent_twice';
  await saveRecipients(jobId, twice);
  await updateJob(jobId, { copiesPending: false, copies: twice.length });
  if (twice.length) await notifyUnlessPageOpen(`hailer-bulk-copies-${jobId}`, t('bulkCopiesTitle', String(twice.length)), t('bulkCopies', String(twice.length)));
}
