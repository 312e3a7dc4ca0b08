// Who the message goes to, as Intercom confirmed them: the contact, "not in Intercom" (with
// "Create lead" for an email), or a choice among several; and, for a new message, its channel
// (in-app or email, with the email's subject and template).
import { t } from '@/utils/i18n';
import type { ContactSummary, DetectedRecipient } from '@/utils/protocol';
import type { StoredDraft } from '@/utils/compose/draft-store';

export interface RecipientBlockProps {
  recipient: DetectedRecipient;
  contact: ContactSummary | null;
  /** null until Intercom answered. */
  contacts: ContactSummary[] | null;
  /** Still looking (nothing has gone wrong and Hailer is set up). */
  checking: boolean;
  onPick(contact: ContactSummary): void;
  onCreateLead(email: string): void;
}

const roleOf = (c: ContactSummary) => t(c.role === 'lead' ? 'panelLead' : 'panelUser');

export function RecipientBlock({ recipient, contact, contacts, checking, onPick, onCreateLead }: RecipientBlockProps) {
  if (contact) {
    return (
      <p class="recipient" data-contact-id={contact.id}>
        <span>{contact.email ?? contact.externalId ?? contact.id}</span> · <span>{roleOf(contact)}</span>
      </p>
    );
  }
  if (contacts?.length === 0) {
    return (
      <div class="recipient missing" role="alert">
        <p>{t('panelNotFound')}</p>
        {recipient.ref.kind === 'email' && (
          <button type="button" onClick={() => onCreateLead(recipient.ref.value)}>
            {t('panelCreateLead', recipient.ref.value)}
          </button>
        )}
      </div>
    );
  }
  if (contacts && contacts.length > 1) {
    return (
      <fieldset class="pick">
        <legend>{t('panelPickContact')}</legend>
        {contacts.map((c) => (
          <label>
            <input type="radio" name="hailer-contact" onChange={() => onPick(c)} />
            {`${c.name ?? c.email ?? c.id} (${roleOf(c)}${c.email ? `, ${c.email}` : ''})`}
          </label>
        ))}
      </fieldset>
    );
  }
  return checking ? <p class="recipient">{t('panelChecking')}</p> : null;
}

export function ChannelFields({ draft, edit }: { draft: StoredDraft; edit(patch: Partial<StoredDraft>): void }) {
  return (
    <div class="mode">
      <fieldset class="channel">
        <legend>{t('panelChannel')}</legend>
        <label>
          <input type="radio" name="hailer-channel" checked={draft.channel === 'in_app'} onChange={() => edit({ channel: 'in_app' })} />
          {t('panelInApp')}
        </label>
        <label>
          <input type="radio" name="hailer-channel" checked={draft.channel === 'email'} onChange={() => edit({ channel: 'email' })} />
          {t('panelEmail')}
        </label>
      </fieldset>

      {draft.channel === 'email' && (
        <div class="row">
          <label for="hailer-subject">{t('panelSubject')}</label>
          <input id="hailer-subject" value={draft.subject} maxLength={255} onInput={(e) => edit({ subject: e.currentTarget.value })} />
          <label for="hailer-template">{t('panelTemplate')}</label>
          <select id="hailer-template" value={draft.template} onChange={(e) => edit({ template: e.currentTarget.value as StoredDraft['template'] })}>
            <option value="plain">{t('panelTemplatePlain')}</option>
            <option value="personal">{t('panelTemplatePersonal')}</option>
          </select>
        </div>
      )}
    </div>
  );
}
