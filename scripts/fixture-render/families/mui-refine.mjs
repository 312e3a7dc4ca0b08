// A Refine-style admin on Material UI (@mui/material, Emotion): the customer's "show" page is a
// Card of label/value Typography pairs with generated class names (css-…), an AppBar naming the
// signed-in agent and a DataGrid-like Table of the account's activity. Ids are Auth0 user ids,
// URL-encoded in the path (auth0%7C…).
import { createElement as h } from 'react';
import { renderToString } from 'react-dom/server';
import createCache from '@emotion/cache';
import { CacheProvider } from '@emotion/react';
import createEmotionServer from '@emotion/server/create-instance';
import { AppBar, Box, Card, CardContent, CardHeader, Chip, CssBaseline, Divider, Link, Stack, Table, TableBody, TableCell, TableHead, TableRow, Toolbar, Typography } from '@mui/material';
import { documentOf } from '../html.mjs';
import { fields, people, team } from '../people.mjs';

const ids = ['auth0|5f3c9a1be4b0d10071a2c3d4', 'auth0|60a7f2c19d8e4b0068f1e2a3', 'auth0|5e1b8c7d6a5f4e0077b3c2d1', 'auth0|6123abcd9e8f7a006d5c4b3a'];

function Field({ label, value, kind }) {
  const shown = kind === 'email' || kind === 'secondEmail' ? h(Link, { href: `mailto:${value}`, underline: 'hover' }, value) : h(Typography, { variant: 'body2' }, value);
  return h(Stack, { spacing: 0.5, sx: { mb: 2 } }, h(Typography, { variant: 'caption', sx: { fontWeight: 700, color: 'text.secondary' } }, label), shown);
}

function Show({ person, index }) {
  const list = fields(person, { reorder: index % 2 === 1, labels: { secondEmail: 'Billing contact' } });
  return h(
    Box,
    { sx: { display: 'flex', flexDirection: 'column', minHeight: '100vh' } },
    h(CssBaseline),
    h(AppBar, { position: 'static' }, h(Toolbar, null, h(Typography, { variant: 'h6', sx: { flexGrow: 1 } }, 'Acme Back Office'), h(Typography, { variant: 'body2' }, team.agent))),
    h(
      Box,
      { component: 'main', sx: { p: 3 } },
      h(
        Card,
        null,
        h(CardHeader, { title: person.name, subheader: `Customer · ${ids[index]}`, action: person.plan ? h(Chip, { label: person.plan, size: 'small' }) : null }),
        h(Divider),
        h(CardContent, null, ...list.filter((f) => f.key !== 'name').map((f) => h(Field, { key: f.key, label: f.label, value: f.value, kind: f.key }))),
      ),
      h(Typography, { variant: 'h6', sx: { mt: 3, mb: 1 } }, 'Activity'),
      h(
        Table,
        { size: 'small' },
        h(TableHead, null, h(TableRow, null, h(TableCell, null, 'When'), h(TableCell, null, 'What'), h(TableCell, null, 'By'))),
        h(
          TableBody,
          null,
          ...person.log.map((who, i) => h(TableRow, { key: i }, h(TableCell, null, `2024-0${i + 3}-1${i}`), h(TableCell, null, 'Plan changed'), h(TableCell, null, who))),
          h(TableRow, { key: 'signup' }, h(TableCell, null, person.signedUp), h(TableCell, null, 'Signed up'), h(TableCell, null, person.email)),
        ),
      ),
    ),
  );
}

export function render() {
  return people.slice(0, 4).map((person, index) => {
    const cache = createCache({ key: 'css' });
    const { extractCriticalToChunks, constructStyleTagsFromChunks } = createEmotionServer(cache);
    const body = renderToString(h(CacheProvider, { value: cache }, h(Show, { person, index })));
    const head = constructStyleTagsFromChunks(extractCriticalToChunks(body));
    return {
      url: `https://backoffice.acme-shop.test/customers/show/${encodeURIComponent(ids[index])}`,
      expect: { kind: 'email', value: person.email },
      userId: person.userId,
      html: documentOf({ title: `${person.name} | Customers | Acme Back Office`, head, body: `<div id="root">${body}</div>` }),
    };
  });
}

export const family = {
  name: 'mui-refine',
  software: '@mui/material + @emotion (React SSR), in the style of a Refine "show" page',
  description: 'A Refine-style Material UI show page: label/value Typography pairs with generated css-… classes, Auth0 ids URL-encoded in the path',
  // Page A's email link, as the agent clicks it.
  teach: { pick: 'main .MuiCardContent-root a[href^="mailto:"]' },
  // The same page's user id, taught instead of the email.
  teachUserId: { pick: 'main .MuiCardContent-root > div:nth-child(2) > p' },
};
