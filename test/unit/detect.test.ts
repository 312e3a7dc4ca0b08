// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detectRecipient, matchesPattern, parseMatchPattern, type TeamRule } from '../../utils/detect';
import { cleanName, cleanRef } from '../../utils/detect/sanitize';
import type { DetectedRecipient } from '../../utils/protocol';

// A path string: under happy-dom, `URL` is the DOM's class, which node:fs does not take.
const fixturesDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
const fixture = (name: string) => new DOMParser().parseFromString(readFileSync(join(fixturesDir, `${name}.html`), 'utf8'), 'text/html');

const JANE = '6650a1b2c3d4e5f601000001';

const billingRule: TeamRule = {
  id: 'billing-customers',
  name: 'Billing: customer pages',
  matches: 'https://dashboard.billing.test/*',
  urlIncludes: '^/customers/cus_',
  kind: 'email',
  source: { from: 'selector', selector: '[data-test="customer-email"]' },
  nameSelector: '.db-customer-name',
};
const adminRule: TeamRule = {
  id: 'admin-users',
  name: 'Admin: users',
  matches: 'https://admin.acme.test/admin/*',
  kind: 'user_id',
  source: { from: 'url', pattern: '^/admin/users/([^/?#]+)' },
  nameSelector: '.user-name',
};
const adminByEmailRule: TeamRule = { ...adminRule, id: 'admin-by-email', kind: 'email' };
const ticketRule: TeamRule = {
  id: 'helpdesk-requester',
  name: 'Helpdesk: requester',
  matches: 'https://help.acme.test/*',
  kind: 'email',
  source: { from: 'selector', selector: '.requester-email' },
  nameSelector: '.requester-name',
};
const everyDdRule: TeamRule = { ...ticketRule, id: 'every-dd', source: { from: 'selector', selector: '.ticket-meta dd' } };
const crmEmailRule: TeamRule = {
  id: 'crm-email',
  name: 'CRM: email',
  matches: 'https://crm.acme.test/*',
  kind: 'email',
  source: { from: 'selector', selector: '.facts dd:first-of-type' },
};
const intercomRule: TeamRule = { ...crmEmailRule, id: 'on-intercom', matches: 'https://app.intercom.com/*', source: { from: 'selector', selector: 'dd' } };
// What a typo or a hostile policy could store: none of these may throw or match.
const brokenRules = [
  { ...adminRule, id: 'bad-regex', matches: '*://*/*', source: { from: 'url', pattern: '([' } },
  { ...billingRule, id: 'bad-selector', matches: '*://*/*', source: { from: 'selector', selector: 'div[' } },
  { ...billingRule, id: 'bad-filter', matches: '*://*/*', urlIncludes: '(?<' },
  { ...billingRule, id: 'no-source', matches: '*://*/*', source: undefined },
  { ...billingRule, id: 'bad-kind', matches: '*://*/*', kind: 'phone' },
  { ...billingRule, id: 'bad-pattern', matches: 'not a pattern' },
  null,
] as unknown as TeamRule[];

const contact = (value: string): DetectedRecipient => ({ ref: { kind: 'contact_id', value } });

const rows: { name: string; fixture: string; url: string; rules?: TeamRule[]; expected: DetectedRecipient | null }[] = [
  // Intercom's own pages
  { name: 'Intercom contact page', fixture: 'intercom-contact', url: `https://app.intercom.com/a/apps/acme42/users/${JANE}/all-conversations`, expected: contact(JANE) },
  { name: 'Intercom contact page, EU region, no tab', fixture: 'intercom-contact', url: `https://app.eu.intercom.com/a/apps/acme42/users/${JANE}`, expected: contact(JANE) },
  { name: 'Intercom lead page, AU region', fixture: 'intercom-contact', url: `https://app.au.intercom.com/a/apps/acme42/leads/${JANE}/activity`, expected: contact(JANE) },
  { name: 'Intercom contact list is not a contact', fixture: 'intercom-contact', url: 'https://app.intercom.com/a/apps/acme42/users/segments/all-users', expected: null },
  { name: 'a look-alike host is not Intercom', fixture: 'intercom-contact', url: `https://app.intercom.com.evil.test/a/apps/acme42/users/${JANE}`, expected: null },
  { name: 'plain http is not Intercom', fixture: 'intercom-contact', url: `http://app.intercom.com/a/apps/acme42/users/${JANE}`, expected: null },
  { name: 'Intercom conversation with profile link', fixture: 'intercom-conversation', url: 'https://app.intercom.com/a/inbox/acme42/inbox/shared/all/conversation/1001', expected: contact(JANE) },
  { name: 'Intercom conversation, deep-link form', fixture: 'intercom-conversation', url: 'https://app.intercom.com/a/inbox/acme42/inbox/conversation/1001', expected: contact(JANE) },
  { name: 'profile link of another workspace does not count', fixture: 'intercom-conversation', url: 'https://app.intercom.com/a/inbox/other7/inbox/conversation/1001', expected: null },
  { name: 'Intercom conversation without profile link', fixture: 'intercom-conversation-no-profile', url: 'https://app.intercom.com/a/inbox/acme42/inbox/shared/all/conversation/1017', expected: null },
  { name: 'Intercom wins over a rule for its site', fixture: 'intercom-contact', url: `https://app.intercom.com/a/apps/acme42/users/${JANE}`, rules: [intercomRule], expected: contact(JANE) },

  // Markup convention
  { name: 'CRM page with data attributes', fixture: 'crm-customer', url: 'https://crm.acme.test/customers/usr_1002', expected: { ref: { kind: 'user_id', value: 'usr_1002' }, displayName: 'Marcus Lee' } },
  { name: 'page with meta tags (trimmed)', fixture: 'meta-tags', url: 'https://sales.acme.test/leads/88', expected: { ref: { kind: 'email', value: 'sam.rivera@example.test' }, displayName: 'Sam Rivera' } },
  { name: 'customer list (several marked)', fixture: 'customer-list', url: 'https://crm.acme.test/customers', expected: null },
  { name: 'company page with one primary', fixture: 'company-account', url: 'https://crm.acme.test/accounts/acme', expected: { ref: { kind: 'user_id', value: 'usr_1001' }, displayName: 'Jane Cooper' } },
  { name: 'dashboard', fixture: 'dashboard', url: 'https://support.acme.test/', expected: null },
  { name: 'hostile values', fixture: 'hostile', url: 'https://crm.acme.test/customers/x', expected: null },
  { name: 'hostile values and broken rules', fixture: 'hostile', url: 'https://crm.acme.test/customers/x', rules: brokenRules, expected: null },
  { name: 'several emails in text, no rule', fixture: 'several-emails', url: 'https://help.acme.test/tickets/4821', expected: null },

  // Team rules
  { name: 'billing page by selector rule', fixture: 'stripe-customer', url: 'https://dashboard.billing.test/customers/cus_Q2h8sL0xY1', rules: [billingRule], expected: { ref: { kind: 'email', value: 'priya@initech.test' }, displayName: 'Priya Shah' } },
  { name: 'billing page without the rule', fixture: 'stripe-customer', url: 'https://dashboard.billing.test/customers/cus_Q2h8sL0xY1', expected: null },
  { name: 'rule path filter excludes other pages', fixture: 'stripe-customer', url: 'https://dashboard.billing.test/payments?customer=cus_Q2h8sL0xY1', rules: [billingRule], expected: null },
  { name: 'admin page by URL rule', fixture: 'admin-user', url: 'https://admin.acme.test/admin/users/usr_1003/overview', rules: [adminRule], expected: { ref: { kind: 'user_id', value: 'usr_1003' }, displayName: 'Priya Shah' } },
  { name: 'URL rule on another host', fixture: 'admin-user', url: 'https://admin.globex.test/admin/users/usr_1003/overview', rules: [adminRule], expected: null },
  { name: 'URL rule decodes the identifier', fixture: 'admin-user', url: 'https://admin.acme.test/admin/users/jane%40acme.test', rules: [adminByEmailRule], expected: { ref: { kind: 'email', value: 'jane@acme.test' }, displayName: 'Priya Shah' } },
  { name: 'URL rule with a malformed escape', fixture: 'admin-user', url: 'https://admin.acme.test/admin/users/%E0%A4%A', rules: [adminRule], expected: null },
  { name: 'URL rule whose capture is not an email', fixture: 'admin-user', url: 'https://admin.acme.test/admin/users/usr_1003', rules: [adminByEmailRule], expected: null },
  { name: 'selector rule picks the requester among emails', fixture: 'several-emails', url: 'https://help.acme.test/tickets/4821', rules: [ticketRule], expected: { ref: { kind: 'email', value: 'marcus@globex.test' }, displayName: 'Marcus Lee' } },
  { name: 'selector rule finding different values', fixture: 'several-emails', url: 'https://help.acme.test/tickets/4821', rules: [everyDdRule], expected: null },
  { name: 'rule wins over markup', fixture: 'crm-customer', url: 'https://crm.acme.test/customers/usr_1002', rules: [crmEmailRule], expected: { ref: { kind: 'email', value: 'marcus@globex.test' } } },
  { name: 'broken rules fall through to markup', fixture: 'crm-customer', url: 'https://crm.acme.test/customers/usr_1002', rules: brokenRules, expected: { ref: { kind: 'user_id', value: 'usr_1002' }, displayName: 'Marcus Lee' } },
  { name: 'first rule that finds someone wins', fixture: 'several-emails', url: 'https://help.acme.test/tickets/4821', rules: [everyDdRule, ticketRule], expected: { ref: { kind: 'email', value: 'marcus@globex.test' }, displayName: 'Marcus Lee' } },
];

describe('detectRecipient', () => {
  it.each(rows)('$name', ({ fixture: name, url, rules = [], expected }) => {
    expect(detectRecipient(fixture(name), new URL(url), rules)).toEqual(expected);
  });

  it('ignores each hostile value on its own, not only all of them together', () => {
    const marked = Array.from(fixture('hostile').querySelectorAll('[data-intercom-email],[data-intercom-user-id],[data-intercom-contact-id],meta[name^="intercom:"]'));
    expect(marked.length).toBeGreaterThanOrEqual(7);
    for (const el of marked) {
      const doc = document.implementation.createHTMLDocument('one');
      (el.tagName === 'META' ? doc.head : doc.body).append(doc.importNode(el, true));
      expect(detectRecipient(doc, new URL('https://crm.acme.test/c'), []), el.outerHTML.slice(0, 80)).toBeNull();
    }
  });

  it('treats one customer marked in several places as one', () => {
    const doc = new DOMParser().parseFromString(
      `<header data-intercom-user-id="usr_1001" data-intercom-email="jane@acme.test"></header>
       <aside data-intercom-email="jane@acme.test" data-intercom-name="Jane Cooper"></aside>
       <meta name="intercom:user-id" content="usr_1001">`,
      'text/html',
    );
    expect(detectRecipient(doc, new URL('https://crm.acme.test/c'), [])).toEqual({
      ref: { kind: 'user_id', value: 'usr_1001' },
      displayName: 'Jane Cooper',
    });
  });

  it('refuses a customer whose marks contradict each other', () => {
    const doc = new DOMParser().parseFromString(
      `<div data-intercom-user-id="usr_1001" data-intercom-email="jane@acme.test"></div>
       <div data-intercom-user-id="usr_1002" data-intercom-email="jane@acme.test"></div>`,
      'text/html',
    );
    expect(detectRecipient(doc, new URL('https://crm.acme.test/c'), [])).toBeNull();
  });

  it('trusts no mark on a page where any mark is malformed', () => {
    const doc = new DOMParser().parseFromString(
      `<div data-intercom-user-id="usr_1001" data-intercom-primary></div><div data-intercom-email="not an email"></div>`,
      'text/html',
    );
    expect(detectRecipient(doc, new URL('https://crm.acme.test/c'), [])).toBeNull();
    doc.querySelector('[data-intercom-email]')!.remove();
    expect(detectRecipient(doc, new URL('https://crm.acme.test/c'), [])).toEqual({ ref: { kind: 'user_id', value: 'usr_1001' } });
  });

  it('finds nobody in an Intercom conversation linking two people', () => {
    const doc = fixture('intercom-conversation');
    const other = doc.createElement('a');
    other.href = 'https://app.intercom.com/a/apps/acme42/users/6650a1b2c3d4e5f601000002';
    doc.body.append(other);
    expect(detectRecipient(doc, new URL('https://app.intercom.com/a/inbox/acme42/inbox/conversation/1001'), [])).toBeNull();
  });

  it('drops a display name that is too long but keeps the customer', () => {
    const doc = new DOMParser().parseFromString(`<div data-intercom-user-id="usr_1001" data-intercom-name="${'J'.repeat(201)}"></div>`, 'text/html');
    expect(detectRecipient(doc, new URL('https://crm.acme.test/c'), [])).toEqual({ ref: { kind: 'user_id', value: 'usr_1001' } });
  });
});

describe('value shapes', () => {
  it.each([
    ['contact_id', JANE, true],
    ['contact_id', 'a'.repeat(65), false],
    ['contact_id', '6650a1b2/../1', false],
    ['user_id', '  usr_1001 ', true],
    ['user_id', 'ü-ser 42 (legacy)', true],
    ['user_id', 'x'.repeat(255), true],
    ['user_id', 'x'.repeat(256), false],
    ['user_id', 'usr\u0000', false],
    ['user_id', 'usr\u200b1001', false],
    ['email', 'jane@acme.test', true],
    ['email', 'Jane.Cooper+support@acme.co.uk', true],
    ['email', `${'a'.repeat(64)}@${'b'.repeat(184)}.test`, true],
    ['email', `${'a'.repeat(64)}@${'b'.repeat(185)}.test`, false],
    ['email', 'jane@acme', false],
    ['email', 'jane acme@acme.test', false],
    ['email', '"jane"@acme.test', false],
    ['phone', '+3531234567', false],
  ] as const)('%s %j → %s', (kind, value, ok) => {
    expect(cleanRef(kind, value)).toEqual(ok ? { kind, value: value.trim() } : null);
  });

  it('normalises names and rejects unusable ones', () => {
    expect(cleanName('  Jane\n   Cooper ')).toBe('Jane Cooper');
    expect(cleanName('x'.repeat(200))).toHaveLength(200);
    expect(cleanName('x'.repeat(201))).toBeUndefined();
    expect(cleanName('Jane\u202eCooper')).toBeUndefined();
    expect(cleanName('   ')).toBeUndefined();
    expect(cleanName(42)).toBeUndefined();
  });
});

describe('matchesPattern', () => {
  it.each([
    ['https://admin.acme.com/*', 'https://admin.acme.com/users/1?tab=a', true],
    ['https://admin.acme.com/*', 'http://admin.acme.com/', false],
    ['https://admin.acme.com/*', 'https://acme.com/', false],
    ['https://admin.acme.com/*', 'https://admin.acme.com.evil.test/', false],
    ['*://admin.acme.com/*', 'http://admin.acme.com/x', true],
    ['*://admin.acme.com/*', 'ftp://admin.acme.com/x', false],
    ['https://*.acme.com/*', 'https://acme.com/', true],
    ['https://*.acme.com/*', 'https://eu.admin.acme.com/x', true],
    ['https://*.acme.com/*', 'https://notacme.com/', false],
    ['https://admin.acme.com/users/*', 'https://admin.acme.com/users/42', true],
    ['https://admin.acme.com/users/*', 'https://admin.acme.com/orders/42', false],
    ['https://admin.acme.com/*/edit', 'https://admin.acme.com/users/42/edit', true],
    ['https://admin.acme.com/search?q=*', 'https://admin.acme.com/search?q=jane', true],
    ['https://admin.acme.com/a.b', 'https://admin.acme.com/aXb', false],
    ['http://127.0.0.1/*', 'http://127.0.0.1:51234/admin/users/usr_1001', true],
    ['http://127.0.0.1:8080/*', 'http://127.0.0.1:51234/', false],
    ['http://127.0.0.1:8080/*', 'http://127.0.0.1:8080/', true],
    ['https://ADMIN.acme.com/*', 'https://admin.acme.com/', true],
    ['http://[::1]/*', 'http://[::1]:3000/', true],
    ['http://localhost:*/*', 'http://localhost:3000/', true],
    ['<all_urls>', 'https://anything.test/', true],
    ['*://*/*', 'https://anything.test/', true],
    ['https://admin.acme.com', 'https://admin.acme.com/', false],
    ['https://admin.*.com/*', 'https://admin.acme.com/', false],
    ['admin.acme.com/*', 'https://admin.acme.com/', false],
    ['https://admin.acme.com/*', 'not a url', false],
  ])('%s ~ %s → %s', (pattern, url, expected) => {
    expect(matchesPattern(pattern, url)).toBe(expected);
  });

  it('parses the parts a permission request needs', () => {
    expect(parseMatchPattern('https://*.acme.com/admin/*')).toEqual({ scheme: 'https', host: '*.acme.com', port: null, path: '/admin/*' });
    expect(parseMatchPattern('file:///home/*')).toEqual({ scheme: 'file', host: '', port: null, path: '/home/*' });
    expect(parseMatchPattern('https:///x')).toBeNull();
  });
});
