// What an agent types or selects as a recipient: an email (also "Jane <jane@acme.test>" or a
// mailto: link), an Intercom contact id, or the team's own user id. Zod-free: the popup and the
// context menu use it, and the background validates again.
import type { RecipientRef } from '../protocol';

export type RecipientInputError = { error: 'empty' | 'too_long' | 'invalid' };

const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
const EMAIL_IN_TEXT = /[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/;
const CONTACT_ID = /^[0-9a-f]{24}$/i;
const USER_ID = /^[A-Za-z0-9_.:@+-]{1,255}$/;

export function parseRecipientInput(raw: string): RecipientRef | RecipientInputError {
  if (typeof raw !== 'string') return { error: 'invalid' };
  if (raw.length > 2048) return { error: 'too_long' };
  let text = raw.trim();
  if (!text) return { error: 'empty' };
  if (/^mailto:/i.test(text)) {
    try {
      text = decodeURIComponent(text.slice(7).split('?')[0]!.split(',')[0]!).trim();
    } catch {
      return { error: 'invalid' };
    }
  }
  const angled = /<([^<>\s]+@[^<>\s]+)>\s*$/.exec(text);
  if (angled) text = angled[1]!;
  if (text.includes('@')) {
    if (text.length > 254 || !EMAIL.test(text)) return { error: 'invalid' };
    const at = text.lastIndexOf('@');
    return { kind: 'email', value: text.slice(0, at) + text.slice(at).toLowerCase() };
  }
  if (CONTACT_ID.test(text)) return { kind: 'contact_id', value: text.toLowerCase() };
  if (USER_ID.test(text)) return { kind: 'user_id', value: text };
  return { error: 'invalid' };
}

/** The first email address in a piece of selected text ("Message jane@acme.test"), if any. */
export function findEmailInText(text: string): string | null {
  const match = EMAIL_IN_TEXT.exec(text.slice(0, 4096));
  if (!match) return null;
  const parsed = parseRecipientInput(match[0].replace(/\.+$/, ''));
  return 'error' in parsed ? null : parsed.value;
}
