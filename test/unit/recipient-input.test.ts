import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findEmailInText, parseRecipientInput } from '../../utils/compose/recipient-input';

describe('parseRecipientInput', () => {
  it.each([
    ['jane@acme.test', { kind: 'email', value: 'jane@acme.test' }],
    ['  Jane@ACME.test ', { kind: 'email', value: 'Jane@acme.test' }],
    ['Jane Cooper <jane@acme.test>', { kind: 'email', value: 'jane@acme.test' }],
    ['mailto:jane%2Bsupport@acme.test?subject=Hi', { kind: 'email', value: 'jane+support@acme.test' }],
    ['MAILTO:jane@acme.test,other@acme.test', { kind: 'email', value: 'jane@acme.test' }],
    ['6650A1B2C3D4E5F601000001', { kind: 'contact_id', value: '6650a1b2c3d4e5f601000001' }],
    ['usr_1001', { kind: 'user_id', value: 'usr_1001' }],
    ['42', { kind: 'user_id', value: '42' }],
  ])('reads %j', (input, expected) => {
    expect(parseRecipientInput(input)).toEqual(expected);
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['jane@', 'invalid'],
    ['@acme.test', 'invalid'],
    ['two words', 'invalid'],
    ['<script>alert(1)</script>', 'invalid'],
    ['mailto:%E0%A4%A', 'invalid'],
    ['x'.repeat(3000), 'too_long'],
  ])('refuses %j', (input, error) => {
    expect(parseRecipientInput(input)).toEqual({ error });
  });

  it('never throws and always answers a valid shape (10,000 generated inputs)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.emailAddress(), fc.webUrl(), fc.string({ unit: 'grapheme', maxLength: 300 })), (input) => {
        const r = parseRecipientInput(input);
        if ('error' in r) return ['empty', 'too_long', 'invalid'].includes(r.error);
        return ['email', 'contact_id', 'user_id'].includes(r.kind) && r.value.length > 0 && r.value.length <= 255 && !/\s/.test(r.value);
      }),
      { numRuns: 10_000 },
    );
  });
});

describe('findEmailInText', () => {
  it('finds the email in a selection', () => {
    expect(findEmailInText('Ticket from Jane (jane@acme.test).')).toBe('jane@acme.test');
    expect(findEmailInText('no address here')).toBeNull();
  });
});
