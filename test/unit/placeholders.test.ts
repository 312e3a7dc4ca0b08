// Macro placeholders (utils/compose/placeholders.ts): both shapes GET /macros gives, fallbacks,
// values the contact lacks, keys Hailer cannot know, and HTML-escaping of what is filled in.
import { describe, expect, it } from 'vitest';
import { fillHtml, fillText, type PlaceholderContext } from '../../utils/compose/placeholders';
import type { ContactSummary } from '../../utils/protocol';

const jane: ContactSummary = {
  id: 'c1',
  role: 'user',
  name: 'Jane Cooper',
  email: 'jane@acme.test',
  externalId: 'usr_1001',
  company: 'Acme Inc',
  customAttributes: { plan: 'Pro', seats: 12, vip: true, note: '<script>alert("x")</script> & co', empty: '' },
};
const ctx: PlaceholderContext = { contact: jane, teammate: { name: 'Ada Admin', email: 'ada@acme.test' }, workspaceName: 'Acme' };

describe('fillHtml: <attribute key="…" default="…"/>', () => {
  it('fills standard, custom and teammate keys', () => {
    const body =
      '<p>Hi <attribute key="user.first_name" default="there"/> <attribute key="user.last_name"/>, plan <attribute key="user.custom_attributes.plan"/>, ' +
      '<attribute key="user.custom_attributes.seats"/> seats, <attribute key="user.email"/> / <attribute key="user.company.name"/>. <attribute key="teammate.name"/> at <attribute key="app.name"/></p>';
    expect(fillHtml(body, ctx)).toEqual({
      value: '<p>Hi Jane Cooper, plan Pro, 12 seats, jane@acme.test / Acme Inc. Ada Admin at Acme</p>',
      missing: [],
      unknown: [],
    });
  });

  it('uses the default when the contact has no value, in either quote style and attribute order', () => {
    expect(fillHtml(`<attribute default='friend' key='user.custom_attributes.empty'></attribute>!`, ctx).value).toBe('friend!');
    expect(fillHtml('<attribute key="user.name" default="there"/>', { contact: null }).value).toBe('there');
  });

  it('marks and lists a value with no fallback', () => {
    expect(fillHtml('<p>Seats: <attribute key="user.custom_attributes.missing"/></p>', ctx)).toEqual({
      value: '<p>Seats: [user.custom_attributes.missing]</p>',
      missing: ['user.custom_attributes.missing'],
      unknown: [],
    });
  });

  it('lists keys Hailer cannot know, filled from their default or marked', () => {
    expect(fillHtml('#<attribute key="order.number"/> via <attribute key="shipping.carrier" default="our partner"/>', ctx)).toEqual({
      value: '#[order.number] via our partner',
      missing: ['order.number'],
      unknown: ['order.number', 'shipping.carrier'],
    });
  });

  it('escapes filled values and decodes defaults once', () => {
    expect(fillHtml('<p><attribute key="user.custom_attributes.note"/></p>', ctx).value).toBe('<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co</p>');
    expect(fillHtml('<attribute key="user.custom_attributes.none" default="&lt;b&gt; &amp; &quot;you&quot;"/>', ctx).value).toBe('&lt;b&gt; &amp; &quot;you&quot;');
  });
});

describe('fillText: {{key|fallback:"…"}}', () => {
  it('fills all spellings Intercom uses', () => {
    const text = `Hi {{user.first_name|fallback:"there"}}, {{ user.name | fallback: 'x' }} / {{first_name}} / {{user.custom_attributes.vip}} / {{email}}`;
    expect(fillText(text, ctx)).toEqual({ value: 'Hi Jane, Jane Cooper / Jane / true / jane@acme.test', missing: [], unknown: [] });
  });

  it('falls back, then marks', () => {
    expect(fillText('{{user.custom_attributes.none|fallback:"pending review"}} {{user.custom_attributes.none}}', ctx)).toEqual({
      value: 'pending review [user.custom_attributes.none]',
      missing: ['user.custom_attributes.none'],
      unknown: [],
    });
    expect(fillText('Hi {{user.name|fallback:"there"}}', { contact: null }).value).toBe('Hi there');
  });

  it('shows unknown keys and leaves other braces alone', () => {
    expect(fillText('Order {{order.number}} {{ not valid }} {single} {{}}', ctx)).toEqual({
      value: 'Order [order.number] {{ not valid }} {single} {{}}',
      missing: ['order.number'],
      unknown: ['order.number'],
    });
  });

  it('does not escape plain text values (the message box is text)', () => {
    expect(fillText('{{user.custom_attributes.note}}', ctx).value).toBe('<script>alert("x")</script> & co');
  });
});

describe('unfilled markers left in a draft', () => {
  it('are found from the text, also after a reload, but not in links or version numbers', async () => {
    const { unresolvedPlaceholders } = await import('../../components/PlaceholderNotice');
    expect(unresolvedPlaceholders('Order #[order.number], [first_name]', ['first_name'])).toEqual(['first_name', 'order.number']);
    expect(unresolvedPlaceholders('Order #[order.number]', [])).toEqual(['order.number']);
    expect(unresolvedPlaceholders('see [the.docs](https://a.test) in [v1.2]', [])).toEqual([]);
    expect(unresolvedPlaceholders('all filled', ['user.name'])).toEqual([]);
  });
});
