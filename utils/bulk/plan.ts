// Who of a resolved batch gets the message, and why the others do not: the same answer for the bulk
// page (before "Send to N people") and the background (when the job starts).
import type { BulkReason, ContactSummary, Draft } from '../protocol';
import type { PlaceholderContext } from '../compose/placeholders';
import { bulkTemplate, personalize, personalizeSubject } from './personalize';

export interface PlanInput {
  contacts: readonly ContactSummary[];
  /** An email Intercom does not know may be added as a lead (the agent ticked it). */
  isEmail: boolean;
}

export interface PlanOptions {
  draft: Pick<Draft, 'channel' | 'subject' | 'body' | 'bodyFormat'>;
  createLeads: boolean;
  context: Omit<PlaceholderContext, 'contact'>;
}

/** The message as Hailer sends it to each recipient: formatted text becomes HTML, placeholders slots. */
export const templateOf = (draft: PlanOptions['draft']) => bulkTemplate(draft.body, draft.bodyFormat === 'html' ? 'html' : 'text');

/** Why this recipient is skipped, or null when the message goes to them. */
export function skipReason(input: PlanInput, options: PlanOptions, template = templateOf(options.draft)): BulkReason | null {
  if (input.contacts.length > 1) return 'ambiguous';
  const contact = input.contacts[0] ?? null;
  if (!contact) return options.createLeads && input.isEmail ? null : 'not_found';
  if (options.draft.channel === 'email' && contact.unsubscribedFromEmails) return 'unsubscribed';
  return missingFor(contact, options, template).length ? 'missing_placeholder' : null;
}

/** The placeholders that have no value and no fallback for this contact (message and subject). */
export function missingFor(contact: ContactSummary | null, options: PlanOptions, template = templateOf(options.draft)): string[] {
  const ctx = { ...options.context, contact };
  const subject = options.draft.channel === 'email' ? personalizeSubject(options.draft.subject ?? '', ctx).missing : [];
  return [...new Set([...personalize(template, ctx).missing, ...subject])];
}
