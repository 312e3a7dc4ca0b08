// Contract: every answer example Intercom documents, for every operation Hailer calls, in 2.11, 2.14,
// 2.16 and Preview, is read by the client's own zod schemas (success answers) or turned into a
// HailerError (error answers). These examples were written by Intercom, not by us: numeric part ids,
// bot and team authors, `assigned_to` a contact, ticket and AI-agent fields. A property then
// generates answers from each operation's documented response schema (optional fields dropped or
// present, nullable fields null) and checks each is read or refused with a clear error, never thrown.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { HailerError } from '../../utils/errors';
import { AttachedCompanies, ContactDetail, DataAttributeList, fetchContactCard, listContactAttributes, TagList } from '../../utils/intercom/card';
import { createIntercomClient, type IntercomClient } from '../../utils/intercom/client';
import { conversationsApi, ConversationWithParts, TeamList } from '../../utils/intercom/conversations';
import { errorFromResponse } from '../../utils/intercom/errors';
import { AdminTeams, adminTeamIds, fetchMacros, MacroList } from '../../utils/intercom/macros';
import { AdminList, AdminWithApp, Contact, ContactList, Conversation, ConversationList, Message } from '../../utils/intercom/schemas';
import { DOCUMENTED_VERSIONS, readDescription } from '../intercom-simulator/openapi.mjs';

type Schema = z.ZodType;
/** Each operation Hailer calls (by operationId) and every schema of ours that reads its success answer. */
const READERS: Record<string, Record<string, Schema>> = {
  identifyAdmin: { AdminWithApp },
  listAdmins: { AdminList },
  retrieveAdmin: { AdminTeams },
  SearchContacts: { ContactList },
  ShowContact: { Contact, ContactDetail },
  CreateContact: { Contact },
  listCompaniesForAContact: { AttachedCompanies },
  listTagsForAContact: { TagList },
  lisDataAttributes: { DataAttributeList },
  listDataAttributes: { DataAttributeList },
  listMacros: { MacroList },
  createMessage: { Message },
  searchConversations: { ConversationList },
  retrieveConversation: { Conversation, ConversationWithParts },
  replyConversation: { ConversationWithParts },
  manageConversation: { ConversationWithParts },
  listTeams: { TeamList },
};
/** Operations every version documents (GET /macros arrived in 2.16; 2.14 spells one operationId `lisDataAttributes`). */
const IN_EVERY_VERSION = Object.keys(READERS).filter((id) => !['listMacros', 'lisDataAttributes', 'listDataAttributes'].includes(id));

interface Operation {
  operationId: string;
  method: string;
  path: string;
  responses: Record<string, { content?: Record<string, { schema?: unknown; examples?: Record<string, { value?: unknown }>; example?: unknown }> }>;
}
interface Description {
  paths: Record<string, Record<string, Operation | undefined>>;
  components: { schemas: Record<string, unknown> };
}

const descriptions = new Map(DOCUMENTED_VERSIONS.map((version: string) => [version, readDescription(version) as Description]));

function operations(version: string): Operation[] {
  const found: Operation[] = [];
  for (const [path, item] of Object.entries(descriptions.get(version)!.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (op && typeof op === 'object' && op.operationId && READERS[op.operationId]) found.push({ ...op, method: method.toUpperCase(), path });
    }
  }
  return found;
}

function examples(op: Operation): { status: number; name: string; value: unknown }[] {
  return Object.entries(op.responses).flatMap(([status, response]) => {
    const json = response.content?.['application/json'];
    if (!json) return [];
    const named = Object.entries(json.examples ?? {}).map(([name, example]) => ({ status: Number(status), name, value: example.value }));
    return json.example === undefined ? named : [...named, { status: Number(status), name: 'example', value: json.example }];
  });
}

const readable = (schema: Schema, value: unknown) => {
  const parsed = schema.safeParse(value);
  return parsed.success ? 'read' : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
};

describe.each(DOCUMENTED_VERSIONS)('Intercom %s: the documented examples', (version: string) => {
  const ops = operations(version);

  it('documents every operation Hailer calls', () => {
    const ids = new Set(ops.map((op) => op.operationId));
    expect(IN_EVERY_VERSION.filter((id) => !ids.has(id))).toEqual([]);
    expect(ids.has('lisDataAttributes') || ids.has('listDataAttributes')).toBe(true);
  });

  const success = ops.flatMap((op) =>
    examples(op)
      .filter((e) => e.status < 300)
      .flatMap((e) => Object.entries(READERS[op.operationId]!).map(([reader, schema]) => ({ op, e, reader, schema }))),
  );
  it.each(success.map((c) => [`${c.op.operationId} "${c.e.name}" read by ${c.reader}`, c] as const))('%s', (_, { e, schema }) => {
    expect(readable(schema, e.value)).toBe('read');
  });

  const failures = ops.flatMap((op) => examples(op).filter((e) => e.status >= 400).map((e) => ({ op, e })));
  it.each(failures.map((c) => [`${c.op.operationId} ${c.e.status} "${c.e.name}"`, c] as const))('%s becomes a HailerError', (_, { e }) => {
    const error = errorFromResponse({ status: e.status, headers: new Headers(), body: e.value });
    expect(error).toBeInstanceOf(HailerError);
    expect(error.code).not.toBe('unknown');
  });
});

describe('the client reads the documented answers it is given', () => {
  const doc = descriptions.get('2.16')!;
  const example = (operationId: string, status = '200') => {
    const op = Object.values(doc.paths)
      .flatMap((item) => Object.values(item))
      .find((o) => o?.operationId === operationId)!;
    return Object.values(op.responses[status]!.content!['application/json']!.examples!)[0]!.value as Record<string, unknown>;
  };
  const answering = (body: unknown) =>
    createIntercomClient({
      token: 'tok',
      apiBaseUrl: 'https://api.intercom.test',
      fetch: async () => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } }),
    });

  it('a conversation with numeric part ids, bot authors and a contact assignee: ids become strings', async () => {
    const answer = example('retrieveConversation');
    const conversation = await answering(answer).getConversation(String(answer.id));
    expect(conversation.id).toBe(String(answer.id));
    expect(typeof conversation.id).toBe('string');
    expect(conversation.contactIds.every((id) => typeof id === 'string')).toBe(true);
  });
});

/** A value a documented schema allows, drawn from it: optional fields dropped or present, nullable ones null. */
function arbitraryOf(schema: unknown, components: Record<string, unknown>, depth = 0): fc.Arbitrary<unknown> {
  const s = (schema ?? {}) as Record<string, unknown>;
  if (depth > 7) return fc.constant(null);
  const next = (sub: unknown) => arbitraryOf(sub, components, depth + 1);
  if (typeof s.$ref === 'string') {
    const target = components[s.$ref.split('/').pop()!];
    return s.nullable ? fc.oneof(fc.constant(null), next(target)) : next(target);
  }
  const nullable = (arb: fc.Arbitrary<unknown>) => (s.nullable ? fc.oneof(fc.constant(null), arb) : arb);
  const branches = (s.oneOf ?? s.anyOf) as unknown[] | undefined;
  if (branches?.length) return nullable(fc.oneof(...branches.map(next)));
  if (Array.isArray(s.allOf)) {
    return nullable(
      fc.tuple(...(s.allOf as unknown[]).map(next)).map((parts) =>
        Object.assign({}, ...parts.filter((p) => p && typeof p === 'object')),
      ),
    );
  }
  if (Array.isArray(s.enum)) return nullable(fc.constantFrom(...(s.enum as unknown[])));
  switch (s.type) {
    case 'string':
      return nullable(s.example !== undefined ? fc.oneof(fc.constant(s.example), fc.string()) : fc.string());
    case 'integer':
      return nullable(fc.integer({ min: 0, max: 2_000_000_000 }));
    case 'number':
      return nullable(fc.double({ noNaN: true, noDefaultInfinity: true }));
    case 'boolean':
      return nullable(fc.boolean());
    case 'array':
      return nullable(fc.array(next(s.items), { maxLength: 3 }));
    default: {
      const properties = (s.properties ?? {}) as Record<string, unknown>;
      const required = new Set((s.required ?? []) as string[]);
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, sub] of Object.entries(properties)) record[key] = next(sub);
      const keys = Object.keys(record);
      return nullable(
        fc.record(record, { requiredKeys: keys.filter((k) => required.has(k)) }) as fc.Arbitrary<unknown>,
      );
    }
  }
}

/** Each operation through the client's own methods, which read the answer and map it for the rest of Hailer. */
const CALLS: Record<string, (client: IntercomClient) => Promise<unknown>> = {
  identifyAdmin: (c) => c.me(),
  listAdmins: (c) => c.listAdmins(),
  retrieveAdmin: (c) => adminTeamIds(c, '1'),
  SearchContacts: (c) => c.searchContacts({ field: 'email', operator: '=', value: 'a@b.co' }, 5),
  ShowContact: (c) => c.getContact('c1'),
  CreateContact: (c) => c.createLead('a@b.co'),
  listCompaniesForAContact: (c) => fetchContactCard(c, 'c1', []),
  listTagsForAContact: (c) => fetchContactCard(c, 'c1', []),
  lisDataAttributes: (c) => listContactAttributes(c),
  listDataAttributes: (c) => listContactAttributes(c),
  listMacros: (c) => fetchMacros(c),
  createMessage: (c) =>
    c.createMessage({ message_type: 'in_app', body: 'Hi', from: { type: 'admin', id: 1 }, to: { type: 'user', id: 'c1' }, create_conversation_without_contact_reply: true }),
  searchConversations: (c) => c.findRecentConversations({ contactId: 'c1', limit: 5 }),
  retrieveConversation: async (c) => [await c.getConversation('1'), await conversationsApi(c).getConversationDetail('1')],
  replyConversation: (c) => conversationsApi(c).reply('1', { adminId: '1', body: 'Hi', note: false }),
  manageConversation: (c) => conversationsApi(c).manage('1', '1', { kind: 'close' }),
  listTeams: (c) => conversationsApi(c).listTeams(),
};
/** What a refusal may say: the answer could not be read, or (a contact that is neither user nor lead) nobody to message. */
const CLEAR_REFUSALS = ['unreadable_answer', 'recipient_not_found'];

describe('answers generated from the documented response schemas', () => {
  for (const version of ['2.14', '2.16']) {
    const doc = descriptions.get(version)!;
    for (const op of operations(version)) {
      const schema = op.responses['200']?.content?.['application/json']?.schema;
      if (!schema) continue;
      it(`${version} ${op.operationId}: read or refused with a clear error, never thrown`, async () => {
        await fc.assert(
          fc.asyncProperty(arbitraryOf(schema, doc.components.schemas), async (answer) => {
            const client = createIntercomClient({
              token: 'tok',
              apiBaseUrl: 'https://api.intercom.test',
              fetch: async () => new Response(JSON.stringify(answer), { status: 200, headers: { 'content-type': 'application/json' } }),
            });
            const outcome = await CALLS[op.operationId]!(client).then(
              () => 'read',
              (error: unknown) => error,
            );
            if (outcome === 'read') return;
            expect(outcome).toBeInstanceOf(HailerError);
            expect(CLEAR_REFUSALS).toContain((outcome as HailerError).code);
            if ((outcome as HailerError).code === 'unreadable_answer') expect((outcome as HailerError).detail).toMatch(/^(GET|POST) \/\S*: \S/);
          }),
          { numRuns: 60 },
        );
      });
    }
  }
});
