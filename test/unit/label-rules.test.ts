// @vitest-environment happy-dom
// Issue 22's rule engine: the label source on every layout, the shape a rule learns (never a value
// of another shape), values inside longer text, rules in shadow roots and same-origin frames, the
// picker's order (a hook, then the label, a position last and with a warning), and what the URL
// generalizer now treats as an id.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyRule, type TeamRule } from '../../utils/detect/rules';
import { extractValue, fits, learnShape, shapeSource, type ValueShape } from '../../utils/detect/shape';
import { validateRules, parseRulesJson, exportRulesJson } from '../../utils/detect/team-rules';
import { proposeRule, identifierWithin } from '../../utils/teach/propose';
import { appliesToThisPageOnly, dependsOnPosition } from '../../utils/teach/describe';
import { generalizeUrl, looksLikeId } from '../../utils/teach/url-pattern';
import { scanPage } from '../../utils/scan/scan';
import { labelInText } from '../../utils/scan/context';

const URL_A = new URL('https://admin.acme.test/customers/4812');
const html = (body: string) => new DOMParser().parseFromString(`<!doctype html><html><body>${body}</body></html>`, 'text/html');
const labelRule = (label: string, kind: TeamRule['kind'] = 'email', shape?: ValueShape): TeamRule => ({
  id: 'r', name: 'r', matches: 'https://admin.acme.test/*', kind, source: { from: 'label', label }, ...(shape ? { shape } : {}),
});
const read = (rule: TeamRule, doc: Document) => applyRule(rule, doc, URL_A)?.ref.value ?? null;

describe('label source', () => {
  it.each([
    ['a description list', '<dl><dt>Name</dt><dd>Jane</dd><dt>Email</dt><dd>jane@acme.com</dd><dt>Plan</dt><dd>Pro</dd></dl>'],
    ['a key–value table with <th>', '<table><tr><th>Name</th><td>Jane</td></tr><tr><th>Email:</th><td>jane@acme.com</td></tr></table>'],
    ['a key–value table with <td> keys', '<table><tr><td>Email</td><td>jane@acme.com</td></tr><tr><td>Phone</td><td>555</td></tr></table>'],
    ['a column header in a one-record table', '<table><thead><tr><th>Name</th><th>Email</th><th>Plan</th></tr></thead><tbody><tr><td>Jane</td><td>jane@acme.com</td><td>Pro</td></tr></tbody></table>'],
    ['a <label for>', '<label for="f-9x">Email</label><input id="f-9x" value="jane@acme.com">'],
    ['a <label> around its input', '<label>Email <input value="jane@acme.com"></label>'],
    ['aria-labelledby', '<span id="l1">Email</span><div role="textbox" aria-labelledby="l1">jane@acme.com</div>'],
    ['aria-label on the field', '<input aria-label="Email" value="jane@acme.com"><input aria-label="Phone" value="555">'],
    ['"Email: …" in one text', '<p>Name: Jane</p><p>Email: jane@acme.com</p>'],
    ['a bold label and its line', '<p><b>Email:</b> jane@acme.com</p><p><b>Phone:</b> 555</p>'],
    ['a heading above a value', '<section><h4>Phone</h4><p>555</p><h4>Email</h4><p>jane@acme.com</p></section>'],
    ['generated-class label and value divs', '<div class="css-1x2"><div class="css-9a"><span>Email</span></div><div class="css-7b"><span>jane@acme.com</span></div></div>'],
  ])('finds the value next to its label in %s', (_, body) => {
    expect(read(labelRule('Email'), html(body))).toBe('jane@acme.com');
  });

  it('matches the label without case, spacing or a trailing colon or asterisk', () => {
    expect(read(labelRule('email address'), html('<dl><dt>E-mail address</dt><dd>ada@acme.test</dd><dt> Email \n  Address *</dt><dd>jane@acme.com</dd></dl>'))).toBe('jane@acme.com');
  });

  it('survives a reordered record with fields missing', () => {
    const rule = labelRule('User ID', 'user_id', learnShape('user_id', 'usr_8f3a91c2'));
    const a = html('<dl><dt>Plan</dt><dd>Enterprise</dd><dt>User ID</dt><dd>usr_8f3a91c2</dd><dt>Email</dt><dd>a@b.test</dd></dl>');
    const b = html('<dl><dt>Email</dt><dd>c@d.test</dd><dt>User ID</dt><dd>usr_00ff12ab</dd></dl>');
    expect([read(rule, a), read(rule, b)]).toEqual(['usr_8f3a91c2', 'usr_00ff12ab']);
  });

  it('finds nobody when the label names two different values, or a many-row table', () => {
    expect(read(labelRule('Email'), html('<dl><dt>Email</dt><dd>jane@acme.com</dd></dl><dl><dt>Email</dt><dd>ada@acme.test</dd></dl>'))).toBeNull();
    const list = '<table><thead><tr><th>Name</th><th>Email</th></tr></thead><tbody><tr><td>A</td><td>a@x.test</td></tr><tr><td>B</td><td>b@x.test</td></tr></tbody></table>';
    expect(read(labelRule('Email'), html(list))).toBeNull();
    expect(read(labelRule('Email'), html('<p>Email</p>'))).toBeNull();
  });

  it("reads the record's own field before a many-row column of the same label (the account's people)", () => {
    const people = '<table><thead><tr><th>Name</th><th>Email</th></tr></thead><tbody><tr><td>A</td><td>a@x.test</td></tr><tr><td>B</td><td>b@x.test</td></tr></tbody></table>';
    const record = '<dl><div><dt>Email</dt><dd><a href="mailto:jane@acme.com">jane@acme.com</a></dd></div><div><dt>Work email (2)</dt><dd>it@acme.com</dd></div></dl>';
    expect(read(labelRule('Email'), html(record + people))).toBe('jane@acme.com');
    expect(read(labelRule('Email'), html(people + record))).toBe('jane@acme.com');
  });

  it('reads inside open shadow roots, by label and by selector', () => {
    const doc = html('<crm-card></crm-card>');
    doc.querySelector('crm-card')!.attachShadow({ mode: 'open' }).innerHTML = '<dl><dt>Email</dt><dd>jane@acme.com</dd></dl>';
    expect(read(labelRule('Email'), doc)).toBe('jane@acme.com');
    const rule: TeamRule = { ...labelRule('x'), source: { from: 'selector', selector: 'dd' } };
    expect(read(rule, doc)).toBe('jane@acme.com');
  });

  it('is validated, exported and imported like the other sources; a bad shape is refused', () => {
    const rule = { ...labelRule('Email'), id: 'label-rule' };
    const shaped = { ...labelRule('User ID', 'user_id', { prefix: 'usr_', chars: 'hex' as const, min: 8, max: 8 }), id: 'shaped' };
    expect(validateRules([rule, shaped]).problems).toEqual([]);
    expect(parseRulesJson(exportRulesJson([rule, shaped]))).toEqual({ ok: true, rules: [rule, shaped] });
    const bad = validateRules([
      { ...shaped, shape: { chars: 'hex', min: 9, max: 8 } },
      { ...shaped, id: 'b', shape: { chars: 'emoji', min: 1, max: 2 } },
      { ...rule, id: 'c', source: { from: 'label', label: '' } },
    ]).problems.map((p) => [p.rule, p.field, p.code]);
    expect(bad).toEqual([[0, 'shape.max', 'bad_shape'], [1, 'shape.chars', 'bad_value'], [2, 'source.label', 'missing']]);
  });
});

describe('shape check', () => {
  it('learns a prefix, a character class and a length range', () => {
    expect(learnShape('user_id', 'usr_8f3a91c2')).toEqual({ prefix: 'usr_', chars: 'hex', min: 8, max: 8 });
    expect(learnShape('user_id', 'google-oauth2|104383612345678901234')).toMatchObject({ prefix: 'google-oauth2|', chars: 'digits' });
    expect(learnShape('user_id', '4812')).toEqual({ chars: 'digits', min: 1, max: 8 });
    expect(learnShape('contact_id', '6650a1b2c3d4e5f601000002')).toEqual({ chars: 'hex', min: 24, max: 24 });
    expect(learnShape('email', 'jane@acme.com')).toBeUndefined();
  });

  it('finds nobody where the value has another shape (a plan name read as the user id)', () => {
    const rule: TeamRule = { id: 'r', name: 'r', matches: 'https://admin.acme.test/*', kind: 'user_id', source: { from: 'selector', selector: 'dd:nth-child(2)' }, shape: learnShape('user_id', 'usr_8f3a91c2') };
    expect(read(rule, html('<dl><dt>User</dt><dd>usr_8f3a91c2</dd></dl>'))).toBe('usr_8f3a91c2');
    expect(read(rule, html('<dl><dt>Plan</dt><dd>Enterprise</dd></dl>'))).toBeNull();
    expect(read(rule, html('<dl><dt>Seats</dt><dd>usr_12</dd></dl>'))).toBeNull();
    // An older rule without a shape reads as before.
    const { shape: _, ...old } = rule;
    expect(read(old, html('<dl><dt>Plan</dt><dd>Enterprise</dd></dl>'))).toBe('Enterprise');
  });

  // Taught values: ids of the shapes consoles use.
  const taughtId = fc.oneof(
    fc.tuple(fc.constantFrom('usr_', 'cus_', 'auth0|', 'ORD-', ''), fc.stringMatching(/^[0-9a-f]{4,32}$/)).map(([p, r]) => p + r),
    fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,8}_[A-Za-z0-9]{3,20}$/).filter((s) => /\d/.test(s)),
    fc.stringMatching(/^[1-9][0-9]{0,11}$/),
  );
  // What a page may show in the rule's place: anything, ids of other shapes, the value in a sentence.
  const shown = fc.oneof(fc.string({ maxLength: 60 }), taughtId, fc.tuple(fc.string({ maxLength: 20 }), taughtId, fc.string({ maxLength: 20 })).map((p) => p.join(' ')));

  it("a rule taught on one identity provider's id (auth0|…) reads the other providers' users too, and still no plain word or number", () => {
    const rule = labelRule('User ID', 'user_id', learnShape('user_id', 'auth0|5f3c9a1be4b0d10071a2c3d4'));
    expect(read(rule, html('<dl><dt>User ID</dt><dd>google-oauth2|104381726354298716253</dd></dl>'))).toBe('google-oauth2|104381726354298716253');
    expect(read(rule, html('<dl><dt>User ID</dt><dd>github|583231</dd></dl>'))).toBe('github|583231');
    expect(read(rule, html('<dl><dt>User ID</dt><dd>Signed in with google-oauth2|1043 · Pro</dd></dl>'))).toBe('google-oauth2|1043');
    for (const other of ['Enterprise', '104381726354298716253', 'usr_8f3a91c2', 'Pro | Annual']) expect(read(rule, html(`<dl><dt>User ID</dt><dd>${other}</dd></dl>`)), other).toBeNull();
    // Other separators name a kind of id, not a provider: usr_ stays usr_.
    expect(read(labelRule('User ID', 'user_id', learnShape('user_id', 'usr_8f3a91c2')), html('<dl><dt>User ID</dt><dd>cus_8f3a91c2</dd></dl>'))).toBeNull();
  });

  it('a managed rule with a malformed shape finds nobody rather than anything', () => {
    const rule = { ...labelRule('User ID', 'user_id'), shape: { chars: 'hex', min: 'eight', max: 8 } } as unknown as TeamRule;
    expect(read(rule, html('<dl><dt>User ID</dt><dd>usr_8f3a91c2</dd></dl>'))).toBeNull();
  });

  it('property: a rule never returns a value whose shape differs from the taught one', () => {
    fc.assert(
      fc.property(taughtId, fc.array(shown, { minLength: 1, maxLength: 4 }), (taught, texts) => {
        const shape = learnShape('user_id', taught);
        fc.pre(shape !== undefined);
        const rule: TeamRule = { id: 'r', name: 'r', matches: 'https://admin.acme.test/*', kind: 'user_id', source: { from: 'selector', selector: 'p' }, shape };
        const doc = html('');
        for (const text of texts) doc.body.appendChild(doc.createElement('p')).textContent = text;
        const found = read(rule, doc);
        if (found !== null) expect(new RegExp(`^(?:${shapeSource(shape!)})$`).test(found), `${found} from ${taught}`).toBe(true);
        expect(fits('user_id', shape, taught)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('property: an email rule only ever returns an email, and one the page shows', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ maxLength: 40 }), fc.emailAddress().map((e) => `Jane <${e}>`)), { minLength: 1, maxLength: 3 }), (texts) => {
        const doc = html('');
        for (const text of texts) doc.body.appendChild(doc.createElement('p')).textContent = text;
        const found = read({ ...labelRule('x'), source: { from: 'selector', selector: 'p' } }, doc);
        if (found !== null) {
          expect(fits('email', undefined, found)).toBe(true);
          expect(texts.some((t) => t.includes(found))).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('values inside longer text', () => {
  it.each([
    ['Jane Doe (jane@acme.com)', 'email', 'jane@acme.com'],
    ['Reporter: Jane <jane@acme.com>', 'email', 'jane@acme.com'],
    ['User usr_8f3a91c2 · Pro plan', 'user_id', 'usr_8f3a91c2'],
    ['Contact 6650A1B2C3D4E5F601000002 (lead)', 'contact_id', '6650a1b2c3d4e5f601000002'],
  ])('picks %s as a %s', (text, kind, value) => {
    expect(identifierWithin(text)).toEqual({ kind, value });
  });

  it('names nobody in a text with two people', () => {
    expect(identifierWithin('From jane@acme.com to ada@acme.test')).toBeNull();
  });

  it('the picker accepts such an element and the rule extracts the value on the next page', () => {
    const pageA = html('<div class="who"><span class="reporter">Reporter: Jane Doe &lt;jane@acme.com&gt;</span></div>');
    const proposal = proposeRule(pageA.querySelector('span')!, URL_A);
    if (typeof proposal === 'string') throw new Error(proposal);
    expect(proposal.found).toEqual({ kind: 'email', value: 'jane@acme.com' });
    const pageB = html('<div class="who"><span class="reporter">Reporter: Sam Rivera &lt;sam@rivera.test&gt;</span></div>');
    expect(applyRule(proposal.rule, pageB, new URL('https://admin.acme.test/customers/90'))?.ref.value).toBe('sam@rivera.test');
    expect(extractValue('email', undefined, 'a@b.test, c@d.test')).toBeUndefined();
  });
});

describe('picker proposals', () => {
  it('proposes the label before any position, and the rule survives a reordered record', () => {
    const page = (fields: [string, string][]) =>
      html(`<main><div class="css-a1b2"><h1>Customer</h1>${fields.map(([k, v]) => `<div class="css-r0w1"><div class="css-k3y4">${k}</div><div class="css-v4l5">${v}</div></div>`).join('')}</div></main>`);
    const a = page([['Name', 'Jane'], ['Email', 'jane@acme.com'], ['Plan', 'Pro']]);
    const proposal = proposeRule(Array.from(a.querySelectorAll('.css-v4l5')).find((e) => e.textContent === 'jane@acme.com')!, URL_A);
    if (typeof proposal === 'string') throw new Error(proposal);
    expect(proposal.rule.source).toEqual({ from: 'label', label: 'Email' });
    expect(dependsOnPosition(proposal.rule)).toBe(false);
    const b = page([['Plan', 'Team'], ['Company', 'Globex'], ['Email', 'marcus@globex.test'], ['Name', 'Marcus']]);
    expect(applyRule(proposal.rule, b, new URL('https://admin.acme.test/customers/77'))?.ref.value).toBe('marcus@globex.test');
  });

  it('proposes the label over a style class when the page also lists people under the same label', () => {
    const page = (email: string, second = '') =>
      html(`<dl><div><dt>Email</dt><dd><a class="chakra-link css-1n" href="mailto:${email}">${email}</a></dd></div>${second}</dl>` +
        '<table><thead><tr><th>Name</th><th>Email</th></tr></thead><tbody><tr><td>A</td><td>a@x.test</td></tr><tr><td>B</td><td>b@x.test</td></tr></tbody></table>');
    const proposal = proposeRule(page('jane@acme.com').querySelector('a')!, URL_A);
    if (typeof proposal === 'string') throw new Error(proposal);
    expect(proposal.rule.source).toEqual({ from: 'label', label: 'Email' });
    // The next record shows a second email link: a rule on the link's class would find two and nobody.
    const b = page('priya@initech.test', '<div><dt>Work email (2)</dt><dd><a class="chakra-link css-1n" href="mailto:it@initech.test">it@initech.test</a></dd></div>');
    expect(applyRule(proposal.rule, b, URL_A)?.ref.value).toBe('priya@initech.test');
  });

  it('offers a position only when nothing else finds the value, and says so', () => {
    const doc = html('<div id="card"><div><i>usr_8f3a91c2</i><i>Pro</i></div><div><i>usr_00000001</i><i>Team</i></div></div>');
    const proposal = proposeRule(doc.querySelectorAll('i')[0]!, URL_A);
    if (typeof proposal === 'string') throw new Error(proposal);
    expect(proposal.rule.source).toMatchObject({ from: 'selector', selector: expect.stringContaining('nth-child') });
    expect(dependsOnPosition(proposal.rule)).toBe(true);
    expect(proposal.rule.shape).toEqual({ prefix: 'usr_', chars: 'hex', min: 8, max: 8 });
  });

  it('anchors a position at the body on a page of generated class names only', () => {
    const doc = html('<div class="css-g7r1"><div class="css-w2q9"><span class="css-c3x1">usr_8f3a91c2</span><span class="css-c3x1">Pro</span></div><div class="css-w2q9"><span class="css-c3x1">usr_00c0ffee</span></div></div>');
    const proposal = proposeRule(doc.querySelector('span')!, URL_A);
    if (typeof proposal === 'string') throw new Error(proposal);
    expect(proposal.rule.source).toEqual({ from: 'selector', selector: 'body > div:nth-child(1) > div:nth-child(1) > span:nth-child(1)' });
    expect(proposal.found?.value).toBe('usr_8f3a91c2');
  });

  it('teaches a value inside a shadow root, read from the top page', () => {
    const doc = html('<x-card></x-card>');
    doc.querySelector('x-card')!.attachShadow({ mode: 'open' }).innerHTML = '<dl><dt>Email</dt><dd class="css-9z8y">jane@acme.com</dd></dl>';
    const picked = doc.querySelector('x-card')!.shadowRoot!.querySelector('dd')!;
    const proposal = proposeRule(picked, URL_A);
    if (typeof proposal === 'string') throw new Error(proposal);
    expect(proposal.found?.value).toBe('jane@acme.com');
    expect(validateRules([proposal.rule]).problems).toEqual([]);
  });

  it('says when a rule would apply to the page it was taught on only', () => {
    const one = proposeRule(html('<p id="who">jane@acme.com</p>').querySelector('p')!, new URL('https://admin.acme.test/settings/profile'));
    const many = proposeRule(html('<p id="who">jane@acme.com</p>').querySelector('p')!, URL_A);
    if (typeof one === 'string' || typeof many === 'string') throw new Error('no proposal');
    expect(appliesToThisPageOnly(one.rule, new URL('https://admin.acme.test/settings/profile'))).toBe(true);
    expect(appliesToThisPageOnly(many.rule, URL_A)).toBe(false);
    // A hash-routed app has every record at one path: the rule is for all of them, not one.
    expect(appliesToThisPageOnly(one.rule, new URL('https://admin.acme.test/#/users/42'))).toBe(false);
    // A rule that reads the route applies to that route: this page only when the route has no id.
    const route = (url: string) => {
      const p = proposeRule(html('<p id="who">jane@acme.com</p>').querySelector('p')!, new URL(url));
      if (typeof p === 'string') throw new Error(p);
      return appliesToThisPageOnly(p.rule, new URL(url));
    };
    expect(route('https://admin.acme.test/#/settings')).toBe(true);
    expect(route('https://admin.acme.test/#/users/42')).toBe(false);
  });
});

describe('URL generalizer on encoded ids', () => {
  it.each([
    ['https://console.test/users/auth0%7C5f3c9a1b2e4d6f0012345678', 'console.test/users/*'],
    ['https://console.test/users/google-oauth2|104383612345678901234/profile', 'console.test/users/*/profile'],
    ['https://console.test/u/dXNlcjpqYW5lQGFjbWUuY29t', 'console.test/u/*'],
    ['https://console.test/u/ZXhhbXBsZVVzZXJLZXk', 'console.test/u/*'],
    ['https://shop.test/admin/customers/gid%3A%2F%2Fshopify%2FCustomer%2F7012345', 'shop.test/admin/customers/*'],
    ['https://shop.test/admin/customer?id=gid%3A%2F%2Fshopify%2FCustomer%2F123', 'shop.test/admin/customer?id=*'],
    ['https://desk.test/people/jane%40acme.com/tickets', 'desk.test/people/*/tickets'],
    ['https://desk.test/people/jane@acme.com', 'desk.test/people/*'],
  ])('%s → pages like %s', (url, words) => {
    expect(generalizeUrl(new URL(url)).words).toBe(words);
  });

  it('still keeps words, CamelCase ones too', () => {
    for (const word of ['CustomerProfileSettings', 'account-settings', 'customers', 'Customer%20360']) expect(looksLikeId(word), word).toBe(false);
  });
});

describe('page scan and declarative shadow DOM', () => {
  // A record rendered in <template shadowrootmode="open">, as a server-rendered web-component console
  // sends it; DOMParser (and happy-dom) leave the template unattached, a page load attaches it.
  const page = `<!doctype html><html><body>
    <aside><h2>Recently viewed</h2><p>Decoy Person &lt;decoy@elsewhere.test&gt;</p><p>decoy@elsewhere.test</p></aside>
    <crm-record><template shadowrootmode="open"><h1>Jane Cooper</h1><dl><dt>Email</dt><dd>jane.cooper@globex.test</dd></dl></template></crm-record>
  </body></html>`;

  it('reads the record in an unattached declarative shadow root, and ranks it first', () => {
    const doc = new DOMParser().parseFromString(page, 'text/html');
    expect(doc.querySelector('crm-record')!.shadowRoot).toBeNull();
    expect(scanPage(doc, new URL('https://crm.test/records/7')).map((c) => c.ref.value)).toEqual(['jane.cooper@globex.test', 'decoy@elsewhere.test']);
  });

  it('reads the label before a name the address follows ("Reporter: Sam <sam@…>")', () => {
    expect(labelInText('Reporter: Sam Rivera <sam@rivera.test>', 21)).toBe(4);
    expect(labelInText('Assignee: Ada Admin (ada@acme.test)', 20)).toBe(-5);
    expect(labelInText('Thanks, Sam <sam@rivera.test>', 13)).toBe(0);
  });

  it('ranks a plain "Email" above a second or billing address of the same record, which still ranks above others', () => {
    const ranked = (body: string) => scanPage(html(body), new URL('https://crm.test/users/7')).map((c) => c.ref.value);
    expect(ranked('<div><span>Billing contact</span><a href="mailto:ap@globex.test">ap@globex.test</a></div><div><span>Email</span><a href="mailto:jane@globex.test">jane@globex.test</a></div>')).toEqual(['jane@globex.test', 'ap@globex.test']);
    expect(ranked('<dl><dt>Secondary email</dt><dd>ap@globex.test</dd><dt>Email</dt><dd>jane@globex.test</dd></dl>')).toEqual(['jane@globex.test', 'ap@globex.test']);
    // Alone, a billing email is the record's address (a payments console's customer).
    expect(ranked('<p>Recently: sam@other.test</p><dl><dt>Billing email</dt><dd>jane@globex.test</dd></dl>')[0]).toBe('jane@globex.test');
    expect(labelInText('Billing: ap@globex.test', 9)).toBeLessThan(labelInText('Email: jane@globex.test', 7));
  });

  it('and the same once attached', () => {
    const doc = new DOMParser().parseFromString(page, 'text/html');
    const template = doc.querySelector('template')!;
    doc.querySelector('crm-record')!.attachShadow({ mode: 'open' }).innerHTML = template.innerHTML;
    template.remove();
    expect(scanPage(doc, new URL('https://crm.test/records/7'))[0]!.ref.value).toBe('jane.cooper@globex.test');
  });
});
