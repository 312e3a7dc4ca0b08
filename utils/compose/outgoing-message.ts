// Turns an agent's draft into the body of Intercom's POST /messages, refusing what Intercom would
// refuse (so the agent hears about it before a round trip, in plain words).
import { Draft } from '../protocol';
import { HailerError } from '../errors';
import { t } from '../i18n';
import { reduceHtml } from './html-reducer';
import { textToHtml } from './markup';

export interface OutgoingMessage {
  message_type: 'in_app' | 'email';
  body: string;
  subject?: string;
  template?: 'plain' | 'personal';
}

export function prepareMessage(input: unknown): OutgoingMessage {
  const parsed = Draft.safeParse(input);
  if (!parsed.success) throw new HailerError('invalid_message', { detail: t('draftInvalid') });
  const draft = parsed.data;
  if (!draft.body.trim()) throw new HailerError('invalid_message', { detail: t('draftBodyEmpty') });
  // HTML is reduced to what Hailer sends (p, b/strong, i/em, a href, ul, ol, li) whoever built it.
  const body = draft.bodyFormat === 'html' ? reduceHtml(draft.body.trim()) : textToHtml(draft.body);
  if (!body.trim()) throw new HailerError('invalid_message', { detail: t('draftBodyEmpty') });
  if (draft.channel === 'in_app') return { message_type: 'in_app', body };
  const subject = draft.subject.trim();
  if (!subject) throw new HailerError('invalid_message', { detail: t('draftSubjectMissing') });
  return { message_type: 'email', subject, template: draft.template, body };
}

// Moved to utils/compose (the panel previews with them); kept here for existing importers.
export { escapeHtml } from './html-reducer';
export { textToHtml };
