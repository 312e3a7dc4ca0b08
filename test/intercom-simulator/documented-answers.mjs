// The simulator's "documented answers" mode (option `documentedAnswers`): every successful answer is
// dressed in the shape of Intercom's own documented example for that operation, while the state
// stays the simulator's. Intercom's examples differ from its schemas and from what Hailer's code was
// first written against: conversation part ids are numbers, parts are written by bots, teams and
// integrations, a part may be `assigned_to` a contact, and conversations carry ticket, AI-agent and
// linked-object fields. A client that reads only what the schemas promise breaks on them; this mode
// lets every flow run end to end against those shapes.
import { loadSpec } from './openapi.mjs';

/**
 * Fields Hailer reads (or whose absence means something): never copied from an example, where they
 * would be another customer's data. Every other field the example has and the answer lacks is added.
 */
const MEANINGFUL = new Set([
  'id', 'type', 'email', 'name', 'external_id', 'role', 'conversation_id', 'title', 'source', 'contacts',
  'conversation_parts', 'admin_assignee_id', 'team_assignee_id', 'state', 'open', 'created_at', 'updated_at',
  'custom_attributes', 'companies', 'location', 'tags', 'signed_up_at', 'last_seen_at', 'pages', 'data',
  'conversations', 'admins', 'teams', 'app', 'team_ids', 'body', 'body_text', 'visible_to',
  'visible_to_team_ids', 'available_on', 'full_name', 'label', 'data_type', 'custom', 'archived', 'subject',
  'author', 'part_type', 'assigned_to', 'snoozed_until', 'waiting_since', 'total_count', 'unsubscribed_from_emails',
]);

/** Operations whose answer is a conversation with its parts. */
const WITH_PARTS = new Set(['retrieveConversation', 'replyConversation', 'manageConversation']);

const examples = new Map();
/** The first documented 200 example of an operation in `version`, or null. */
function exampleOf(operationId, version) {
  const key = `${version} ${operationId}`;
  if (!examples.has(key)) {
    const route = loadSpec(version).routes.find((r) => r.operationId === operationId);
    const documented = route?.op.responses?.['200']?.content?.['application/json']?.examples ?? {};
    examples.set(key, Object.values(documented)[0]?.value ?? null);
  }
  return examples.get(key);
}

const isObject = (x) => x !== null && typeof x === 'object' && !Array.isArray(x);
const clone = (x) => (x === undefined ? x : structuredClone(x));

/** `ours` with every field of `example` it lacks (MEANINGFUL ones aside), at every level both have. */
function dress(ours, example) {
  if (Array.isArray(ours)) {
    const template = Array.isArray(example) ? example.find(isObject) : undefined;
    return template ? ours.map((item) => (isObject(item) ? dress(item, template) : item)) : ours;
  }
  if (!isObject(ours) || !isObject(example)) return ours;
  const out = {};
  for (const [key, value] of Object.entries(ours)) out[key] = key in example ? dress(value, example[key]) : value;
  for (const [key, value] of Object.entries(example)) if (!(key in out) && !MEANINGFUL.has(key)) out[key] = clone(value);
  return out;
}

/**
 * What Intercom's examples show happening in a conversation beside the agent's own messages: an
 * integration's action, an attribute Fin (a bot) set, and an assignment to a contact by a team.
 * Placed at the conversation's start, so what the panel saw and the collision check reads agree.
 */
function documentedParts(conversation) {
  const contactId = conversation.contacts?.contacts?.[0]?.id ?? '1a2b3c';
  const base = 500_000_000 + Number(conversation.id) * 10;
  const at = conversation.created_at;
  const common = { type: 'conversation_part', body: null, created_at: at, updated_at: at, notified_at: at, attachments: [], redacted: false, tags: [] };
  return [
    {
      ...common,
      id: base + 1,
      part_type: 'custom_action_started',
      assigned_to: null,
      author: { type: 'admin', id: '274', name: 'Jamie Oliver', email: 'jamie+abcd1234@intercom.io' },
      external_id: null,
      email_message_metadata: null,
      state: conversation.state,
      event_details: { action: { name: 'Jira Create Issue' } },
      app_package_code: 'test-integration',
    },
    {
      ...common,
      id: base + 2,
      part_type: 'conversation_attribute_updated_by_admin',
      assigned_to: null,
      author: { type: 'bot', id: '278', name: 'Fin', email: 'operator+abcd1234@intercom.io' },
      external_id: null,
      email_message_metadata: null,
      state: conversation.state,
      event_details: { attribute: { name: 'jira_issue_key' }, value: { name: 'PROJ-007' } },
      app_package_code: null,
    },
    {
      ...common,
      id: base + 3,
      part_type: 'assignment',
      assigned_to: { type: 'contact', id: contactId },
      author: { type: 'team', id: '814001', name: 'Billing' },
      external_id: null,
      email_message_metadata: null,
      state: conversation.state,
      event_details: null,
      app_package_code: null,
    },
  ];
}

/** Part ids as the examples have them: numbers. */
const numericId = (part) => (/^\d+$/.test(String(part.id)) ? { ...part, id: Number(part.id) } : part);

function withDocumentedParts(conversation) {
  const list = conversation.conversation_parts;
  if (!isObject(list) || !Array.isArray(list.conversation_parts)) return conversation;
  const parts = [...documentedParts(conversation), ...list.conversation_parts.map(numericId)];
  return { ...conversation, conversation_parts: { ...list, conversation_parts: parts, total_count: parts.length } };
}

/** A successful answer of `operationId`, in the documented example's shape. */
export function documentedAnswer(operationId, body, version) {
  if (!isObject(body)) return body;
  const example = exampleOf(operationId, version);
  const dressed = example ? dress(body, example) : body;
  return WITH_PARTS.has(operationId) ? withDocumentedParts(dressed) : dressed;
}
