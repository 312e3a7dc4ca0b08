// The shape of the values a team rule reads. A rule taught on `usr_8f3a91c2` learns "usr_ and 8 hex
// characters", and on a page where its place shows "Enterprise" or `1043` it finds nobody: a value
// of another shape is another field, and reading it would message the wrong person. An email rule
// reads emails only, shape or not (see `fits`). Also how a rule takes its value out of a longer
// text ("Jane Doe (jane@acme.com)"): the one part that fits.
// Zod-free (the content script imports it); the schema in team-rules.ts checks the same limits.
import type { RecipientKind } from './sanitize';

/** The characters after the prefix, narrowest first: the first class that holds them all is learned. */
export const CHAR_CLASSES = {
  digits: '0-9',
  hex: '0-9a-f',
  HEX: '0-9A-F',
  lower: 'a-z0-9',
  upper: 'A-Z0-9',
  alnum: 'A-Za-z0-9',
  token: 'A-Za-z0-9_-',
  any: 'A-Za-z0-9_.:+|=@-',
} as const;
export type CharClass = keyof typeof CHAR_CLASSES;

export interface ValueShape {
  /** Fixed text every value starts with: `usr_`, `auth0|`. */
  prefix?: string;
  chars: CharClass;
  /** Length of the part after the prefix. */
  min: number;
  max: number;
}

export const MAX_PREFIX = 24;
export const MAX_SHAPE_LENGTH = 255;
/** Intercom's contact ids: 24 hex characters. */
const INTERCOM_ID: ValueShape = { chars: 'hex', min: 24, max: 24 };
/** zod's email pattern without anchors (as in sanitize.ts), for finding an email inside a text. */
const EMAIL_IN_TEXT = /(?:[A-Za-z0-9_'+\-]+\.)*[A-Za-z0-9_'+\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z]{2,}/g;
const PREFIX = /^(?:[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z][A-Za-z0-9]*)*[_|:-])+/;
/** Hash-like lengths of hex ids (8 to 64): such ids do not vary in length. */
const FIXED_LENGTHS = new Set([8, 12, 16, 20, 24, 32, 36, 40, 64]);

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/** What a rule taught on `value` accepts from now on; undefined for an email (its kind is its shape) or a value of no class. */
export function learnShape(kind: RecipientKind, value: string): ValueShape | undefined {
  if (kind === 'email') return undefined;
  if (kind === 'contact_id' && /^[0-9a-f]{24}$/.test(value)) return INTERCOM_ID;
  const prefix = PREFIX.exec(value)?.[0] ?? '';
  const usePrefix = prefix.length > 0 && prefix.length <= MAX_PREFIX && prefix.length < value.length;
  const rest = usePrefix ? value.slice(prefix.length) : value;
  const chars = (Object.keys(CHAR_CLASSES) as CharClass[]).find((c) => new RegExp(`^[${CHAR_CLASSES[c]}]+$`).test(rest));
  if (!chars || rest.length > MAX_SHAPE_LENGTH) return undefined;
  const n = rest.length;
  // Random ids of a hash's length keep it; counters and other ids vary a little (77, 4812, 90211).
  const fixed = (chars === 'hex' || chars === 'HEX') && FIXED_LENGTHS.has(n);
  const slack = fixed ? 0 : chars === 'digits' ? 4 : 3;
  return { ...(usePrefix ? { prefix } : {}), chars, min: Math.max(1, n - slack), max: Math.min(MAX_SHAPE_LENGTH, n + slack) };
}

/**
 * Auth0-style ids name their identity provider before a "|" (auth0|5f3c…, google-oauth2|1043…,
 * github|583231): one field holds the users of every provider, each with its own id format. A shape
 * learned on one such id also takes the others: a provider's name, "|", then an id token.
 */
const PROVIDER_ID = '[a-z][a-z0-9-]{0,30}\\|[A-Za-z0-9._|-]{1,128}';

/** The shape as a regular expression body (no anchors). */
export function shapeSource(shape: ValueShape): string {
  const own = `${escapeRegExp(shape.prefix ?? '')}[${CHAR_CLASSES[shape.chars]}]{${shape.min},${shape.max}}`;
  return shape.prefix?.endsWith('|') ? `(?:${own}|${PROVIDER_ID})` : own;
}

/** A shape as the rule file writes it may be anything: only a well-formed one is used. */
export function isShape(shape: unknown): shape is ValueShape {
  if (typeof shape !== 'object' || shape === null) return false;
  const s = shape as Record<string, unknown>;
  return (
    (s.prefix === undefined || (typeof s.prefix === 'string' && s.prefix.length <= MAX_PREFIX)) &&
    typeof s.chars === 'string' &&
    Object.hasOwn(CHAR_CLASSES, s.chars) &&
    Number.isInteger(s.min) &&
    Number.isInteger(s.max) &&
    (s.min as number) >= 1 &&
    (s.min as number) <= (s.max as number) &&
    (s.max as number) <= MAX_SHAPE_LENGTH
  );
}

/** Does this value have the rule's shape? An email rule takes emails only; no shape, anything (older rules). */
export function fits(kind: RecipientKind, shape: unknown, value: string): boolean {
  if (kind === 'email') return new RegExp(`^${EMAIL_IN_TEXT.source}$`).test(value);
  if (shape === undefined) return true;
  return isShape(shape) && new RegExp(`^(?:${shapeSource(shape)})$`).test(value);
}

/**
 * The value a rule reads from a text: the whole text when it fits, else the one part of it that
 * fits (an email in "Jane Doe (jane@acme.com)", `usr_8f3a91c2` in "User usr_8f3a91c2 · Pro"). Two
 * different parts that fit: the text names two people, so nobody. A rule without a shape takes a
 * user id's whole text, as before.
 */
export function extractValue(kind: RecipientKind, shape: unknown, text: string): string | undefined {
  const whole = text.trim();
  if (!whole) return undefined;
  if (fits(kind, shape, whole)) return whole;
  let pattern: RegExp;
  if (kind === 'email') pattern = new RegExp(EMAIL_IN_TEXT.source, 'g');
  else if (isShape(shape)) pattern = new RegExp(`(?<![A-Za-z0-9_.:+|=@-])${shapeSource(shape)}(?![A-Za-z0-9_.:+|=@-])`, 'g');
  else return undefined;
  const found = new Set(Array.from(whole.slice(0, 4096).matchAll(pattern), (m) => m[0]));
  const [only] = found;
  return found.size === 1 ? only : undefined;
}

/** "usr_ + 8 hex": the shape in the rule's raw details. */
export function describeShape(shape: ValueShape): string {
  const length = shape.min === shape.max ? `${shape.min}` : `${shape.min}–${shape.max}`;
  const own = `${shape.prefix ? `${shape.prefix} + ` : ''}${length} ${shape.chars}`;
  return shape.prefix?.endsWith('|') ? `${own} | <provider>|…` : own;
}
