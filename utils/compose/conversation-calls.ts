// The background's handlers for continuing a conversation (protocol calls `conversation.get`,
// `conversation.reply`, `conversation.followUp`, `teams.list`), spread into background.ts's handlers.
// Intercom ids and HTML stay here; the panel gets plain text and the agent's words.
import { addHistory } from './history';
import { conversationsApi, type ConversationDetail, type IntercomClient, type Part } from '../intercom';
import { conversationUrl } from '../intercom/regions';
import type { AdminSummary, CallReply, ConversationSummary, PartSummary, RecipientRef } from '../protocol';
import type { Handlers } from '../router';
import { HailerError, isHailerError } from '../errors';
import { toWireError } from '../router';
import { applyFollowUp, sendReply } from './reply';
import type { FollowUpOutcome } from './outbox';
import { t } from '../i18n';
import { conversationLabel, partLine, sortConversations } from './conversation-labels';
import type { Claims } from './workspace-guard';
import { rememberThread } from './thread-memory';
import { recentMemory } from './recent-memory';

// Each dependency takes the Hailer workspace the request names (undefined = the default).
export interface ConversationCallDeps {
  intercom(workspace?: string): Promise<{ api: IntercomClient; appBaseUrl: string }>;
  /** Intercom's id code of the workspace, for inbox links. */
  workspaceId(workspace?: string): Promise<string>;
  /** The admin that sends when the draft names none (settings, else the token's admin). */
  defaultAdminId(workspace?: string): Promise<string>;
  admins(workspace?: string): Promise<AdminSummary[]>;
  /** The name history shows for the recipient (as confirmed in that Hailer workspace). */
  recipientLabel(ref: RecipientRef, workspace?: string): string;
  /** Refuses (`wrong_workspace`) a reply whose draft, admin or conversation is another workspace's; answers the workspace's id. */
  guard?(workspace: string | undefined, claims: Claims): Promise<string>;
}

type ConversationCalls = Pick<Handlers, 'conversation.get' | 'conversation.reply' | 'conversation.followUp' | 'teams.list'>;

/** Parts the panel gets with a conversation when it asks for no number: enough to show what the agent is answering. */
export const PARTS_SHOWN = 5;
/** How much of a part's text the thread shows (a long email is cut, with the whole of it one click away in Intercom). */
const TEXT_CHARS = 2000;
const TEAMS_TTL_MS = 5 * 60 * 1000;
/** Per workspace (its inbox address and Intercom id code), so switching between workspaces does not refetch. */
const teamsMemory = recentMemory<{ id: string; name: string }[]>({ ttlMs: TEAMS_TTL_MS });

export function conversationCalls(deps: ConversationCallDeps): ConversationCalls {
  // Token, workspace and sender are read side by side: each is a storage read on the click's path.
  async function setUp(workspace?: string) {
    const [{ api, appBaseUrl }, workspaceId] = await Promise.all([deps.intercom(workspace), deps.workspaceId(workspace)]);
    return { conversations: conversationsApi(api), workspaceId, url: (id: string) => conversationUrl(appBaseUrl, workspaceId, id) };
  }

  return {
    async 'conversation.get'({ conversationId, lastParts = PARTS_SHOWN }, _sender, ctx) {
      const { conversations, workspaceId, url } = await setUp(ctx?.workspaceId);
      const detail = await conversations.getConversationDetail(conversationId);
      rememberThread(workspaceId, detail); // a warm side panel open shows it at once (utils/compose/thread-memory.ts)
      return threadAnswer(detail, url(detail.id), lastParts, () => deps.admins(ctx?.workspaceId));
    },

    async 'conversation.reply'(request, _sender, ctx) {
      const workspace = ctx?.workspaceId;
      const hailerId = await deps.guard?.(workspace, {
        draftId: request.draftId,
        conversationId: request.conversationId,
        ...(request.draft.fromAdminId ? { adminId: request.draft.fromAdminId } : {}),
      });
      const [{ conversations, url }, defaultAdminId] = await Promise.all([setUp(workspace), deps.defaultAdminId(workspace)]);
      const kind = request.note ? 'note' : 'reply';
      const record = (status: 'sent' | 'failed' | 'maybe_sent' | 'duplicate', extra: object) =>
        void addHistory({ ...(hailerId ? { workspaceId: hailerId } : {}), at: Math.floor(Date.now() / 1000), to: deps.recipientLabel(request.recipient, hailerId), ref: request.recipient, channel: 'in_app', kind, status, ...extra });
      try {
        const outcome = await sendReply(request, { api: conversations, defaultAdminId, conversationUrl: url });
        // The newest few: after a long gap (or past Intercom's 500 parts) the list could be long.
        if (outcome.status === 'collision') return { ...outcome, parts: outcome.parts.slice(-PARTS_SHOWN).map(toPartSummary) };
        record(outcome.copies ? 'duplicate' : 'sent', { conversationUrl: outcome.conversationUrl, conversationId: outcome.conversationId });
        return { ...outcome, followUp: outcome.followUp && toWireOutcome(outcome.followUp) };
      } catch (error) {
        const code = isHailerError(error) ? error.code : 'unknown';
        record(code === 'maybe_sent' ? 'maybe_sent' : 'failed', { error: code, conversationUrl: url(request.conversationId), draft: request.draft });
        throw error;
      }
    },

    async 'conversation.followUp'({ conversationId, followUp, fromAdminId }, _sender, ctx) {
      const workspace = ctx?.workspaceId;
      await deps.guard?.(workspace, { conversationId, ...(fromAdminId ? { adminId: fromAdminId } : {}) });
      const { conversations } = await setUp(workspace);
      return toWireOutcome(await applyFollowUp(conversations, conversationId, fromAdminId ?? (await deps.defaultAdminId(workspace)), followUp));
    },

    // Every panel asks; teams rarely change: Intercom is asked at most every few minutes.
    async 'teams.list'(_, _sender, ctx) {
      const { api, appBaseUrl } = await deps.intercom(ctx?.workspaceId);
      const workspace = `${appBaseUrl} ${await deps.workspaceId(ctx?.workspaceId)}`;
      const remembered = teamsMemory.recall(workspace);
      if (remembered) return { teams: remembered.value };
      const teams = await conversationsApi(api).listTeams();
      teamsMemory.keep(workspace, teams);
      return { teams };
    },
  };
}

function toWireOutcome(outcome: FollowUpOutcome) {
  if (outcome.ok) return { ok: true };
  const error = toWireError(new HailerError(outcome.code, outcome.detail ? { detail: outcome.detail } : {}));
  // The follow-up's request went out: an answer Hailer could not read leaves open whether it was applied.
  return { ok: false, error: outcome.code === 'unreadable_answer' ? { ...error, action: t('error_unreadable_answer_follow_up_action') } : error };
}

/** `conversation.get`'s answer for a conversation's detail: its summary and latest `lastParts` parts. */
export async function threadAnswer(detail: ConversationDetail, url: string, lastParts: number, admins: () => Promise<AdminSummary[]>): Promise<CallReply<'conversation.get'>> {
  const team = detail.adminAssigneeId ? await admins().catch(() => []) : [];
  const [summary] = toConversationSummaries([{ ...detail, assigneeId: detail.adminAssigneeId, sourceBody: detail.parts[0]?.body ?? null }], team, () => url);
  return {
    conversation: summary!,
    parts: detail.parts.slice(-lastParts).map(toPartSummary),
    totalParts: detail.parts.length,
    latestPartId: detail.parts.at(-1)?.id ?? null,
  };
}

/** A contact's conversations as the panel lists them: open first, newest first, labelled. */
export function toConversationSummaries(
  list: { id: string; title: string | null; state: string; updatedAt: number; assigneeId?: string | null; sourceBody: string | null }[],
  admins: AdminSummary[],
  url: (id: string) => string,
): ConversationSummary[] {
  const now = Date.now() / 1000;
  return sortConversations(list).map((c) => {
    const summary = {
      id: c.id,
      title: c.title,
      state: c.state,
      updatedAt: c.updatedAt,
      url: url(c.id),
      assignee: admins.find((a) => a.id === c.assigneeId)?.name ?? null,
      firstLine: firstLine(c.sourceBody),
    };
    return { ...summary, label: conversationLabel(summary, now) };
  });
}

export function toPartSummary(part: Part): PartSummary {
  const type = part.authorType ?? '';
  const summary = {
    id: part.id,
    kind: part.kind,
    authorRole: ['user', 'lead', 'contact'].includes(type) ? ('customer' as const) : ['admin', 'team'].includes(type) ? ('teammate' as const) : ('other' as const),
    authorName: part.authorName,
    text: htmlToText(part.body ?? '').slice(0, TEXT_CHARS),
    at: part.createdAt,
  };
  return { ...summary, line: partLine(summary) };
}

/** The first non-empty line of an HTML body, in plain text. */
export function firstLine(html: string | null): string | null {
  const line = htmlToText(html ?? '')
    .split('\n')
    .find((l) => l.trim());
  return line ? line.trim().slice(0, 120) : null;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };

/** Intercom bodies are HTML; paragraphs and breaks become newlines, tags go, entities are decoded. */
export function htmlToText(html: string): string {
  return html
    .replace(/<\/(p|div|li|h\d)>|<br\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, e: string) => ENTITIES[e]!)
    .replace(/\n{2,}/g, '\n')
    .trim();
}
