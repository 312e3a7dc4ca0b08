// An operations console on Ant Design (antd, React SSR): the customer in a bordered Descriptions
// (a <table> of <th> label / <td> value cells, several pairs per row, so a field's cell moves when
// another field is missing), tags, and a one-record Table. Ids are base64url relay ids in the path.
import { createElement as h } from 'react';
import { renderToString } from 'react-dom/server';
import { createCache, StyleProvider } from '@ant-design/cssinjs';
import { Card, ConfigProvider, Descriptions, Layout, Menu, Table, Tag, Typography } from 'antd';
import { documentOf } from '../html.mjs';
import { fields, people, team } from '../people.mjs';

const relayId = (n) => Buffer.from(`Customer:${n}`).toString('base64url');
const numbers = [10482, 7733019, 58, 904112];

function Page({ person, index }) {
  const items = fields(person, { reorder: index === 2, labels: { secondEmail: 'Finance email', signedUp: 'Customer since' } }).map((f) => ({
    key: f.key,
    label: f.label,
    children: f.value,
  }));
  const owner = person.log[0];
  return h(
    Layout,
    { style: { minHeight: '100vh' } },
    h(Layout.Header, null, h(Typography.Text, { style: { color: '#fff' } }, `Ops · ${team.agent}`)),
    h(
      Layout,
      null,
      h(Layout.Sider, { width: 200 }, h(Menu, { mode: 'inline', selectedKeys: ['customers'], items: [{ key: 'customers', label: 'Customers' }, { key: 'orders', label: 'Orders' }, { key: 'refunds', label: 'Refunds' }] })),
      h(
        Layout.Content,
        { style: { padding: 24 } },
        h(Typography.Title, { level: 3 }, person.name),
        person.plan ? h(Tag, { color: 'blue' }, person.plan) : null,
        person.long ? h(Tag, { color: 'gold' }, 'Key account') : null,
        h(Card, { title: 'Customer details', style: { marginTop: 16 } }, h(Descriptions, { bordered: true, column: 2, size: 'small', items })),
        h(
          Card,
          { title: 'Account owner', style: { marginTop: 16 } },
          h(Table, {
            pagination: false,
            size: 'small',
            rowKey: 'id',
            columns: [
              { title: 'Team', dataIndex: 'team', key: 'team' },
              { title: 'Owner', dataIndex: 'owner', key: 'owner' },
              { title: 'Since', dataIndex: 'since', key: 'since' },
            ],
            dataSource: owner ? [{ id: 1, team: 'Customer success', owner, since: person.signedUp }] : [],
          }),
        ),
      ),
    ),
  );
}

export function render() {
  return people.slice(0, 4).map((person, index) => {
    const cache = createCache();
    const body = renderToString(h(StyleProvider, { cache }, h(ConfigProvider, { theme: { hashed: true } }, h(Page, { person, index }))));
    return {
      url: `https://ops.shopfront.test/customers/${relayId(numbers[index])}`,
      expect: { kind: 'email', value: person.email },
      userId: person.userId,
      // Without antd's extracted CSS (200 KB a page): the markup and its hashed class names are what Hailer reads.
      html: documentOf({ title: `${person.name} - Customers - Ops`, body: `<div id="root">${body}</div>` }),
    };
  });
}

export const family = {
  name: 'antd-descriptions',
  software: 'antd (Ant Design, React SSR): Descriptions, Table, Tag, Layout',
  description: 'An Ant Design operations console: a bordered Descriptions table with two label/value pairs per row, a one-record Table, base64url relay ids in the path',
  // Page A: the cell after the "Email" label.
  teach: { pick: '.ant-descriptions-view tr:nth-child(1) td.ant-descriptions-item-content:nth-of-type(2) > span' },
  // The same page's user id, taught instead of the email.
  teachUserId: { pick: '.ant-descriptions-view tr:nth-child(2) td.ant-descriptions-item-content:nth-of-type(1) > span' },
};
