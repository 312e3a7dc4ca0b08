// Continuing a conversation in the simulated Intercom: admin replies and notes
// (POST /conversations/{id}/reply), assignment, close, snooze and open (POST /conversations/{id}/parts),
// and the workspace's teams (GET /teams). Each action leaves a conversation part, as Intercom's do,
// so GET /conversations/{id} shows what happened and in which order.
import { ApiError } from './api.mjs';

/** The workspace's teams (fixed, like the rest of the seed). */
export const TEAMS = Object.freeze([
  Object.freeze({ id: '814001', name: 'Billing', adminIds: ['991001', '991002'] }),
  Object.freeze({ id: '814002', name: 'Escalations', adminIds: ['991003'] }),
]);

/** Handlers by operationId, spread into api.mjs's `handlers`. */
export const conversationHandlers = {
  replyConversation({ state, params, body, now, isVisible }) {
    const conversation = findConversation(state, params.conversation_id, isVisible);
    if (body.type !== 'admin') throw new ApiError(422, 'parameter_invalid', 'The simulator takes admin replies only', true);
    if (body.message_type === 'quick_reply') throw new ApiError(422, 'parameter_invalid', 'The simulator does not send quick replies', true);
    // "Must be present for comment and note message types." (the description; not a schema rule)
    if (!body.body) throw new ApiError(400, 'parameter_not_found', `body is required for a ${body.message_type}`, true);
    const admin = findAdmin(state, body.admin_id);
    addPart(state, conversation, { part_type: body.message_type, body: body.body, author: adminAuthor(admin) }, now);
    // An admin's reply reopens a closed or snoozed conversation; a note leaves it as it is.
    if (body.message_type === 'comment' && conversation.state !== 'open') setState(conversation, 'open');
    if (body.message_type === 'comment') conversation.waiting_since = null; // "null if last reply is from an Admin"
    return ok(conversation);
  },

  manageConversation({ state, params, body, now, isVisible }) {
    const conversation = findConversation(state, params.conversation_id, isVisible);
    const admin = findAdmin(state, body.admin_id);
    const part = { author: adminAuthor(admin), body: body.body ?? null };
    switch (body.message_type) {
      case 'close':
        setState(conversation, 'closed');
        addPart(state, conversation, { ...part, part_type: 'close' }, now);
        break;
      case 'open':
        setState(conversation, 'open');
        addPart(state, conversation, { ...part, part_type: 'open' }, now);
        break;
      case 'snoozed': {
        if (body.snoozed_until <= Math.floor(now / 1000)) {
          throw new ApiError(422, 'parameter_invalid', 'snoozed_until must be in the future', true);
        }
        setState(conversation, 'snoozed');
        conversation.snoozed_until = body.snoozed_until;
        addPart(state, conversation, { ...part, part_type: 'snoozed' }, now);
        break;
      }
      case 'assignment': {
        const assignee = String(body.assignee_id);
        if (body.type === 'team') {
          if (assignee !== '0' && !TEAMS.some((t) => t.id === assignee)) throw new ApiError(404, 'team_not_found', 'Team not found');
          conversation.team_assignee_id = assignee === '0' ? null : Number(assignee);
        } else {
          if (assignee !== '0') findAdmin(state, assignee);
          conversation.admin_assignee_id = assignee === '0' ? null : Number(assignee);
          conversation.teammates = { type: 'admin.list', teammates: assignee === '0' ? [] : [{ type: 'admin', id: assignee }] };
        }
        addPart(state, conversation, { ...part, part_type: 'assignment', assigned_to: { type: body.type, id: assignee } }, now);
        break;
      }
      default:
        throw new ApiError(400, 'parameter_invalid', `Unknown message_type ${body.message_type}`, true);
    }
    return ok(conversation);
  },

  listTeams() {
    return ok({ type: 'team.list', teams: TEAMS.map(teamObject) });
  },
};

/**
 * Test hook: the customer writes in a conversation (what a collision test needs between the panel
 * opening and Send). Answers the new part.
 */
export function addCustomerPart(state, conversationId, body, now = Date.now()) {
  const conversation = state.conversations.find((c) => c.id === String(conversationId));
  if (!conversation) throw new TypeError(`No conversation ${conversationId}`);
  const contactId = conversation.contacts.contacts[0]?.id;
  const contact = state.contacts.find((c) => c.id === contactId);
  if (!contact) throw new TypeError(`Conversation ${conversationId} has no contact`);
  const author = { type: contact.role, id: contact.id, name: contact.name, email: contact.email };
  const part = addPart(state, conversation, { part_type: 'comment', body, author }, now);
  if (conversation.state !== 'open') setState(conversation, 'open');
  conversation.waiting_since ??= part.created_at; // since the customer started waiting, not their latest part
  return part;
}

function findConversation(state, id, isVisible) {
  const conversation = state.conversations.find((c) => c.id === String(id) && isVisible(c));
  if (!conversation) throw new ApiError(404, 'not_found', 'Resource Not Found');
  return conversation;
}

function findAdmin(state, id) {
  const admin = state.admins.find((a) => a.id === String(id));
  if (!admin) throw new ApiError(404, 'admin_not_found', 'Admin not found');
  return admin;
}

const adminAuthor = (admin) => ({ type: 'admin', id: admin.id, name: admin.name, email: admin.email });

function setState(conversation, state) {
  conversation.state = state;
  conversation.open = state !== 'closed';
  if (state !== 'snoozed') conversation.snoozed_until = null;
}

/** Intercom's `conversation_part`, appended; the conversation's updated_at follows it. */
function addPart(state, conversation, { part_type, body, author, assigned_to = null }, now) {
  state.nextPartId = (state.nextPartId ?? 0) + 1;
  const at = Math.floor(now / 1000);
  const part = {
    type: 'conversation_part',
    id: String(70000000 + state.nextPartId),
    part_type,
    body,
    created_at: at,
    updated_at: at,
    notified_at: at,
    assigned_to,
    author,
    attachments: [],
    external_id: null,
    redacted: false,
  };
  const list = conversation.conversation_parts;
  list.conversation_parts.push(part);
  list.total_count = list.conversation_parts.length;
  conversation.updated_at = Math.max(conversation.updated_at, at);
  return part;
}

const teamObject = (team) => ({
  type: 'team',
  id: team.id,
  name: team.name,
  admin_ids: team.adminIds.map(Number),
  admin_priority_level: { primary_admin_ids: null, secondary_admin_ids: null },
  assignment_limit: null,
  distribution_method: 'round_robin',
});

const ok = (body) => ({ status: 200, body });
