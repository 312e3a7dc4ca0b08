import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { renderTemplate } from '../../utils/templates';
import type { ContactSummary } from '../../utils/protocol';

const jane: ContactSummary = {
  id: '6650a1b2c3d4e5f601000001',
  role: 'user',
  name: 'Jane  Cooper',
  email: 'jane@acme.test',
  externalId: 'usr_1001',
  company: 'Acme <Inc>',
  customAttributes: { plan: 'Pro', seats: 18, nested: { no: 1 } },
};

describe('renderTemplate', () => {
  it('fills every variable', () => {
    const t = 'Hi {{first_name}} {{last_name}} ({{name}}, {{email}}, {{company}}, {{user_id}}): {{custom.plan}} x{{ custom.seats }}';
    expect(renderTemplate(t, jane, { html: false })).toEqual({
      text: 'Hi Jane Cooper (Jane  Cooper, jane@acme.test, Acme <Inc>, usr_1001): Pro x18',
      missing: [],
    });
  });

  it('uses fallbacks and lists what is missing', () => {
    const lead: ContactSummary = { id: 'x', role: 'lead', name: null, email: 'sam@example.test', externalId: null };
    expect(renderTemplate('Hi {{ first_name | there }}, {{company}}{{custom.nested}}!', lead, { html: false })).toEqual({
      text: 'Hi there, !',
      missing: ['company', 'custom.nested'],
    });
  });

  it('escapes values and fallbacks in HTML bodies only', () => {
    expect(renderTemplate('<p>{{company}} {{x | <b>}}</p>', jane, { html: true }).text).toBe('<p>Acme &lt;Inc&gt; &lt;b&gt;</p>');
    expect(renderTemplate('{{company}}', jane, { html: false }).text).toBe('Acme <Inc>');
  });

  it('leaves malformed syntax as written', () => {
    expect(renderTemplate('{{ first_name {{name}} }} {{', jane, { html: false }).text).toBe('{{ first_name Jane  Cooper }} {{');
  });

  it('never throws, and in HTML a value is always escaped (10,000 generated cases)', () => {
    const escape = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 50 }), (prefix, value) => {
        const safePrefix = prefix.replace(/[{}]/g, '');
        const { text, missing } = renderTemplate(`${safePrefix}{{name}}`, { ...jane, name: value }, { html: true });
        if (value.trim()) {
          expect(text).toBe(safePrefix + escape(value.trim()));
          expect(missing).toEqual([]);
        } else {
          expect(text).toBe(safePrefix);
          expect(missing).toEqual(['name']);
        }
      }),
      { numRuns: 10_000 },
    );
  });
});
