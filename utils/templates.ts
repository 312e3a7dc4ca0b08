// Saved-reply variables: {{first_name}}, {{last_name}}, {{name}}, {{email}}, {{company}},
// {{user_id}} and {{custom.<attribute>}}, each with an optional fallback: {{first_name | there}}.
// Zod-free and linear: the compose panel renders with it in the content script.
import type { ContactSummary } from './protocol';

export const MAX_TEMPLATE_CHARS = 50_000;
const VARIABLE = /\{\{\s*([A-Za-z_][\w.]{0,60})\s*(?:\|\s*([^{}|]{0,200}?)\s*)?\}\}/g;
const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => escapes[c]!);

function valueOf(name: string, contact: ContactSummary | null): string | undefined {
  if (!contact) return undefined;
  const words = (contact.name ?? '').trim().split(/\s+/).filter(Boolean);
  switch (name) {
    case 'first_name':
      return words[0];
    case 'last_name':
      return words.length > 1 ? words[words.length - 1] : undefined;
    case 'name':
      return contact.name ?? undefined;
    case 'email':
      return contact.email ?? undefined;
    case 'company':
      return contact.company ?? undefined;
    case 'user_id':
      return contact.externalId ?? undefined;
  }
  if (!name.startsWith('custom.')) return undefined;
  const value = contact.customAttributes?.[name.slice(7)];
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

/** Fills the variables; those with no value and no fallback render empty and are listed in `missing`. */
export function renderTemplate(template: string, contact: ContactSummary | null, opts: { html: boolean }): { text: string; missing: string[] } {
  const missing: string[] = [];
  const text = String(template)
    .slice(0, MAX_TEMPLATE_CHARS)
    .replace(VARIABLE, (_, name: string, fallback: string | undefined) => {
      const value = valueOf(name, contact)?.trim() || fallback?.trim();
      if (!value) {
        if (!missing.includes(name)) missing.push(name);
        return '';
      }
      return opts.html ? escapeHtml(value) : value;
    });
  return { text, missing };
}
