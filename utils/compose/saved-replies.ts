// Saved replies: named message templates (variables: utils/compose/templates.ts) kept in storage.local,
// managed in the options page and shared by a team as a JSON file. A reply is for every workspace or,
// the agent's choice, for one: named by its Intercom id code, not Hailer's local workspace id, so a
// file shared with the team means the same workspace in every agent's browser. The content script imports
// only the `SavedReply` type from here, so zod stays out of its bundle.
import { storage } from '@wxt-dev/storage';
import { z } from 'zod';
import { t, type MessageKey } from '../i18n';

export const MAX_REPLIES = 500;
const MAX_FILE_BYTES = 1_000_000;

const SavedReplySchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    name: z.string().trim().min(1).max(80),
    body: z.string().max(10_000).refine((body) => body.trim() !== ''),
    channel: z.enum(['in_app', 'email']).optional(),
    subject: z.string().max(255).optional(),
    /** The Intercom id code of the one workspace it is for; absent = every workspace. */
    workspace: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional(),
  })
  .strict();

export type SavedReply = z.infer<typeof SavedReplySchema>;

/** storage.local `savedReplies`; the compose panel reads the same key without zod. */
export const savedRepliesItem = storage.defineItem<SavedReply[]>('local:savedReplies', { fallback: [] });

export type ParsedReplies = { ok: true; replies: SavedReply[] } | { ok: false; problems: string[] };

const fieldProblems: Record<string, MessageKey> = {
  id: 'repliesProblem_id',
  name: 'repliesProblem_name',
  body: 'repliesProblem_body',
  channel: 'repliesProblem_channel',
  subject: 'repliesProblem_subject',
  workspace: 'repliesProblem_workspace',
};

/** What is wrong with one reply, in the agent's words; empty when it is fine. */
export function replyProblems(item: unknown): string[] {
  const parsed = SavedReplySchema.safeParse(item);
  if (parsed.success) return [];
  const problems = parsed.error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => t('repliesProblem_unknown', key));
    const field = fieldProblems[String(issue.path[0])];
    return [field ? t(field) : t('repliesProblem_not_object')];
  });
  return [...new Set(problems)];
}

/** A team's file: `{ "savedReplies": [...] }` (as exported) or a bare list. Never throws. */
export function parseSavedRepliesJson(text: string): ParsedReplies {
  if (typeof text !== 'string') return { ok: false, problems: [t('repliesProblem_not_json')] };
  // Checked on characters first so a huge paste is never encoded.
  if (text.length > MAX_FILE_BYTES || new TextEncoder().encode(text).length > MAX_FILE_BYTES) {
    return { ok: false, problems: [t('repliesProblem_too_big')] };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, problems: [t('repliesProblem_not_json')] };
  }
  const list = Array.isArray(data) ? data : data && typeof data === 'object' ? (data as { savedReplies?: unknown }).savedReplies : undefined;
  if (!Array.isArray(list)) return { ok: false, problems: [t('repliesProblem_not_a_list')] };
  if (list.length > MAX_REPLIES) return { ok: false, problems: [t('repliesProblem_too_many', String(MAX_REPLIES))] };
  const problems: string[] = [];
  const seen = new Set<string>();
  list.forEach((item: unknown, i) => {
    const number = String(i + 1);
    for (const problem of replyProblems(item)) problems.push(t('repliesProblemAt', [number, problem]));
    const id = (item as { id?: unknown } | null)?.id;
    if (typeof id === 'string' && seen.has(id)) problems.push(t('repliesProblemAt', [number, t('repliesProblem_duplicate_id')]));
    if (typeof id === 'string') seen.add(id);
  });
  if (problems.length) return { ok: false, problems };
  return { ok: true, replies: list.map((item) => SavedReplySchema.parse(item)) };
}

export const exportSavedRepliesJson = (replies: readonly SavedReply[]) => JSON.stringify({ savedReplies: replies }, null, 2);

/** Replaces the reply with the same id in place, or appends it. */
export const upsertReply = (replies: readonly SavedReply[], reply: SavedReply): SavedReply[] =>
  replies.some((r) => r.id === reply.id) ? replies.map((r) => (r.id === reply.id ? reply : r)) : [...replies, reply];

export const removeReply = (replies: readonly SavedReply[], id: string): SavedReply[] => replies.filter((r) => r.id !== id);
