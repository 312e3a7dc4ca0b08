// A member admin on Vue 3 + Element Plus (server-rendered with @vue/server-renderer): el-descriptions
// (a bordered label/value table), a vertical el-descriptions of the member's addresses (labels in
// one row, values below), el-tags, and a hash route with the member id in the query, as Vue admin
// templates have. (el-table renders its rows only in the browser, so it is not used here.)
import { createRequire } from 'node:module';
import { documentOf } from '../html.mjs';
import { fields, people, team } from '../people.mjs';

// Element Plus's ES build imports a CommonJS dependency by name, which Node refuses: its CommonJS
// build it is, with Vue's (one Vue instance either way).
const require = createRequire(import.meta.url);
const { createSSRApp, h } = require('vue');
const { renderToString } = require('@vue/server-renderer');
const ElementPlus = require('element-plus');
const { ElCard, ElDescriptions, ElDescriptionsItem, ElTag, ID_INJECTION_KEY, ZINDEX_INJECTION_KEY } = ElementPlus;
const memberIds = ['M20240411000187', 'M20221119004521', 'M20190630000009', 'M20240108019932'];

function page(person, index) {
  const list = fields(person, { reorder: index === 1, labels: { name: 'Member', secondEmail: 'Invoice email', signedUp: 'Registered' } });
  const addresses = [
    { type: 'Primary', email: person.email, verified: 'Yes' },
    ...(person.secondEmail ? [{ type: 'Invoices', email: person.secondEmail, verified: index % 2 ? 'No' : 'Yes' }] : []),
  ];
  return {
    render: () =>
      h('div', { class: 'app-wrapper' }, [
        h('div', { class: 'navbar' }, [h('span', { class: 'brand' }, 'Member Admin'), h('span', { class: 'user' }, team.agent)]),
        h('div', { class: 'app-main' }, [
          h(ElCard, { shadow: 'never' }, {
            header: () => [h('span', null, person.name), person.plan ? h(ElTag, { type: 'success', size: 'small' }, () => person.plan) : null],
            default: () =>
              h(ElDescriptions, { column: 1, border: true, title: 'Member details' }, () => list.map((f) => h(ElDescriptionsItem, { label: f.label, key: f.key }, () => f.value))),
          }),
          h(ElCard, { shadow: 'never', style: 'margin-top:16px' }, {
            header: () => 'Email addresses',
            // Vertical: the labels in one row, each address's values in the rows below them.
            default: () =>
              h(ElDescriptions, { column: 3, border: true, direction: 'vertical' }, () =>
                addresses.flatMap((a, i) => [
                  h(ElDescriptionsItem, { label: 'Type', key: `t${i}` }, () => a.type),
                  h(ElDescriptionsItem, { label: 'Address', key: `e${i}` }, () => a.email),
                  h(ElDescriptionsItem, { label: 'Verified', key: `v${i}` }, () => a.verified),
                ]),
              ),
          }),
          h(ElCard, { shadow: 'never', style: 'margin-top:16px' }, {
            header: () => 'Operation log',
            default: () => h('ul', { class: 'op-log' }, [...person.log.map((who) => h('li', null, `Edited by ${who}`)), h('li', null, `Registered ${person.signedUp}`)]),
          }),
        ]),
      ]),
  };
}

export async function render() {
  const out = [];
  for (const [index, person] of people.slice(0, 4).entries()) {
    const app = createSSRApp(page(person, index));
    app.use(ElementPlus.default ?? ElementPlus);
    // Element Plus wants these for server rendering (stable ids and z-indexes).
    app.provide(ID_INJECTION_KEY, { prefix: 1024, current: 0 });
    app.provide(ZINDEX_INJECTION_KEY, { current: 0 });
    const body = await renderToString(app);
    out.push({
      url: `https://members.coop-bank.test/admin/#/member/detail?memberId=${memberIds[index]}&tab=profile`,
      expect: { kind: 'email', value: person.email },
      userId: person.userId,
      html: documentOf({ title: 'Member detail - Member Admin', body: `<div id="app">${body}</div>` }),
    });
  }
  return out;
}

export const family = {
  name: 'element-plus',
  software: 'vue + element-plus (Vue SSR, @vue/server-renderer): el-descriptions, el-card, el-tag',
  description: 'A Vue 3 + Element Plus member admin: a bordered el-descriptions table, a vertical el-descriptions of the member\'s addresses (the customer and an invoice address), hash routes with the id in the query',
  // Page A: the value cell of the "Email" row.
  teach: { pick: '.el-descriptions__body tbody tr:nth-child(2) td.el-descriptions__content' },
  // The same page's user id, taught instead of the email.
  teachUserId: { pick: '.el-descriptions__body tbody tr:nth-child(3) td.el-descriptions__content' },
};
