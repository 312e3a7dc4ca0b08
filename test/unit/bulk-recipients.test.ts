import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseRecipients } from '@/utils/bulk/recipients';

const team = { emails: ['ada@acme.test'], domains: ['acme.test'] };
const none = { emails: [], domains: [] };

describe('parseRecipients', () => {
  it('reads one identifier per line: emails, Intercom ids and user ids', () => {
    const parsed = parseRecipients('jane@globex.test\n6650a1b2c3d4e5f601000002\r\nusr_1003\n\n', none);
    expect(parsed.recipients).toEqual([
      { kind: 'email', value: 'jane@globex.test' },
      { kind: 'contact_id', value: '6650a1b2c3d4e5f601000002' },
      { kind: 'user_id', value: 'usr_1003' },
    ]);
    expect(parsed.dropped).toEqual({ duplicate: 0, team: 0, malformed: 0 });
    expect(parsed.column).toBeNull();
  });

  it('lets a header row pick the column and say what it holds', () => {
    const csv = 'Name,Plan,Email\n"Cooper, Jane",Pro,jane@globex.test\nMarcus,Team,MARCUS@Globex.test\nNo email,Pro,\n';
    const parsed = parseRecipients(csv, none);
    expect(parsed.column).toBe('Email');
    expect(parsed.recipients).toEqual([
      { kind: 'email', value: 'jane@globex.test' },
      { kind: 'email', value: 'MARCUS@globex.test' },
    ]);
    expect(parsed.dropped.malformed).toBe(1);
    const ids = parseRecipients('user_id;name\nusr_1;A\n6650a1b2c3d4e5f601000002;B', none);
    expect(ids.recipients).toEqual([
      { kind: 'user_id', value: 'usr_1' },
      { kind: 'user_id', value: '6650a1b2c3d4e5f601000002' },
    ]);
    // An id column holds Intercom ids only.
    expect(parseRecipients('id\nnot-an-intercom-id\n6650a1b2c3d4e5f601000002', none).recipients).toEqual([{ kind: 'contact_id', value: '6650a1b2c3d4e5f601000002' }]);
  });

  it('drops and counts duplicates, the team and malformed entries', () => {
    const parsed = parseRecipients(['a@x.test', 'A@X.test', 'ada@acme.test', 'someone@eu.acme.test', 'not an email @', 'b@x.test', 'ada@acme.test'].join('\n'), team);
    expect(parsed.recipients.map((r) => r.value)).toEqual(['a@x.test', 'b@x.test']);
    expect(parsed.dropped).toEqual({ duplicate: 2, team: 2, malformed: 1 });
  });

  it('takes the email of a row of several cells without a header', () => {
    expect(parseRecipients('Jane Cooper\tjane@globex.test\t42\nMarcus\tnothing here', none)).toMatchObject({
      recipients: [{ kind: 'email', value: 'jane@globex.test' }],
      dropped: { malformed: 1 },
    });
  });

  it('reads text after a closing quote as written, not glued to the quoted part', () => {
    // `"\n-"A` once became the user id "-A", a value the text never spells.
    expect(parseRecipients('"\n-"A', none)).toMatchObject({ recipients: [], dropped: { malformed: 1 } });
    expect(parseRecipients('"jane@globex.test"x@y.test\n"marcus@globex.test" ,usr_9', none)).toMatchObject({
      recipients: [{ kind: 'email', value: 'marcus@globex.test' }],
      dropped: { malformed: 1 },
    });
  });

  it('never throws and never invents a recipient (fast-check)', () => {
    const cell = fc.oneof(fc.emailAddress(), fc.string(), fc.stringMatching(/^[0-9a-f]{24}$/), fc.constantFrom('email', 'id', 'user_id', '"', ',', ';', '\t', '\r\n'));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { maxLength: 4 }), { maxLength: 30 }), fc.constantFrom(',', ';', '\t'), (rows, delimiter) => {
        const text = rows.map((r) => r.join(delimiter)).join('\n');
        const parsed = parseRecipients(text, team);
        const lower = text.toLowerCase();
        for (const r of parsed.recipients) expect(lower).toContain(r.value.toLowerCase());
        const keys = parsed.recipients.map((r) => `${r.kind}:${r.value.toLowerCase()}`);
        expect(new Set(keys).size).toBe(keys.length);
        expect(parsed.recipients.every((r) => r.kind !== 'email' || !r.value.toLowerCase().endsWith('acme.test'))).toBe(true);
      }),
      { numRuns: 400 },
    );
    for (const junk of ['', '\n\n', '"', '"""', ',,,', '\u0000', 'x'.repeat(3_000_000)]) expect(() => parseRecipients(junk, team)).not.toThrow();
  });
});
