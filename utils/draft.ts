// Turns an agent's draft into the body of Intercom's POST /messages, refusing what Intercom would
// refuse (so the agent hears about it before a round trip, in plain words).
import { Draft } from './protocol';
import { HailerError } from './errors';
import { t } from './i18n';

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
  const body = draft.bodyFormat === 'html' ? draft.body.trim() : textToHtml(draft.body);
  if (draft.channel === 'in_app') return { message_type: 'in_app', body };
  const subject = draft.subject.trim();
  if (!subject) throw new HailerError('invalid_message', { detail: t('draftSubjectMissing') });
  return { message_type: 'email', subject, template: draft.template, body };
}

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => escapes[c]!);

/** Plain text becomes paragraphs (blank lines) with line breaks (single newlines), all escaped. */
export function textToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .trim()
    .split(/\n[ \t]*\n+/)
    .map((para) => `<p>${para.split('\n').map(escapeHtml).join('<br>')}</p>`)
    .join('');
}
