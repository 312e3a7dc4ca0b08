// A support tool on Bootstrap 5 (react-bootstrap, React SSR): a Navbar naming the agent, the user in
// a Card with a horizontal <dl class="row"> (dt/dd pairs), a ListGroup of linked accounts and an
// activity Table. Ids are Google sign-in subjects, `google-oauth2|…`, URL-encoded in the path.
import { createElement as h } from 'react';
import { renderToString } from 'react-dom/server';
import { Badge, Card, Col, Container, ListGroup, Nav, Navbar, Row, Table } from 'react-bootstrap';
import { documentOf } from '../html.mjs';
import { fields, people, team } from '../people.mjs';

const subjects = ['google-oauth2|104381726354298716253', 'google-oauth2|117263548172635481726', 'google-oauth2|109988776655443322110', 'google-oauth2|100200300400500600700', 'google-oauth2|111222333444555666777'];

function Page({ person, index }) {
  // Record 2 shows the email last; records without a company or phone simply lack those rows.
  const list = fields(person, { labels: { secondEmail: 'Secondary email', signedUp: 'Joined' } });
  if (index === 2) list.push(...list.splice(list.findIndex((f) => f.key === 'email'), 1));
  return h(
    'div',
    null,
    h(
      Navbar,
      { bg: 'dark', variant: 'dark', expand: 'lg' },
      h(Container, { fluid: true }, h(Navbar.Brand, { href: '/' }, 'Support Desk'), h(Nav, { className: 'me-auto' }, h(Nav.Link, { href: '/users' }, 'Users'), h(Nav.Link, { href: '/tickets' }, 'Tickets')), h(Navbar.Text, null, `Signed in as ${team.agent}`)),
    ),
    h(
      Container,
      { className: 'py-4' },
      h('h1', { className: 'h3' }, person.name, ' ', person.plan ? h(Badge, { bg: 'secondary' }, person.plan) : null),
      h(
        Row,
        null,
        h(
          Col,
          { md: 8 },
          h(
            Card,
            null,
            h(Card.Header, null, 'Profile'),
            h(Card.Body, null, h('dl', { className: 'row mb-0' }, ...list.flatMap((f) => [h('dt', { key: `t-${f.key}`, className: 'col-sm-4' }, f.label), h('dd', { key: `d-${f.key}`, className: 'col-sm-8' }, f.value)]))),
          ),
        ),
        h(
          Col,
          { md: 4 },
          h(Card, null, h(Card.Header, null, 'Sign-in'), h(ListGroup, { variant: 'flush' }, h(ListGroup.Item, null, subjects[index]), h(ListGroup.Item, null, index % 2 ? 'Google Workspace' : 'Google'))),
        ),
      ),
      h('h2', { className: 'h5 mt-4' }, 'Recent activity'),
      h(
        Table,
        { striped: true, bordered: true, size: 'sm' },
        h('thead', null, h('tr', null, h('th', null, 'Date'), h('th', null, 'Event'), h('th', null, 'Agent'))),
        h('tbody', null, ...person.log.map((who, i) => h('tr', { key: i }, h('td', null, `2024-05-0${i + 1}`), h('td', null, 'Ticket reassigned'), h('td', null, who))), h('tr', { key: 'x' }, h('td', null, person.signedUp), h('td', null, 'Account created'), h('td', null, '—'))),
      ),
    ),
  );
}

export function render() {
  return people.map((person, index) => ({
    url: `https://support.fintech.test/users/${encodeURIComponent(subjects[index])}/profile`,
    expect: { kind: 'email', value: person.email },
    userId: person.userId,
    html: documentOf({
      title: `${person.name} · Support Desk`,
      body: renderToString(h(Page, { person, index })),
    }),
  }));
}

export const family = {
  name: 'bootstrap-dl',
  software: 'react-bootstrap (Bootstrap 5, React SSR): Navbar, Card, dl.row, ListGroup, Table',
  description: 'A Bootstrap support tool: the profile as dt/dd pairs in a dl.row, the email row moving or rows missing between users, google-oauth2|… ids URL-encoded in the path',
  // Page A: the dd after the "Email" dt.
  teach: { pick: '.card-body dl.row dd:nth-of-type(2)' },
  // The same page's user id, taught instead of the email.
  teachUserId: { pick: '.card-body dl.row dd:nth-of-type(3)' },
};
