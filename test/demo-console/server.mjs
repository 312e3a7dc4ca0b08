// A small support console to try Hailer on (tests, `npm run demo`, README screenshots). Its pages
// cover every way Hailer finds a customer:
//   /customers/{id}, /leads/{slug}   server-rendered, marked with the data-intercom-* convention
//   /customers                       a list marking several customers: no match
//   /app/…                           a single-page app (pushState, content ~150 ms after navigation)
//   /admin/users/{id}                no markup at all: only the preset team rule (rules.mjs) finds them
//   /legacy/customers/{id}           marked, under hostile CSS, to show the panel is isolated
//   /desk/tickets/{id}               helpdesk tickets, unprepared: found by the page scan or a taught rule (desk.mjs)
//   /incidents/billing-run           the accounts a failed billing run hit: a list to message all at once
//   /                                a dashboard with no customer
// Runnable: `node test/demo-console/server.mjs [port]` prints {"url": …}.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { customers, leads, orders } from './data.mjs';
import { deskTicketPage, tickets } from './desk.mjs';
import { affectedCustomers } from '../intercom-simulator/seed.mjs';

/** The customers a failed billing run hit: the simulator has them with its `affectedCustomers: 200` option. */
export const AFFECTED_COUNT = 200;
const affected = affectedCustomers(AFFECTED_COUNT).filter((c) => c.role === 'user');

const assetsDir = new URL('./assets/', import.meta.url);
const assets = {
  '/assets/console.css': 'text/css; charset=utf-8',
  '/assets/app.js': 'text/javascript; charset=utf-8',
  '/assets/legacy.css': 'text/css; charset=utf-8',
};

const esc = (s) =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
const money = (n) => `$${n.toLocaleString('en-US')}`;
const initials = (name) => name.split(' ').map((w) => w[0]).join('');

const nav = [
  ['/', 'Dashboard'],
  ['/customers', 'Customers'],
  ['/leads/sam-rivera', 'Leads'],
  ['/app/', 'Support desk (app)'],
  ['/admin/users', 'Admin: users'],
  ['/legacy/customers/usr_1002', 'Legacy billing'],
  ['/desk/tickets/5001', 'Helpdesk (unprepared)'],
  ['/incidents/billing-run', 'Incident: billing run'],
];

/** `section` is the nav entry to mark as current. */
function layout({ title, section, body, bodyClass = '' }) {
  const links = nav
    .map(([href, label]) => `<li><a href="${href}"${href === section ? ' aria-current="page"' : ''}>${esc(label)}</a></li>`)
    .join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} · Acme Support</title>
<link rel="stylesheet" href="/assets/console.css">
</head>
<body class="${bodyClass}">
<div class="shell">
<a class="skip" href="#content">Skip to content</a>
<header class="topbar">
  <a class="brand" href="/"><span class="logo" aria-hidden="true">A</span> Acme Support</a>
  <form class="search" role="search" action="/customers"><label class="sr-only" for="q">Search customers</label><input id="q" name="q" type="search" placeholder="Search customers…"></form>
  <span class="agent" aria-label="Signed in as Ada Admin"><span class="avatar" aria-hidden="true">AA</span> Ada Admin</span>
</header>
<nav class="sidebar" aria-label="Main"><ul>${links}</ul></nav>
<main id="content" tabindex="-1">
${body}
</main>
</div>
</body>
</html>`;
}

const customerCard = (c) => `
<article class="customer" data-intercom-user-id="${esc(c.externalId)}" data-intercom-name="${esc(c.name)}">
  <header class="page-head">
    <span class="avatar avatar-lg" aria-hidden="true">${esc(initials(c.name))}</span>
    <div>
      <p class="crumbs"><a href="/customers">Customers</a> / ${esc(c.externalId)}</p>
      <h1>${esc(c.name)}</h1>
      <p class="muted">${esc(c.company)} · customer since ${esc(c.since)}</p>
    </div>
    <span class="badge">${esc(c.plan)}</span>
  </header>
  <div class="grid">
    <section class="card" aria-labelledby="details-h">
      <h2 id="details-h">Details</h2>
      <dl class="facts">
        <dt>Email</dt><dd>${esc(c.email)}</dd>
        <dt>User id</dt><dd><code>${esc(c.externalId)}</code></dd>
        <dt>Status</dt><dd>${esc(c.status)}</dd>
        <dt>Seats</dt><dd>${c.seats}</dd>
        <dt>MRR</dt><dd>${money(c.mrr)}</dd>
      </dl>
    </section>
    <section class="card" aria-labelledby="note-h">
      <h2 id="note-h">Account note</h2>
      <p>${esc(c.note)}</p>
    </section>
    <section class="card wide" aria-labelledby="orders-h">
      <h2 id="orders-h">Recent orders</h2>
      ${ordersTable(c.orders)}
    </section>
  </div>
</article>`;

const ordersTable = (list, withCustomer = false) =>
  list.length === 0
    ? '<p class="muted">No orders yet.</p>'
    : `<table><thead><tr><th scope="col">Order</th>${withCustomer ? '<th scope="col">Customer</th>' : ''}<th scope="col">Date</th><th scope="col">Total</th><th scope="col">Status</th></tr></thead><tbody>${list
        .map(
          (o) =>
            `<tr><td><code>${esc(o.id)}</code></td>${withCustomer ? `<td>${esc(o.customer)}</td>` : ''}<td>${esc(o.date)}</td><td>${money(o.total)}</td><td>${esc(o.status)}</td></tr>`,
        )
        .join('')}</tbody></table>`;

const pages = {
  dashboard: () =>
    layout({
      title: 'Dashboard',
      section: '/',
      body: `
<header class="page-head"><div><h1>Good morning, Ada</h1><p class="muted">Here is what needs you today.</p></div></header>
<ul class="stats">
  <li class="card"><strong>14</strong> open tickets</li>
  <li class="card"><strong>3</strong> waiting on the customer</li>
  <li class="card"><strong>97%</strong> satisfaction this week</li>
</ul>
<section class="card" aria-labelledby="recent-h">
  <h2 id="recent-h">Recently viewed</h2>
  <ul class="plain">${customers.map((c) => `<li><a href="/customers/${esc(c.externalId)}">${esc(c.name)}</a> <span class="muted">${esc(c.company)}</span></li>`).join('')}</ul>
</section>`,
    }),

  customers: () =>
    layout({
      title: 'Customers',
      section: '/customers',
      body: `
<header class="page-head"><div><h1>Customers</h1><p class="muted">${customers.length} customers, ${leads.length} lead</p></div></header>
<section class="card">
<table>
  <thead><tr><th scope="col">Name</th><th scope="col">Company</th><th scope="col">Email</th><th scope="col">Plan</th></tr></thead>
  <tbody>
  ${customers
    .map(
      (c) =>
        `<tr data-intercom-user-id="${esc(c.externalId)}" data-intercom-name="${esc(c.name)}"><td><a href="/customers/${esc(c.externalId)}">${esc(c.name)}</a></td><td>${esc(c.company)}</td><td>${esc(c.email)}</td><td>${esc(c.plan)}</td></tr>`,
    )
    .join('')}
  ${leads
    .map(
      (l) =>
        `<tr data-intercom-email="${esc(l.email)}" data-intercom-name="${esc(l.name)}"><td><a href="/leads/${esc(l.slug)}">${esc(l.name)}</a> <span class="badge badge-soft">Lead</span></td><td>—</td><td>${esc(l.email)}</td><td>—</td></tr>`,
    )
    .join('')}
  </tbody>
</table>
</section>`,
    }),

  customer: (c) => layout({ title: c.name, section: '/customers', body: customerCard(c) }),

  // An incident's list of affected accounts: what an agent messages all at once (the popup's
  // "People on this page" → Select all → Message selected).
  affected: () =>
    layout({
      title: 'Affected customers',
      section: '/incidents/billing-run',
      body: `
<header class="page-head"><div><h1>Affected customers</h1><p class="muted">Billing run of 1 December failed for ${affected.length} accounts</p></div></header>
<section class="card">
<table>
  <thead><tr><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Plan</th><th scope="col">Invoice</th></tr></thead>
  <tbody>
  ${affected
    .map(
      (c) =>
        `<tr data-intercom-email="${esc(c.email)}"${c.name ? ` data-intercom-name="${esc(c.name)}"` : ''}><td>${esc(c.name ?? '—')}</td><td>${esc(c.email)}</td><td>${esc(c.custom_attributes.plan)}</td><td>${esc(c.custom_attributes.invoice)}</td></tr>`,
    )
    .join('')}
  </tbody>
</table>
</section>`,
    }),

  lead: (l) =>
    layout({
      title: l.name,
      section: '/leads/sam-rivera',
      body: `
<article data-intercom-email="${esc(l.email)}" data-intercom-name="${esc(l.name)}">
  <header class="page-head">
    <span class="avatar avatar-lg" aria-hidden="true">${esc(initials(l.name))}</span>
    <div><p class="crumbs"><a href="/customers">Customers</a> / lead</p><h1>${esc(l.name)}</h1><p class="muted">Lead · ${esc(l.source)}</p></div>
    <span class="badge badge-soft">Lead</span>
  </header>
  <section class="card" aria-labelledby="lead-h">
    <h2 id="lead-h">What they asked about</h2>
    <p>${esc(l.interest)}</p>
    <dl class="facts"><dt>Email</dt><dd>${esc(l.email)}</dd></dl>
  </section>
</article>`,
    }),

  adminUsers: () =>
    layout({
      title: 'Users',
      section: '/admin/users',
      bodyClass: 'admin',
      body: `
<header class="page-head"><div><h1>Users</h1><p class="muted">Internal admin · production</p></div></header>
<section class="card"><table>
  <thead><tr><th scope="col">User id</th><th scope="col">Name</th><th scope="col">Organisation</th></tr></thead>
  <tbody>${customers.map((c) => `<tr><td><a href="/admin/users/${esc(c.externalId)}"><code>${esc(c.externalId)}</code></a></td><td>${esc(c.name)}</td><td>${esc(c.company)}</td></tr>`).join('')}</tbody>
</table></section>`,
    }),

  // Deliberately no data-intercom-* and no meta tags: only a team rule can know who this is.
  adminUser: (c) =>
    layout({
      title: c.externalId,
      section: '/admin/users',
      bodyClass: 'admin',
      body: `
<header class="page-head">
  <div>
    <p class="crumbs"><a href="/admin/users">Users</a> / <code>${esc(c.externalId)}</code></p>
    <h1><span data-field="name">${esc(c.name)}</span> <small class="muted">${esc(c.externalId)}</small></h1>
  </div>
  <span class="badge badge-warn">production</span>
</header>
<div class="grid">
  <section class="card" aria-labelledby="acct-h">
    <h2 id="acct-h">Account</h2>
    <dl class="facts">
      <dt>Login</dt><dd>${esc(c.email)}</dd>
      <dt>Organisation</dt><dd>${esc(c.company)}</dd>
      <dt>Two-factor</dt><dd>enabled</dd>
      <dt>Last login</dt><dd>2 hours ago</dd>
    </dl>
  </section>
  <section class="card" aria-labelledby="flags-h">
    <h2 id="flags-h">Feature flags</h2>
    <ul class="plain"><li><code>new_exporter</code> on</li><li><code>sso_beta</code> off</li></ul>
  </section>
</div>`,
    }),

  // The old billing tool's CSS (legacy.css) comes after the console's and breaks what it can.
  legacyCustomer: (c) =>
    layout({
      title: `${c.name} (legacy billing)`,
      section: '/legacy/customers/usr_1002',
      bodyClass: 'legacy',
      body: `<link rel="stylesheet" href="/assets/legacy.css">
<div class="legacy-banner" role="note">Legacy billing tool: styles from 2011, kept for the finance team.</div>
${customerCard(c)}
<p><button type="button">Issue credit note</button> <a href="/customers/${esc(c.externalId)}">Open in the new console</a></p>`,
    }),

  app: () =>
    layout({
      title: 'Support desk',
      section: '/app/',
      body: `
<div class="app" id="app">
  <nav class="app-nav" aria-label="Support desk">
    <ul>
      <li><a href="/app/" data-route>Inbox</a></li>
      <li><a href="/app/orders" data-route>Orders</a></li>
    </ul>
    <h2 class="app-nav-h" id="people-h">People</h2>
    <ul aria-labelledby="people-h">${customers.map((c) => `<li><a href="/app/customers/${esc(c.externalId)}" data-route>${esc(c.name)}</a></li>`).join('')}</ul>
  </nav>
  <div class="app-view" id="view" aria-live="polite" aria-busy="true"><p class="muted">Loading…</p></div>
</div>
<script type="module" src="/assets/app.js"></script>`,
    }),

  notFound: (path) =>
    layout({ title: 'Not found', section: null, body: `<header class="page-head"><div><h1>Not found</h1><p class="muted">Nothing lives at <code>${esc(path)}</code>.</p></div></header>` }),
};

function route(path) {
  const byId = (id) => customers.find((c) => c.externalId === id);
  let m;
  if (path === '/') return pages.dashboard();
  if (path === '/customers') return pages.customers();
  if (path === '/incidents/billing-run') return pages.affected();
  if ((m = /^\/customers\/([^/]+)$/.exec(path)) && byId(m[1])) return pages.customer(byId(m[1]));
  if ((m = /^\/leads\/([^/]+)$/.exec(path)) && leads.find((l) => l.slug === m[1])) return pages.lead(leads.find((l) => l.slug === m[1]));
  if (path === '/admin/users') return pages.adminUsers();
  if ((m = /^\/admin\/users\/([^/]+)$/.exec(path)) && byId(m[1])) return pages.adminUser(byId(m[1]));
  if ((m = /^\/legacy\/customers\/([^/]+)$/.exec(path)) && byId(m[1])) return pages.legacyCustomer(byId(m[1]));
  if ((m = /^\/desk\/tickets\/(\d+)$/.exec(path)) && tickets.find((t) => t.id === m[1])) {
    const ticket = tickets.find((t) => t.id === m[1]);
    return layout({ title: ticket.subject, section: '/desk/tickets/5001', body: deskTicketPage(ticket, esc) });
  }
  if (path === '/app' || path.startsWith('/app/')) return pages.app();
  return null;
}

async function handle(req, res) {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');
  const send = (status, type, body) => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'text/plain', 'Method not allowed');
  if (pathname === '/app') {
    res.writeHead(301, { location: '/app/' });
    return res.end();
  }
  if (pathname in assets) return send(200, assets[pathname], await readFile(new URL(`.${pathname.slice('/assets'.length)}`, assetsDir)));
  if (pathname === '/api/customers') return send(200, 'application/json', JSON.stringify({ customers, orders }));
  let html = null;
  try {
    html = route(decodeURIComponent(pathname));
  } catch {
    // A malformed escape is simply not a page here.
  }
  return html ? send(200, 'text/html; charset=utf-8', html) : send(404, 'text/html; charset=utf-8', pages.notFound(pathname));
}

/** Starts the console on 127.0.0.1 (port 0 = any free port). */
export function startDemoConsole({ port = 0 } = {}) {
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: actual } = server.address();
      resolve({
        url: `http://127.0.0.1:${actual}`,
        close: () => new Promise((done) => { server.closeAllConnections(); server.close(() => done()); }),
      });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const demo = await startDemoConsole({ port: Number(process.argv[2] ?? 0) });
  console.log(JSON.stringify({ url: demo.url }));
}
