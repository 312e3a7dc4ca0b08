// A customer success tool on Chakra UI v3 (@chakra-ui/react on Emotion, React SSR): the account's
// people in a DataList (a <dl> whose label/value pairs each sit in their own <div>), generated
// css-… class names, a Table of contacts at the account (the customer, a colleague, the team's
// owner) and ids as a slug plus a short hash in the path.
import { createElement as h } from 'react';
import { renderToString } from 'react-dom/server';
import createCache from '@emotion/cache';
import { CacheProvider } from '@emotion/react';
import createEmotionServer from '@emotion/server/create-instance';
import { Badge, Box, ChakraProvider, DataList, defaultSystem, Flex, Heading, Link, Table, Text } from '@chakra-ui/react';
import { documentOf } from '../html.mjs';
import { fields, people, team } from '../people.mjs';

const slugs = ['globex-marcus-lee-7f3a', 'initech-priya-shah-2c9d', 'umbrella-w-featherstonehaugh-montgomery-0b1e', 'sam-rivera-9d44', 'lagos-fintech-oluwaseun-adeyemi-okonkwo-5e6f'];

function Page({ person, index }) {
  const list = fields(person, { reorder: index % 2 === 0 && index > 0, labels: { secondEmail: 'Work email (2)', signedUp: 'First seen' } }).filter((f) => f.key !== 'name');
  const value = (f) => (f.key === 'email' || f.key === 'secondEmail' ? h(Link, { href: `mailto:${f.value}` }, f.value) : f.value);
  const contacts = [
    { role: 'Champion', who: person.email },
    ...(person.secondEmail ? [{ role: 'Billing', who: person.secondEmail }] : []),
    ...(person.log[0] ? [{ role: 'CSM', who: person.log[0] }] : []),
  ];
  return h(
    Box,
    { p: 6 },
    h(Flex, { justify: 'space-between', mb: 4 }, h(Text, { fontWeight: 'bold' }, 'Success Hub'), h(Text, { color: 'fg.muted' }, team.agent)),
    h(Flex, { gap: 3, align: 'center' }, h(Heading, { size: 'xl' }, person.name), person.plan ? h(Badge, { colorPalette: 'purple' }, person.plan) : null),
    h(
      DataList.Root,
      { orientation: 'horizontal', mt: 4 },
      ...list.map((f) => h(DataList.Item, { key: f.key }, h(DataList.ItemLabel, null, f.label), h(DataList.ItemValue, null, value(f)))),
    ),
    h(Heading, { size: 'md', mt: 8, mb: 2 }, 'People at this account'),
    h(
      Table.Root,
      { size: 'sm' },
      h(Table.Header, null, h(Table.Row, null, h(Table.ColumnHeader, null, 'Role'), h(Table.ColumnHeader, null, 'Email'))),
      h(Table.Body, null, ...contacts.map((c) => h(Table.Row, { key: c.role }, h(Table.Cell, null, c.role), h(Table.Cell, null, c.who)))),
    ),
  );
}

export function render() {
  return people.map((person, index) => {
    const cache = createCache({ key: 'css' });
    const { extractCriticalToChunks, constructStyleTagsFromChunks } = createEmotionServer(cache);
    const body = renderToString(h(CacheProvider, { value: cache }, h(ChakraProvider, { value: defaultSystem }, h(Page, { person, index }))));
    // Only the rules this page uses (Chakra's global tokens would add 100 KB a page).
    const head = constructStyleTagsFromChunks({ ...extractCriticalToChunks(body), styles: extractCriticalToChunks(body).styles.filter((s) => s.key === 'css' && s.ids.length) });
    return {
      url: `https://hub.success-tools.test/accounts/${slugs[index]}?view=people`,
      expect: { kind: 'email', value: person.email },
      userId: person.userId,
      html: documentOf({ title: `${person.name} · Success Hub`, head, body: `<div id="root">${body}</div>` }),
    };
  });
}

export const family = {
  name: 'chakra-datalist',
  software: '@chakra-ui/react v3 + @emotion (React SSR): DataList, Table, Badge, Link',
  description: 'A Chakra UI customer success tool: a DataList (dl with a div per label/value pair) with generated css-… classes, the account\'s people in a table, slug-and-hash ids in the path',
  // Page A: the email link in the DataList.
  teach: { pick: 'dl a[href^="mailto:"]' },
  // The same page's user id, taught instead of the email.
  teachUserId: { pick: 'dl > div:nth-child(2) dd' },
};
