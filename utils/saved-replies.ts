// Saved replies: named message templates (see utils/templates.ts for their variables), kept in
// storage.local, managed in the options page and shared as JSON by a team lead.
import { storage } from '@wxt-dev/storage';
import { z } from 'zod';
import { t } from './i18n';

export interface SavedReply {
  id: string;
  name: string;
  body: string;
}

export const SAVED_REPLIES_KEY = 'savedReplies';
export const savedRepliesItem = storage.defineItem<SavedReply[]>(`local:${SAVED_REPLIES_KEY}`, { fallback: [] });

const MAX_REPLIES = 500;
const MAX_FILE_CHARS = 1_000_000;

const SavedReplySchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    name: z.string().trim().min(1).max(80),
    body: z.string().trim().min(1).max(10_000),
  })
  .strict();

export type ParsedReplies = { ok: true; replies: SavedReply[] } | { ok: false; problems: string[] };

/** A team's shared file: `{ "savedReplies": [...] }` or a bare list. Never throws. */
export function parseSavedRepliesJson(text: string): ParsedReplies {
  if (text.length > MAX_FILE_CHARS) return { ok: false, problems: [t('repliesProblemTooBig')] };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, problems: [t('repliesProblemNotJson')] };
  }
  const list = Array.isArray(data) ? data : (data as { savedReplies?: unknown } | null)?.savedReplies;
  if (!Array.isArray(list)) return { ok: false, problems: [t('repliesProblemNotList')] };
  if (list.length > MAX_REPLIES) return { ok: false, problems: [t('repliesProblemTooMany', String(MAX_REPLIES))] };
  const problems: string[] = [];
  const replies: SavedReply[] = [];
  list.forEach((item, i) => {
    const parsed = SavedReplySchema.safeParse(item);
    if (parsed.success) replies.push(parsed.data);
    else for (const issue of parsed.error.issues.slice(0, 3)) problems.push(t('repliesProblemAt', [String(i + 1), issue.path.join('.') || '—']));
  });
  return problems.length ? { ok: false, problems } : { ok: true, replies };
}

export const exportSavedRepliesJson = (replies: readonly SavedReply[]) => JSON.stringify({ savedReplies: replies }, null, 2);

export async function upsertReplies(replies: readonly SavedReply[]): Promise<void> {
  const ids = new Set(replies.map((r) => r.id));
  const kept = (await savedRepliesItem.getValue()).filter((r) => !ids.has(r.id));
  await savedRepliesItem.setValue([...kept, ...replies].slice(0, MAX_REPLIES));
}

export async function removeReply(id: string): Promise<void> {
  await savedRepliesItem.setValue((await savedRepliesItem.getValue()).filter((r) => r.id !== id));
}
