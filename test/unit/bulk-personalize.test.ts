import { describe, expect, it } from 'vitest';
import { bulkTemplate, personalize, personalizeSubject } from '@/utils/bulk/personalize';

const contact = (name: string | null) => ({ id: 'c1', role: 'user' as const, name, email: 'x@y.test', externalId: null, customAttributes: { invoice: 'INV-1' } });

describe('personalize', () => {
  it('fills each recipient’s values into the formatted message, escaped, with fallbacks', () => {
    const tpl = bulkTemplate('Hi {{user.first_name|fallback:"there"}}, **sorry** about <attribute key="user.custom_attributes.invoice"/>.', 'html');
    expect(personalize(tpl, { contact: contact('Jane Cooper') })).toEqual({ body: '<p>Hi Jane, <b>sorry</b> about INV-1.</p>', missing: [] });
    expect(personalize(tpl, { contact: contact(null) }).body).toBe('<p>Hi there, <b>sorry</b> about INV-1.</p>');
    expect(personalize(tpl, { contact: contact('<b>**Evil**</b> Name') }).body).toBe('<p>Hi &lt;b&gt;**Evil**&lt;/b&gt;, <b>sorry</b> about INV-1.</p>');
  });

  it('lists placeholders with no value and no fallback', () => {
    const tpl = bulkTemplate('Dear {{user.last_name}}', 'text');
    expect(personalize(tpl, { contact: contact('Jane') })).toEqual({ body: 'Dear [user.last_name]', missing: ['user.last_name'] });
    expect(personalizeSubject('About {{ user.first_name | fallback: "your account" }}', { contact: contact(null) }).body).toBe('About your account');
  });
});
