// Continuing a conversation through Intercom 2.14: read it with its parts (GET /conversations/{id}),
// reply or leave a note (POST /conversations/{id}/reply), assign, close or snooze it
// (POST /conversations/{id}/parts), and list the workspace's teams (GET /teams). Request bodies follow
// the description's admin_reply_conversation_request, assign_/close_/snooze_conversation_request.
// Like the rest of the client: nothing is retried here; the reply flow decides.
import { z } from 'zod';
import { HailerError, isHailerError } from '../errors';
import type { IntercomClient } from './client';
import { Id } from './schemas';

/** `conversation_part_author` (admin, user, lead, bot, team). */
const PartAuthor = z.looseObject({
  type: z.string().nullish(),
  id: Id.nullish(),
  name: z.string().nullish(),
});

/** `conversation_part`. Its `id` is a string in the schema and a number in the documented examples. */
const ConversationPart = z.looseObject({
  id: Id,
  part_type: z.string(),
  body: z.string().nullish(),
  created_at: z.number(),
  author: PartAuthor.nullish(),
  assigned_to: z.looseObject({ type: z.string().nullish(), id: Id.nullish() }).nullish(),
});

// Assignee ids are integers in the description and strings in some examples.
const AssigneeId = Id.nullish();

/** `conversation`, as GET /conversations/{id} and both POSTs answer it: with its parts. */
export const ConversationWithParts = z.looseObject({
  id: Id,
  title: z.string().nullish(),
  created_at: z.number(),
  updated_at: z.number(),
  state: z.string(),
  admin_assignee_id: AssigneeId,
  team_assignee_id: AssigneeId,
  source: z.looseObject({ id: Id.nullish(), body: z.string().nullish(), author: PartAuthor.nullish() }).nullish(),
  contacts: z.looseObject({ contacts: z.array(z.looseObject({ id: Id })).nullish() }).nullish(),
  conversation_parts: z.looseObject({ conversation_parts: z.array(ConversationPart).nullish() }).nullish(),
});

/** `team_list`: GET /teams. */
export const TeamList = z.looseObject({ teams: z.array(z.looseObject({ id: Id, name: z.string() })) });

export interface Part {
  /** The part's id; `source:<id>` for the message that opened the conversation. */
  id: string;
  /** Intercom's part_type: comment, note, assignment, close, open, snoozed, … ("source" for the first message). */
  kind: string;
  body: string | null;
  /** Epoch seconds. */
  createdAt: number;
  authorType: string | null;
  authorId: string | null;
  authorName: string | null;
}

export interface ConversationDetail {
  id: string;
  title: string | null;
  state: string;
  updatedAt: number;
  adminAssigneeId: string | null;
  teamAssigneeId: string | null;
  contactIds: string[];
  /** The opening message first, then every part Intercom returns (its 500 most recent), oldest first. */
  parts: Part[];
}

export interface Team {
  id: string;
  name: string;
}

/** What to do with a conversation after the message or reply landed. */
export type ConversationAction =
  | { kind: 'assign_admin'; assigneeId: string }
  | { kind: 'assign_team'; teamId: string }
  | { kind: 'close' }
  | { kind: 'snooze'; until: number };

export function conversationsApi(client: Pick<IntercomClient, 'request'>) {
  const path = (id: string, tail = '') => `/conversations/${encodeURIComponent(id)}${tail}`;

  return {
    async getConversationDetail(id: string): Promise<ConversationDetail> {
      return toDetail(await onConversation(() => client.request(ConversationWithParts, path(id))));
    },

    /** An admin comment the customer sees, or a note only teammates see. */
    async reply(id: string, q: { adminId: string; body: string; note: boolean }): Promise<ConversationDetail> {
      const body = { message_type: q.note ? 'note' : 'comment', type: 'admin', admin_id: q.adminId, body: q.body };
      return toDetail(await onConversation(() => client.request(ConversationWithParts, path(id, '/reply'), { method: 'POST', body })));
    },

    /** One follow-up action, by `adminId`. */
    async manage(id: string, adminId: string, action: ConversationAction): Promise<ConversationDetail> {
      const body =
        action.kind === 'close'
          ? { message_type: 'close', type: 'admin', admin_id: adminId }
          : action.kind === 'snooze'
            ? { message_type: 'snoozed', admin_id: adminId, snoozed_until: Math.floor(action.until) }
            : action.kind === 'assign_admin'
              ? { message_type: 'assignment', type: 'admin', admin_id: adminId, assignee_id: action.assigneeId }
              : { message_type: 'assignment', type: 'team', admin_id: adminId, assignee_id: action.teamId };
      return toDetail(await onConversation(() => client.request(ConversationWithParts, path(id, '/parts'), { method: 'POST', body })));
    },

    async listTeams(): Promise<Team[]> {
      const { teams } = await client.request(TeamList, '/teams');
      return teams.map((team) => ({ id: team.id, name: team.name }));
    },
  };
}

export type ConversationsApi = ReturnType<typeof conversationsApi>;

/** On a conversation, 404 means it is gone (deleted, merged) and 409 that it changed under us. */
async function onConversation<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isHailerError(error) && error.status === 404) throw new HailerError('conversation_gone', { status: 404, requestId: error.requestId });
    if (isHailerError(error) && error.status === 409) {
      throw new HailerError('conversation_conflict', { status: 409, requestId: error.requestId, detail: error.detail });
    }
    throw error;
  }
}

function toDetail(c: z.output<typeof ConversationWithParts>): ConversationDetail {
  const id = (value: string | null | undefined) => (value === null || value === undefined || value === '0' ? null : value);
  const opening: Part[] = c.source
    ? [
        {
          id: `source:${c.source.id ?? c.id}`,
          kind: 'source',
          body: c.source.body ?? null,
          createdAt: c.created_at,
          authorType: c.source.author?.type ?? null,
          authorId: c.source.author?.id ?? null,
          authorName: c.source.author?.name ?? null,
        },
      ]
    : [];
  const parts = (c.conversation_parts?.conversation_parts ?? []).map((p) => ({
    id: p.id,
    kind: p.part_type,
    body: p.body ?? null,
    createdAt: p.created_at,
    authorType: p.author?.type ?? null,
    authorId: p.author?.id ?? null,
    authorName: p.author?.name ?? null,
  }));
  return {
    id: c.id,
    title: c.title ?? null,
    state: c.state,
    updatedAt: c.updated_at,
    adminAssigneeId: id(c.admin_assignee_id),
    teamAssigneeId: id(c.team_assignee_id),
    contactIds: c.contacts?.contacts?.map((contact) => contact.id) ?? [],
    parts: [...opening, ...parts],
  };
}

/** The parts after the one the agent last saw (all of them when it is no longer among them). */
export function partsAfter(parts: Part[], seenPartId: string | null): Part[] {
  if (seenPartId === null) return parts;
  const at = parts.findIndex((p) => p.id === seenPartId);
  return at === -1 ? parts : parts.slice(at + 1);
}
