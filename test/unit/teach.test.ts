// @vitest-environment happy-dom
// The pieces of "Teach Hailer this page": the URL generalizer, the stable selector builder, the
// proposal, and who the page scan leaves out.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generalizeUrl, looksLikeId } from '../../utils/teach/url-pattern';
import { buildSelector, isHashedClass } from '../../utils/teach/selector';
import { identifierIn, proposeRule } from '../../utils/teach/propose';
import { isTeam, parseDomains, suggestOurDomains } from '../../utils/scan/exclude';
import { conversationLinks, scanPage } from '../../utils/scan/scan';
import { validateRules } from '../../utils/detect/team-rules';
import { applyRule, ruleAppliesTo, type TeamRule } from '../../utils/detect/rules';
import { families, handWrittenFamilies, parsePage, pickedElement } from '../fixtures/consoles/evaluate';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'consoles');
const read = (file: string) => parsePage(readFileSync(join(dir, file), 'utf8'), new DOMParser());
const html = (body: string) => new DOMParser().parseFromString(`<!doctype html><html><body>${body}</body></html>`, 'text/html');
const applies = (urlIncludes: string, path: string) => new RegExp(urlIncludes).test(path);

describe('URL generalizer', () => {
  it.each([
    ['https://admin.acme.com/customers/4812', 'admin.acme.com/customers/*'],
    ['https://dashboard.paystripe.test/customers/cus_Q2h8sL0xY1?tab=payments', 'dashboard.paystripe.test/customers/*'],
    ['https://x.test/orgs/3f2b9c1e-8d7a-4b6c-9e5f-0a1b2c3d4e5f/members/a1b2c3d4e5f6', 'x.test/orgs/*/members/*'],
    ['https://crm.test/leads/sam-rivera', 'crm.test/leads/*'],
    ['https://ops.test/admin/accounts/user/8812/change/', 'ops.test/admin/accounts/user/*/change/'],
    ['https://tool.test/apps/Customer%20360/customer?id=5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f&env=prod', 'tool.test/apps/Customer 360/customer?id=*'],
  ])('%s → pages like %s', (url, words) => {
    expect(generalizeUrl(new URL(url)).words).toBe(words);
  });

  it('keeps fixed words and the site, drops the port, and matches sibling pages only', () => {
    const p = generalizeUrl(new URL('http://127.0.0.1:4000/people/usr_1001/profile'));
    expect(p.matches).toBe('http://127.0.0.1/*');
    expect(applies(p.urlIncludes, '/people/usr_1002/profile')).toBe(true);
    expect(applies(p.urlIncludes, '/people/usr_1002/profile?tab=2')).toBe(true);
    expect(applies(p.urlIncludes, '/people/usr_1002')).toBe(false);
    expect(applies(p.urlIncludes, '/people/usr_1002/profile/edit')).toBe(false);
    expect(applies(p.urlIncludes, '/teams/usr_1002/profile')).toBe(false);
  });

  it('keeps a query parameter only when it carries the id', () => {
    const p = generalizeUrl(new URL('https://t.test/customer?id=7f3a9c2e4b&tab=notes'));
    expect(p.words).toBe('t.test/customer?id=*');
    expect(applies(p.urlIncludes, '/customer?tab=x&id=abc123')).toBe(true);
    expect(applies(p.urlIncludes, '/customer?tab=x')).toBe(false);
    // The picked value makes a segment an id even when it reads like a word.
    expect(generalizeUrl(new URL('https://t.test/u/janedoe'), 'janedoe').words).toBe('t.test/u/*');
  });

  it("generalises a hash-routed app's route, and matches its other records only (not the whole admin)", () => {
    const p = generalizeUrl(new URL('https://crm.test/admin/#/member/auth0%7C5f3c9a1be4b0d10071a2c3d4?tab=profile'));
    expect(p.words).toBe('crm.test/admin/#/member/*');
    const rule: TeamRule = { id: 'r', name: 'r', matches: p.matches, urlIncludes: p.urlIncludes, kind: 'email', source: { from: 'label', label: 'Email' } };
    const on = (url: string) => ruleAppliesTo(rule, new URL(url));
    expect(on('https://crm.test/admin/#/member/google-oauth2%7C1043817263')).toBe(true);
    expect(on('https://crm.test/admin/?lang=en#/member/77?tab=notes')).toBe(true);
    expect(on('https://crm.test/admin/#/settings')).toBe(false);
    expect(on('https://crm.test/admin/#/member/77/invoices')).toBe(false);
    expect(on('https://crm.test/admin/')).toBe(false);
    expect(generalizeUrl(new URL('https://app.test/#!/users/42')).words).toBe('app.test/#!/users/*');
    // A plain anchor is no route: the path is generalised as before.
    expect(generalizeUrl(new URL('https://t.test/customers/4812#notes')).words).toBe('t.test/customers/*');
  });

  it('tells ids from words', () => {
    for (const id of ['4812', 'cus_Q2h8sL0xY1', '6650a1b2c3d4e5f601000001', 'ORD-20931', 'a1b2c3d4']) expect(looksLikeId(id), id).toBe(true);
    for (const word of ['customers', 'admin', 'change', 'record', 'Customer%20360', 'v2']) expect(looksLikeId(word), word).toBe(false);
  });
});

describe('stable selector builder', () => {
  it('recognises generated class names', () => {
    for (const c of ['css-1q2w3e', 'sc-AxjAm', '_value_1x2y3', 'jss42', 'Text-color--gray500', 'x1a2b3c']) expect(isHashedClass(c), c).toBe(true);
    for (const c of ['user-email', 'requester', 'value', 'contact-info', 'row-email']) expect(isHashedClass(c), c).toBe(false);
  });

  it('prefers an id, then data-* hooks, over positions; never a hashed class', () => {
    let doc = html('<div class="css-1a2b3c"><span id="customer-email" class="_x_9f8e7">jane@acme.test</span></div>');
    expect(buildSelector(doc.querySelector('span')!, 'jane@acme.test')).toEqual({ selector: '#customer-email' });
    doc = html('<section data-testid="who"><p class="css-9z8y7x">Email</p><span class="css-1q2w3e">jane@acme.test</span></section><span class="css-1q2w3e">other@x.test</span>');
    const source = buildSelector(doc.querySelector('section span')!, 'jane@acme.test')!;
    expect(source.selector).not.toMatch(/css-|nth-child/);
    expect(source.selector).toContain('data-testid');
  });

  it('falls back to positions under an anchor only when nothing else finds the value alone', () => {
    const doc = html('<div id="card"><div><i>Name</i><i>Jane</i></div><div><i>Email</i><i>jane@acme.test</i></div></div>');
    const source = buildSelector(doc.querySelectorAll('i')[3]!, 'jane@acme.test')!;
    expect(source.selector).toMatch(/^#card > .*nth-child/);
    expect(Array.from(doc.querySelectorAll(source.selector)).map((e) => e.textContent)).toEqual(['jane@acme.test']);
  });

  it('reads a form field from its value attribute', () => {
    const doc = html('<label for="id_email">Email</label><input id="id_email" name="email" value="jane@acme.test">');
    expect(buildSelector(doc.querySelector('input')!, 'jane@acme.test')).toEqual({ selector: '#id_email', attribute: 'value' });
  });
});

describe('proposal', () => {
  it('knows what a picked text is', () => {
    expect(identifierIn(' Jane@Acme.test ')).toEqual({ kind: 'email', value: 'Jane@Acme.test' });
    expect(identifierIn('6650A1B2C3D4E5F601000001')).toEqual({ kind: 'contact_id', value: '6650a1b2c3d4e5f601000001' });
    expect(identifierIn('usr_1001')).toEqual({ kind: 'user_id', value: 'usr_1001' });
    expect(identifierIn('Active')).toBeNull();
    expect(identifierIn('Jane Cooper')).toBeNull();
  });

  it('refuses what is not an identifier', () => {
    const doc = html('<h1>Jane Cooper</h1>');
    expect(proposeRule(doc.querySelector('h1')!, new URL('https://a.test/users/1'))).toBe('not_an_identifier');
  });

  it('proposes valid team rules on every family, which apply to that family only', () => {
    // Each page parsed once: every rule is tried on every other family's pages.
    const docs = new Map<string, Document>();
    const parsed = (file: string) => docs.get(file) ?? docs.set(file, read(file)).get(file)!;
    // Every hand-written family gets a proposal; a rendered one may not yet (the bench says which).
    const rules = families.map((f) => {
      const p = proposeRule(pickedElement(read(f.pages[0]!.file), f.teach.pick)!, new URL(f.pages[0]!.url));
      if (typeof p === 'string' && handWrittenFamilies.includes(f)) throw new Error(`${f.name}: ${p}`);
      return typeof p === 'string' ? null : p.rule;
    });
    expect(validateRules(rules.filter((r) => r !== null)).problems).toEqual([]);
    // No rule finds anybody on another family's pages: never a wrong customer.
    families.forEach((f, i) => {
      for (const [j, rule] of rules.entries()) {
        if (i === j || rule === null) continue;
        for (const p of f.pages) {
          expect(ruleAppliesTo(rule, new URL(p.url)), `${rule.id} on ${p.file}`).toBe(false);
          expect(applyRule({ ...rule, matches: `https://${new URL(p.url).hostname}/*`, urlIncludes: undefined }, parsed(p.file), new URL(p.url))?.ref.value ?? p.expect.value).toBe(p.expect.value);
        }
      }
    });
  });
});

describe('who the scan leaves out', () => {
  const team = { emails: ['ada@acme.test', 'Ben@Partner.test'], domains: ['acme.test'] };
  it('the agent, admins and our domains (subdomains too), nobody else', () => {
    expect(isTeam({ kind: 'email', value: 'ADA@acme.test' }, team)).toBe(true);
    expect(isTeam({ kind: 'email', value: 'ben@partner.test' }, team)).toBe(true);
    expect(isTeam({ kind: 'email', value: 'billing@eu.acme.test' }, team)).toBe(true);
    expect(isTeam({ kind: 'email', value: 'jane@notacme.test' }, team)).toBe(false);
    expect(isTeam({ kind: 'user_id', value: 'ada@acme.test' }, team)).toBe(false);
  });
  it('suggests the admins\' domains without mailbox providers, and reads what the agent types', () => {
    expect(suggestOurDomains(['ada@acme.test', 'ben@ACME.test', 'cleo@gmail.com', null])).toEqual(['acme.test']);
    expect(parseDomains(' @acme.com, eu.acme.com\n*.hooli.test;not a domain')).toEqual(['acme.com', 'eu.acme.com', 'hooli.test']);
  });
});

describe('page scan', () => {
  it('finds mailto links, Intercom profile links, markup, shadow roots and same-origin iframes; skips scripts and hidden parts', () => {
    const doc = html(`
      <h1>Ticket</h1><a href="mailto:jane@acme.test?subject=hi">write</a>
      <a href="https://app.intercom.com/a/apps/abc/users/6650a1b2c3d4e5f601000002/all-conversations">Marcus Lee</a>
      <div data-intercom-user-id="usr_1003" data-intercom-name="Priya Shah"></div>
      <div id="host"></div><iframe srcdoc="<p>framed@inside.test</p>"></iframe>
      <script>var x = "script@nope.test"</script><div hidden>hidden@nope.test</div>`);
    doc.getElementById('host')!.attachShadow({ mode: 'open' }).innerHTML = '<span>shadow@inside.test</span>';
    const found = scanPage(doc, new URL('https://x.test/'));
    const values = found.map((c) => c.ref.value);
    expect(values).toEqual(expect.arrayContaining(['jane@acme.test', '6650a1b2c3d4e5f601000002', 'usr_1003', 'shadow@inside.test', 'framed@inside.test']));
    expect(values).not.toContain('script@nope.test');
    expect(values).not.toContain('hidden@nope.test');
    expect(found.find((c) => c.ref.value === 'usr_1003')).toMatchObject({ displayName: 'Priya Shah' });
    expect(found[0]!.ref.value).toBe('usr_1003'); // markup is the strongest signal
  });

  it('collects links to Intercom conversations, at most five', () => {
    const links = Array.from({ length: 7 }, (_, i) => `<a href="https://app.intercom.com/a/inbox/abc/inbox/shared/all/conversation/${100 + i}">c</a>`).join('');
    expect(conversationLinks(html(`${links}<a href="/a/inbox/abc/inbox/conversation/100#part">again</a><a href="/conversation/5">not Intercom's</a>`))).toEqual(['100', '101', '102', '103', '104']);
  });

  it('ranks the labelled, repeated, in-URL address above a passing mention', () => {
    const doc = html(`<h1>Order 12</h1><p>Forwarded by someone@else.test</p><dl><dt>Customer email</dt><dd>jane@shop.test</dd></dl>`);
    expect(scanPage(doc, new URL('https://x.test/o/12')).map((c) => c.ref.value)).toEqual(['jane@shop.test', 'someone@else.test']);
    const inUrl = scanPage(html('<p>a@one.test</p><p>b@two.test</p>'), new URL('https://x.test/u/b%40two.test'));
    expect(inUrl[0]!.ref.value).toBe('b@two.test');
  });
});
