// A commerce admin on Mantine (@mantine/core, React SSR): the customer as a key–value Table
// (Table.Th label, Table.Td value per row) in a Paper, Badges, an Anchor per address and a table of
// orders; Mantine's class names are generated (m_… beside mantine-…-root). Ids are Shopify-style
// global ids, gid://shopify/Customer/…, URL-encoded in the path.
import { createElement as h } from 'react';
import { renderToString } from 'react-dom/server';
import { Anchor, Badge, Container, Group, MantineProvider, Paper, Table, Text, Title } from '@mantine/core';
import { documentOf } from '../html.mjs';
import { fields, people, team } from '../people.mjs';

const gids = ['gid://shopify/Customer/7012345678901', 'gid://shopify/Customer/6543210987654', 'gid://shopify/Customer/5000000000017', 'gid://shopify/Customer/7999999999999'];

function Page({ person, index }) {
  const list = fields(person, { reorder: index === 3, labels: { secondEmail: 'Accounts payable' } }).filter((f) => f.key !== 'name');
  const value = (f) => (f.key === 'email' || f.key === 'secondEmail' ? h(Anchor, { href: `mailto:${f.value}`, size: 'sm' }, f.value) : h(Text, { size: 'sm' }, f.value));
  const orders = [
    { id: `#${1000 + index * 7}`, total: '$120.00', by: person.email },
    ...person.log.map((who, i) => ({ id: `#${1001 + index * 7 + i}`, total: '$0.00 (exchange)', by: who })),
  ];
  return h(
    MantineProvider,
    null,
    h(
      Container,
      { size: 'lg', py: 'md' },
      h(Group, { justify: 'space-between' }, h(Text, { fw: 700 }, 'Storefront admin'), h(Text, { size: 'sm', c: 'dimmed' }, team.agent)),
      h(Group, { mt: 'md' }, h(Title, { order: 2 }, person.name), person.plan ? h(Badge, { variant: 'light' }, person.plan) : null),
      h(
        Paper,
        { withBorder: true, p: 'md', mt: 'md' },
        h(Title, { order: 4 }, 'Customer'),
        h(Table, { variant: 'vertical', layout: 'fixed', withTableBorder: true }, h(Table.Tbody, null, ...list.map((f) => h(Table.Tr, { key: f.key }, h(Table.Th, { w: 160 }, f.label), h(Table.Td, null, value(f)))))),
      ),
      h(
        Paper,
        { withBorder: true, p: 'md', mt: 'md' },
        h(Title, { order: 4 }, 'Orders'),
        h(
          Table,
          { striped: true },
          h(Table.Thead, null, h(Table.Tr, null, h(Table.Th, null, 'Order'), h(Table.Th, null, 'Total'), h(Table.Th, null, 'Placed by'))),
          h(Table.Tbody, null, ...orders.map((o) => h(Table.Tr, { key: o.id }, h(Table.Td, null, o.id), h(Table.Td, null, o.total), h(Table.Td, null, o.by)))),
        ),
      ),
    ),
  );
}

export function render() {
  return people.slice(0, 4).map((person, index) => ({
    url: `https://admin.storefront.test/store/acme-outlet/customers/${encodeURIComponent(gids[index])}`,
    expect: { kind: 'email', value: person.email },
    userId: person.userId,
    html: documentOf({ title: `${person.name} · Customers · Storefront admin`, body: `<div id="root">${renderToString(h(Page, { person, index }))}</div>` }),
  }));
}

export const family = {
  name: 'mantine-table',
  software: '@mantine/core (React SSR): vertical Table, Paper, Badge, Anchor',
  description: 'A Mantine commerce admin: the customer as a key–value table with generated class names, the orders placed by the customer and by the team, gid://shopify/Customer/… ids URL-encoded in the path',
  // Page A: the email link in the "Email" row.
  teach: { pick: 'table[data-variant="vertical"] tbody tr:nth-child(1) td a' },
  // The same page's user id, taught instead of the email.
  teachUserId: { pick: 'table[data-variant="vertical"] tbody tr:nth-child(2) td p' },
};
