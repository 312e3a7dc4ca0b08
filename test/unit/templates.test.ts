import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_TEMPLATE_CHARS, renderTemplate } from '../../utils/compose/templates';
import type { ContactSummary } from '../../utils/protocol';

const jane: ContactSummary = {
  id: '6650a1b2c3d4e5f601000001',
  role: 'user',
  name: 'Jane Cooper',
  email: 'jane@acme.test',
  externalId: 'usr_1001',
  company: 'Acme Inc',
  customAttributes: { plan: 'Pro', seats: 18, trial: false, nested: { no: 1 }, 'Monthly spend': 40 },
};
const sam: ContactSummary = { id: '6650a1b2c3d4e5f601000004', role: 'lead', name: null, email: 'sam.rivera@example.test', externalId: null };
const text = (template: string, contact: ContactSummary | null = jane) => renderTemplate(template, contact, { html: false });

describe('renderTemplate', () => {
  it.each([
    ['{{first_name}}', 'Jane'],
    ['{{last_name}}', 'Cooper'],
    ['{{name}}', 'Jane Cooper'],
    ['{{email}}', 'jane@acme.test'],
    ['{{company}}', 'Acme Inc'],
    ['{{user_id}}', 'usr_1001'],
    ['{{custom.plan}}', 'Pro'],
    ['{{custom.seats}}', '18'],
    ['{{custom.trial}}', 'false'],
    ['{{ custom.Monthly spend }}', '40'],
    ['{{  first_name\t}}', 'Jane'],
  ])('fills %s', (template, expected) => {
    expect(text(template)).toEqual({ text: expected, missing: [] });
  });

  it('splits names on any whitespace and keeps every word after the first as the last name', () => {
    expect(text('{{first_name}}/{{last_name}}', { ...jane, name: '  Anna  van Dijk ' }).text).toBe('Anna/van Dijk');
    expect(text('{{first_name}}/{{ last_name | - }}', { ...jane, name: 'Cher' }).text).toBe('Cher/-');
  });

  it('uses a fallback when there is no value, whitespace tolerant', () => {
    expect(text('Hi {{ first_name | there }}!', sam)).toEqual({ text: 'Hi there!', missing: [] });
    expect(text('Hi {{first_name|there}}!', sam)).toEqual({ text: 'Hi there!', missing: [] });
    expect(text('Hi {{ first_name | there }}!')).toEqual({ text: 'Hi Jane!', missing: [] });
    expect(text('{{company | your team}}', null)).toEqual({ text: 'your team', missing: [] });
  });

  it('renders a variable with no value and no fallback empty and lists it once', () => {
    expect(text('Hi {{first_name}}, {{company}} {{ company }}{{user_id | }}.', sam)).toEqual({
      text: 'Hi ,  .',
      missing: ['first_name', 'company', 'user_id'],
    });
  });

  it('lists unknown names and custom attributes that are absent or not plain values', () => {
    expect(text('[{{nickname}}][{{custom.nested}}][{{custom.missing}}][{{custom.toString}}]')).toEqual({
      text: '[][][][]',
      missing: ['nickname', 'custom.nested', 'custom.missing', 'custom.toString'],
    });
  });

  it('escapes values and fallbacks in HTML only', () => {
    const odd = { ...jane, company: 'Tom & <Jerry> "Co"', name: "O'Brien <b>" };
    expect(renderTemplate('<p>{{company}} {{first_name}} {{user_id}}{{x | <i>}}</p>', { ...odd, externalId: null }, { html: true }).text).toBe(
      '<p>Tom &amp; &lt;Jerry&gt; &quot;Co&quot; O&#39;Brien &lt;i&gt;</p>',
    );
    expect(text('{{company}} {{x | <i>}}', odd).text).toBe('Tom & <Jerry> "Co" <i>');
  });

  it.each(['{{', '}}', '{{first_name', 'Hi {{ first_name {{name}} }}', '{{}}', '{{ | there }}', '{{first name}}', '{{custom.}}', '{{{x}'])(
    'leaves malformed %s as written',
    (template) => {
      const result = text(template);
      expect(result.text).toBe(template.replace('{{name}}', 'Jane Cooper'));
      expect(result.missing).toEqual([]);
    },
  );

  it(`reads at most ${MAX_TEMPLATE_CHARS} characters, fast`, () => {
    const started = performance.now();
    const huge = '{{first_name}}{{'.repeat(10_000) + '{'.repeat(100_000);
    const { text: out } = text(huge);
    expect(out.length).toBeLessThanOrEqual(MAX_TEMPLATE_CHARS);
    expect(out.startsWith('Jane{{Jane{{')).toBe(true);
    expect(text('{{a}}'.repeat(20_000)).missing).toEqual(['a']);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('never throws, and in HTML no "<" comes from a value (10,000 generated cases)', () => {
    const variable = fc.constantFrom('first_name', 'last_name', 'name', 'email', 'company', 'user_id', 'custom.plan', 'nope');
    const piece = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 20 }).map((s) => s.replace(/</g, '')),
      fc.tuple(variable, fc.option(fc.string({ unit: 'grapheme', maxLength: 10 }))).map(([name, fallback]) => (fallback === null ? `{{${name}}}` : `{{ ${name} | ${fallback} }}`)),
    );
    const withAngle = fc.string({ unit: 'grapheme', maxLength: 20 }).map((s) => `${s}<x`);
    const contact = fc.record({
      id: fc.constant('c'),
      role: fc.constant('user' as const),
      name: fc.option(withAngle),
      email: fc.option(withAngle),
      externalId: fc.option(withAngle),
      company: fc.option(withAngle),
      customAttributes: fc.record({ plan: fc.oneof(withAngle, fc.integer(), fc.boolean(), fc.constant(null)) }),
    });
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), fc.option(contact), fc.string({ unit: 'grapheme', maxLength: 40 }), (pieces, who, noise) => {
        const template = pieces.join('');
        // The template itself holds no "<", so any "<" in the output would have come from a value.
        expect(renderTemplate(template, who, { html: true }).text).not.toContain('<');
        // And nothing generated, however malformed, makes it throw.
        expect(typeof renderTemplate(noise + template, who, { html: false }).text).toBe('string');
      }),
      { numRuns: 10_000 },
    );
  });
});
