// Saved-reply variables: {{first_name}}, {{last_name}}, {{name}}, {{email}}, {{company}},
// {{user_id}} and {{custom.<attribute>}}, each with an optional fallback: {{ first_name | there }}.
// Zod-free and tiny because the compose panel renders with it inside the content script.
import type { ContactSummary } from '../protocol';

export const MAX_TEMPLATE_CHARS = 50_000;

// `[^{}]*` stops at the next brace, so each `{{` scans only up to the next brace: linear overall,
// and `{{`, unclosed and nested braces never match, which leaves them as written.
const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;
const NAME = /^[A-Za-z_][\w]*$/;
const CUSTOM = 'custom.';
const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => escapes[c]!);

function valueOf(name: string, contact: ContactSummary | null): string | undefined {
  if (!contact) return undefined;
  const words = (contact.name ?? '').trim().split(/\s+/).filter(Boolean);
  switch (name) {
    case 'first_name':
      return words[0];
    case 'last_name':
      return words.length > 1 ? words.slice(1).join(' ') : undefined;
    case 'name':
      return contact.name ?? undefined;
    case 'email':
      return contact.email ?? undefined;
    case 'company':
      return contact.company ?? undefined;
    case 'user_id':
      return contact.externalId ?? undefined;
  }
  const attributes = contact.customAttributes;
  const key = name.slice(CUSTOM.length);
  if (!name.startsWith(CUSTOM) || !attributes || !Object.hasOwn(attributes, key)) return undefined;
  const value = attributes[key];
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

/** Fills the variables; one with no value and no fallback renders empty and is listed in `missing`. */
export function renderTemplate(template: string, contact: ContactSummary | null, opts: { html: boolean }): { text: string; missing: string[] } {
  const missing = new Set<string>();
  const text = String(template ?? '')
    .slice(0, MAX_TEMPLATE_CHARS)
    .replace(PLACEHOLDER, (whole, inner: string) => {
      const bar = inner.indexOf('|');
      const name = (bar < 0 ? inner : inner.slice(0, bar)).trim();
      // Intercom attribute names may hold spaces, so anything after `custom.` names one.
      const valid = name.startsWith(CUSTOM) ? name.length > CUSTOM.length : NAME.test(name);
      if (!valid) return whole;
      const value = valueOf(name, contact)?.trim() || (bar < 0 ? '' : inner.slice(bar + 1).trim());
      if (!value) {
        missing.add(name);
        return '';
      }
      return opts.html ? escapeHtml(value) : value;
    });
  return { text, missing: [...missing] };
}
