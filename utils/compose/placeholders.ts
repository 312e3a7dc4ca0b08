// Intercom macro placeholders, filled from the confirmed contact. Two shapes, as GET /macros (2.16)
// gives them: in `body` (HTML) `<attribute key="user.name" default="there"/>`, in `body_text`
// `{{user.name|fallback:"there"}}` (spaces and single quotes allowed, and the older keys without
// `user.`). A placeholder with no value uses its fallback; with neither it becomes a visible
// `[key]` marker and is listed in `missing`, so the panel can highlight it and ask before sending.
// Keys Hailer cannot know (an order number, a conversation attribute) are listed in `unknown`,
// never dropped silently. Content-script code: no zod.
import type { ContactCardData, ContactSummary } from '../protocol';
import { decodeEntities, escapeHtml } from './html-reducer';

export interface PlaceholderContext {
  contact: ContactSummary | null;
  card?: ContactCardData | null;
  /** The admin the message is sent as (`teammate.*`). */
  teammate?: { name: string; email?: string | null } | null;
  workspaceName?: string | null;
}

export interface Filled {
  value: string;
  /** Keys with no value and no fallback, shown as `[key]`. */
  missing: string[];
  /** Keys Hailer has no source for (filled from their fallback, or missing). */
  unknown: string[];
}

/** The marker a placeholder with no value leaves in the message. */
export const missingMarker = (key: string) => `[${key}]`;

const KEY = /^[A-Za-z_][\w.-]{0,199}$/;
const words = (name: string | null | undefined) => (name ?? '').trim().split(/\s+/).filter(Boolean);
const scalar = (v: unknown) => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);

/** The value of `key` for this contact; `null` when Hailer knows the key but the contact has no value; `undefined` when the key is unknown. */
export function placeholderValue(rawKey: string, ctx: PlaceholderContext): string | null | undefined {
  // `{{first_name}}` in older macros is `user.first_name`.
  const key = /^(user|teammate|app|company)\./.test(rawKey) ? rawKey : `user.${rawKey}`;
  const { contact, card, teammate } = ctx;
  const orNull = (v: string | null | undefined) => (v && v.trim() ? v.trim() : null);
  if (key.startsWith('user.custom_attributes.')) {
    const name = key.slice('user.custom_attributes.'.length);
    const attributes = contact?.customAttributes;
    return orNull(attributes && Object.hasOwn(attributes, name) ? scalar(attributes[name]) : undefined);
  }
  switch (key) {
    case 'user.name':
      return orNull(contact?.name ?? card?.name);
    case 'user.first_name':
      return orNull(words(contact?.name ?? card?.name)[0]);
    case 'user.last_name': {
      const w = words(contact?.name ?? card?.name);
      return orNull(w.length > 1 ? w.slice(1).join(' ') : null);
    }
    case 'user.email':
      return orNull(contact?.email ?? card?.email);
    case 'user.user_id':
    case 'user.external_id':
      return orNull(contact?.externalId);
    case 'user.company.name':
    case 'company.name':
    case 'user.company':
      return orNull(card?.companies[0] ?? contact?.company);
    case 'user.location':
      return orNull(card?.location);
    case 'teammate.name':
      return orNull(teammate?.name);
    case 'teammate.first_name':
      return orNull(words(teammate?.name)[0]);
    case 'teammate.email':
      return orNull(teammate?.email);
    case 'app.name':
      return orNull(ctx.workspaceName);
  }
  return undefined;
}

function fill(key: string, fallback: string | undefined, ctx: PlaceholderContext, missing: Set<string>, unknown: Set<string>): string {
  const value = placeholderValue(key, ctx);
  if (value === undefined) unknown.add(key);
  if (value) return value;
  if (fallback !== undefined && fallback.trim()) return fallback;
  missing.add(key);
  return missingMarker(key);
}

// `<attribute key="…" default="…"/>` (or `…></attribute>`), attributes in any order, either quote.
const HTML_PLACEHOLDER = /<attribute\b((?:\s+[a-z_-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*\/?>(?:\s*<\/attribute>)?/gi;
const ATTR = /([a-z_-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi;

/** Fills a macro's `body` (HTML); values are HTML-escaped. The result still needs the reducer. */
export function fillHtml(body: string, ctx: PlaceholderContext): Filled {
  const missing = new Set<string>();
  const unknown = new Set<string>();
  const value = String(body ?? '').replace(HTML_PLACEHOLDER, (whole, attrs: string) => {
    const found: Record<string, string> = {};
    for (const m of attrs.matchAll(ATTR)) found[m[1]!.toLowerCase()] = decodeEntities(m[2] ?? m[3] ?? '');
    const key = found.key?.trim();
    if (!key || !KEY.test(key)) return escapeHtml(decodeEntities(whole));
    return escapeHtml(fill(key, found.default, ctx, missing, unknown));
  });
  return { value, missing: [...missing], unknown: [...unknown] };
}

// `{{ key }}`, `{{key|fallback:"x"}}`, `{{ key | fallback: 'x' }}`; anything else in braces stays as written.
const TEXT_PLACEHOLDER = /\{\{\s*([A-Za-z_][\w.-]{0,199})\s*(?:\|\s*fallback\s*:\s*(?:"([^"]*)"|'([^']*)'|([^}]*?))\s*)?\}\}/g;

/** Fills a macro's `body_text` (plain text). */
export function fillText(bodyText: string, ctx: PlaceholderContext): Filled {
  const missing = new Set<string>();
  const unknown = new Set<string>();
  const value = String(bodyText ?? '').replace(TEXT_PLACEHOLDER, (_whole, key: string, dq?: string, sq?: string, bare?: string) =>
    fill(key, dq ?? sq ?? bare, ctx, missing, unknown),
  );
  return { value, missing: [...missing], unknown: [...unknown] };
}

export interface Slot {
  key: string;
  fallback?: string;
}

const ANY_PLACEHOLDER = new RegExp(`${HTML_PLACEHOLDER.source}|${TEXT_PLACEHOLDER.source}`, 'gi');

/**
 * A text cut at its placeholders, either shape, in order: what a bulk send fills once per recipient
 * (utils/bulk/personalize.ts). A malformed `<attribute>` stays text.
 */
export function placeholderParts(text: string): (string | Slot)[] {
  const parts: (string | Slot)[] = [];
  let last = 0;
  for (const m of String(text ?? '').matchAll(ANY_PLACEHOLDER)) {
    let slot: Slot | null = null;
    if (m[2] !== undefined) {
      const fallback = m[3] ?? m[4] ?? m[5];
      slot = { key: m[2], ...(fallback !== undefined ? { fallback } : {}) };
    } else {
      const found: Record<string, string> = {};
      for (const a of (m[1] ?? '').matchAll(ATTR)) found[a[1]!.toLowerCase()] = decodeEntities(a[2] ?? a[3] ?? '');
      const key = found.key?.trim();
      if (key && KEY.test(key)) slot = { key, ...(found.default !== undefined ? { fallback: found.default } : {}) };
    }
    if (!slot) continue;
    if (m.index > last) parts.push(text.slice(last, m.index));
    parts.push(slot);
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

/** A slot's value for this contact: its own, else its fallback, else null (missing). */
export function slotValue(slot: Slot, ctx: PlaceholderContext): string | null {
  const value = placeholderValue(slot.key, ctx);
  if (value) return value;
  return slot.fallback !== undefined && slot.fallback.trim() ? slot.fallback : null;
}
