// @vitest-environment happy-dom
// The page scan's bound (utils/scan/walk.ts): a page's text is read in document order until it has
// shown 2,000 different addresses (a list, not one person's page); what comes after (text, links,
// fields, frames, shadow roots) is not read, except data-intercom-* markup, which always counts. Below the bound, everything is read.
import { describe, expect, it } from 'vitest';
import { scanPage } from '../../utils/scan/scan';

const html = (body: string) => new DOMParser().parseFromString(`<!doctype html><html><body>${body}</body></html>`, 'text/html');
const rows = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `<p>person${from + i}@list.test</p>`).join('');
const url = new URL('https://admin.example.test/people');
// A label in the same text ("Customer: …") ranks an address among the few whose context is read,
// wherever it is: so an address missing below was not read, not merely outranked.
const values = (doc: Document) => scanPage(doc, url, { limit: 100 }).map((c) => c.ref.value);

describe('page scan bound', () => {
  it('lists a list page up to a batch: the shortlist ranked by context first, the rest in the page\'s order', () => {
    const doc = html(`<h1>Affected customers</h1>${rows(150)}<p>Customer: ada@list.test</p>${rows(50, 150)}`);
    const found = scanPage(doc, url, { limit: 500 }).map((c) => c.ref.value);
    expect(found).toHaveLength(201);
    expect(new Set(found).size).toBe(201);
    expect(found[0]).toBe('ada@list.test');
    const tail = found.slice(100);
    expect(tail).toEqual([...tail].sort((a, b) => Number(a.match(/\d+/)![0]) - Number(b.match(/\d+/)![0])));
  });

  it('reads a page under 2,000 different addresses to its end', () => {
    const doc = html(`<h1>People</h1>${rows(1999)}<p>Customer: last@end.test</p>`);
    expect(values(doc)[0]).toBe('last@end.test');
  });

  it('stops reading text at the 2,000th different address; markup after it still counts', () => {
    const doc = html(
      `<h1>People</h1><p>ben@team.test</p>${rows(2000)}<p>ben@team.test</p>` +
        `<p>Customer: late@end.test</p><div data-intercom-user-id="usr_9" data-intercom-name="Marked Late"></div>`,
    );
    const found = scanPage(doc, url, { limit: 100 });
    expect(found.map((c) => c.ref.value)).not.toContain('late@end.test');
    expect(found[0]).toMatchObject({ ref: { kind: 'user_id', value: 'usr_9' }, displayName: 'Marked Late' });
    // Counted where it was read: once before the stop, not again after it.
    expect(found.find((c) => c.ref.value === 'ben@team.test')?.count).toBe(1);
  });

  it('reads links and form fields in the part it read; after its stop only their markup counts', () => {
    // Past 2,000 addresses links and fields add only to people already found: early ones to person5
    // and person6, late ones (after the stop) to nobody.
    const doc = html(
      `<h1>People</h1><a href="mailto:person5@list.test">write</a><input value="person6@list.test">${rows(2000)}` +
        `<a href="mailto:person7@list.test">write</a><input value="person8@list.test">` +
        `<a href="/u/9" data-intercom-user-id="usr_late_link">Late Link</a>`,
    );
    const found = scanPage(doc, url, { limit: 3000 });
    const count = (v: string) => found.find((c) => c.ref.value === v)?.count;
    expect([count('person5@list.test'), count('person6@list.test'), count('person7@list.test'), count('person8@list.test')]).toEqual([2, 2, 1, 1]);
    expect(found[0]?.ref).toEqual({ kind: 'user_id', value: 'usr_late_link' });
  });

  it('reads shadow roots in the part it read, not after its stop', () => {
    const doc = html(`<div id="early"></div>${rows(2000)}<div id="late"></div>`);
    doc.getElementById('early')!.attachShadow({ mode: 'open' }).innerHTML = '<p>Customer: early@shadow.test</p>';
    doc.getElementById('late')!.attachShadow({ mode: 'open' }).innerHTML = '<p>Customer: late@shadow.test</p>';
    const found = values(doc);
    expect(found[0]).toBe('early@shadow.test');
    expect(found).not.toContain('late@shadow.test');
  });
});

describe('labels read without searching the page', () => {
  it('a <label for> names the element holding the address', () => {
    const doc = html(`<h1>Order 7</h1><p>seen@else.test</p><label for="who">Customer</label><span id="who">jane@shop.test</span>`);
    expect(values(doc)).toEqual(['jane@shop.test', 'seen@else.test']);
  });

  it("a cell is labelled by its own table's header row, not a nested table's", () => {
    const doc = html(
      `<h1>Accounts</h1><table><thead><tr><th>Note</th><th>Owner</th></tr></thead><tbody><tr><td>x</td><td>ben@team.test</td></tr></tbody></table>` +
        `<table><tbody><tr><td>jane@shop.test</td><td><table><thead><tr><th>Assignee</th></tr></thead></table></td></tr></tbody></table>`,
    );
    const found = scanPage(doc, url);
    const score = (v: string) => found.find((c) => c.ref.value === v)!.score;
    // "Owner" is a teammate's column; jane's table has no header of its own (the nested "Assignee" is not hers).
    expect(score('ben@team.test')).toBeLessThan(score('jane@shop.test'));
  });
});

describe('the shortlist whose context is read', () => {
  it("keeps the record's person when a sidebar lists more people before it than the shortlist holds", () => {
    const recent = Array.from({ length: 80 }, (_, i) => `<li>recent${i}@cust${i}.test</li>`).join('');
    const doc = html(
      `<aside><h2>Recent customers</h2><ul>${recent}</ul></aside>` +
        `<main><h1>Jane Cooper</h1><dl><dt>Plan</dt><dd>Pro</dd><dt>Email</dt><dd>jane.cooper@shop.test</dd></dl></main>`,
    );
    expect(values(doc)[0]).toBe('jane.cooper@shop.test');
  });
});
