// A customer portal built from Lit web components, server-rendered with @lit-labs/ssr: every
// component's markup is in declarative shadow DOM (<template shadowrootmode="open">), two levels
// deep for the record's fields (<customer-record> holds <record-field>s, each with its own root).
// The light DOM around them has the signed-in agent and the reseller's desk, a decoy that is
// neither the team nor the customer. Ids are UUIDs in the path.
import { render as ssr } from '@lit-labs/ssr';
import { collectResult } from '@lit-labs/ssr/lib/render-result.js';
import { css, html, LitElement } from 'lit';
import { documentOf } from '../html.mjs';
import { fields, people, team } from '../people.mjs';

class RecordField extends LitElement {
  static properties = { label: {}, value: {} };
  static styles = css`:host{display:grid;grid-template-columns:10rem 1fr}.label{color:#555}`;
  render() {
    return html`<span class="label">${this.label}</span><span class="value">${this.value}</span>`;
  }
}
class CustomerRecord extends LitElement {
  static properties = { person: { attribute: false }, list: { attribute: false } };
  static styles = css`:host{display:block;border:1px solid #ddd;padding:1rem}`;
  render() {
    return html`<header><h2 part="title">${this.person.name}</h2>${this.person.plan ? html`<span class="badge">${this.person.plan}</span>` : ''}</header>
      <section class="fields">${this.list.map((f) => html`<record-field label=${f.label} .value=${f.value}></record-field>`)}</section>`;
  }
}
class ActivityFeed extends LitElement {
  static properties = { entries: { attribute: false } };
  render() {
    return html`<ol>${this.entries.map((e) => html`<li>${e}</li>`)}</ol>`;
  }
}
class PortalBar extends LitElement {
  static properties = { agent: {} };
  render() {
    return html`<nav><a href="/">Portal</a> <span class="who">${this.agent}</span></nav>`;
  }
}
customElements.define('record-field', RecordField);
customElements.define('customer-record', CustomerRecord);
customElements.define('activity-feed', ActivityFeed);
customElements.define('portal-bar', PortalBar);

const uuids = ['3f2504e0-4f89-41d3-9a0c-0305e82c3301', '9b2e6c1d-77aa-4c0e-b1f2-5d6e7f809a1b', 'c0ffee00-1234-4abc-8def-0123456789ab', '5a5a5a5a-0b0b-4c4c-8d8d-e1e1e1e1e1e1', 'e7d6c5b4-a392-4817-8f6e-5d4c3b2a1908'];

export async function render() {
  const out = [];
  for (const [index, person] of people.entries()) {
    const list = fields(person, { reorder: index % 2 === 0, labels: { secondEmail: 'Accounts email' } }).filter((f) => f.key !== 'name');
    const entries = [...person.log.map((who) => `Case note added by ${who}`), `Account opened ${person.signedUp}`];
    const body = await collectResult(
      ssr(html`<portal-bar agent=${team.agent}></portal-bar>
<main><customer-record .person=${person} .list=${list}></customer-record>
<aside class="reseller"><h3>Your reseller</h3><p>Questions about invoices? Write to partner-desk@resellers.test</p></aside>
<activity-feed .entries=${entries}></activity-feed></main>`),
    );
    out.push({
      url: `https://portal.widgetco.test/accounts/${uuids[index]}/overview`,
      expect: { kind: 'email', value: person.email },
      userId: person.userId,
      html: documentOf({ title: `${person.name} — WidgetCo Portal`, body }),
    });
  }
  return out;
}

export const family = {
  name: 'lit-shadow',
  software: 'lit + @lit-labs/ssr: LitElement components in declarative shadow DOM, two levels deep',
  description: 'A Lit web-component portal rendered on the server: the record and each of its fields in declarative shadow roots, a reseller address in the light DOM as a decoy, UUIDs in the path',
  // Page A: the value of the "Email" field, inside the record's root and then the field's.
  teach: { pick: ['customer-record', 'record-field[label="Email"]', '.value'] },
  // The same page's user id, taught instead of the email.
  teachUserId: { pick: ['customer-record', 'record-field[label="User ID"]', '.value'] },
};
