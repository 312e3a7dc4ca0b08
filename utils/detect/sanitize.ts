// Everything a page says about its customer is untrusted: a value becomes a recipient only if it has
// the shape the background will accept (the same limits as RecipientRef in utils/protocol.ts, which
// the content script may not import). A bad value is "no match", never an exception.
import type { DetectedRecipient } from '../protocol-shapes';

export type RecipientRef = DetectedRecipient['ref'];
export type RecipientKind = RecipientRef['kind'];

/** Longest raw string looked at; anything longer is not an identifier (and is not trimmed or scanned). */
const MAX_RAW = 4096;
const INVISIBLE = /[\p{Cc}\p{Cf}\u2028\u2029]/u;
// zod's own email pattern (z.email() in the background), so a detected email never fails there.
const EMAIL = /^(?:[A-Za-z0-9_'+\-]+\.)*[A-Za-z0-9_'+\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z]{2,}$/;

const shapes: Record<RecipientKind, (value: string) => boolean> = {
  contact_id: (v) => /^[A-Za-z0-9_-]{1,64}$/.test(v),
  user_id: (v) => v.length <= 255 && !INVISIBLE.test(v),
  email: (v) => v.length <= 254 && EMAIL.test(v),
};

export function cleanRef(kind: unknown, raw: unknown): RecipientRef | null {
  if (typeof kind !== 'string' || !Object.hasOwn(shapes, kind)) return null;
  if (typeof raw !== 'string' || raw.length > MAX_RAW) return null;
  const value = raw.trim();
  if (!value || !shapes[kind as RecipientKind](value)) return null;
  return { kind, value } as RecipientRef;
}

/** A display name is cosmetic: an unusable one is dropped, it never rejects the recipient. */
export function cleanName(raw: unknown): string | undefined {
  if (typeof raw !== 'string' || raw.length > MAX_RAW) return undefined;
  const name = raw.replace(/\s+/g, ' ').trim();
  if (!name || name.length > 200 || INVISIBLE.test(name)) return undefined;
  return name;
}

export function recipient(ref: RecipientRef, displayName?: string): DetectedRecipient {
  return displayName ? { ref, displayName } : { ref };
}

/** The recipient with the workspace its page or rule names, when one does (utils/detect/workspace-hint.ts). */
export function withWorkspace(found: DetectedRecipient, workspace: string | undefined): DetectedRecipient {
  return workspace ? { ...found, workspace } : found;
}
