// The support desk app: client-side routes under /app/, history.pushState navigation, and views
// that appear ~150 ms after each navigation (as when they wait for an API), so Hailer has to follow
// the page rather than read it once. Customers are marked with the data-intercom-* convention.
const RENDER_DELAY_MS = 150;
const view = document.getElementById('view');
const data = fetch('/api/customers').then((r) => r.json());
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
const money = (n) => `$${n.toLocaleString('en-US')}`;
const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const tickets = [
  { id: 4821, externalId: 'usr_1002', subject: 'Refund for the March invoice', age: '12 min' },
  { id: 4817, externalId: 'usr_1001', subject: 'CSV export keeps timing out', age: '1 h' },
  { id: 4809, externalId: 'usr_1003', subject: 'SSO set-up call', age: '3 h' },
];

const ordersTable = (orders, withCustomer) =>
  orders.length === 0
    ? '<p class="muted">No orders yet.</p>'
    : `<table><thead><tr><th scope="col">Order</th>${withCustomer ? '<th scope="col">Customer</th>' : ''}<th scope="col">Date</th><th scope="col">Total</th><th scope="col">Status</th></tr></thead>
       <tbody>${orders
         .map(
           (o) =>
             `<tr><td><code>${esc(o.id)}</code></td>${withCustomer ? `<td><a href="/app/customers/${esc(o.externalId)}">${esc(o.customer)}</a></td>` : ''}<td>${esc(o.date)}</td><td>${money(o.total)}</td><td>${esc(o.status)}</td></tr>`,
         )
         .join('')}</tbody></table>`;

function page(pathname, { customers, orders }) {
  const byId = (id) => customers.find((c) => c.externalId === id);
  if (pathname === '/app/' || pathname === '/app') {
    return {
      title: 'Inbox',
      html: `<h1 tabindex="-1">Inbox</h1><p class="muted">${tickets.length} open tickets</p>
        <section class="card"><ul class="plain">${tickets
          .map((t) => `<li><a href="/app/customers/${esc(t.externalId)}">#${t.id} ${esc(t.subject)}</a> <span class="muted">${esc(byId(t.externalId).name)} · ${esc(t.age)}</span></li>`)
          .join('')}</ul></section>`,
    };
  }
  if (pathname === '/app/orders') {
    return { title: 'Orders', html: `<h1 tabindex="-1">Orders</h1><p class="muted">All customers, this month</p><section class="card">${ordersTable(orders, true)}</section>` };
  }
  const m = /^\/app\/customers\/([^/]+)$/.exec(pathname);
  const c = m && byId(decodeURIComponent(m[1]));
  if (c) {
    return {
      title: c.name,
      html: `<article data-intercom-user-id="${esc(c.externalId)}" data-intercom-name="${esc(c.name)}">
        <header class="page-head">
          <span class="avatar avatar-lg" aria-hidden="true">${esc(c.name.split(' ').map((w) => w[0]).join(''))}</span>
          <div><h1 tabindex="-1">${esc(c.name)}</h1><p class="muted">${esc(c.company)} · ${esc(c.email)}</p></div>
          <span class="badge">${esc(c.plan)}</span>
        </header>
        <div class="grid">
          <section class="card"><h2>Account note</h2><p>${esc(c.note)}</p></section>
          <section class="card"><h2>Orders</h2>${ordersTable(c.orders, false)}</section>
        </div>
      </article>`,
    };
  }
  return { title: 'Not found', html: '<h1 tabindex="-1">Not found</h1><p class="muted">This page does not exist in the support desk.</p>' };
}

let generation = 0;
async function render(moveFocus) {
  const current = ++generation;
  view.setAttribute('aria-busy', 'true');
  view.innerHTML = '<p class="muted">Loading…</p>';
  const [loaded] = await Promise.all([data, delay(RENDER_DELAY_MS)]);
  if (current !== generation) return; // a newer navigation won
  const { title, html } = page(location.pathname, loaded);
  view.innerHTML = html;
  view.setAttribute('aria-busy', 'false');
  document.title = `${title} · Acme Support`;
  for (const a of document.querySelectorAll('.app-nav a')) {
    if (a.pathname === location.pathname) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  // Keyboard and screen-reader users land on the new view, as after a page load.
  if (moveFocus) view.querySelector('h1')?.focus();
}

document.addEventListener('click', (event) => {
  const link = event.target instanceof Element ? event.target.closest('a[href^="/app/"]') : null;
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  if (link.pathname !== location.pathname) history.pushState(null, '', link.href);
  render(true);
});
addEventListener('popstate', () => render(true));
render(false);
