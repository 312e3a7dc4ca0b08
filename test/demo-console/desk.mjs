// The demo console's helpdesk, /desk/tickets/{id}: ticket pages nobody prepared for Hailer (no
// data-intercom-* markup, no team rule), showing the requester beside the agent's and teammates'
// addresses, as real helpdesks do. Hailer finds people here only by scanning the page ("People on
// this page") or after the agent teaches it the page ("Teach Hailer this page").
export const tickets = [
  { id: '5001', subject: 'Refund for the March invoice', requester: 'Marcus Lee', email: 'marcus@globex.test', org: 'Globex', cc: ['ben@acme.test'], priority: 'High' },
  { id: '5002', subject: 'SSO setup: can we get a call?', requester: 'Priya Shah', email: 'priya@initech.test', org: 'Initech', cc: ['cleo@acme.test'], priority: 'Normal', tags: ['sso', 'enterprise'] },
  { id: '5003', subject: 'Pricing for 60 seats', requester: 'Sam Rivera', email: 'sam.rivera@example.test', org: null, cc: [], priority: 'Normal' },
];

export function deskTicketPage(ticket, esc) {
  const fields = [
    ['Assignee', 'Ada Admin &lt;ada@acme.test&gt;'],
    ['Priority', esc(ticket.priority)],
    ...(ticket.tags ? [['Tags', ticket.tags.map(esc).join(', ')]] : []),
  ];
  return `
<div class="ticket">
  <header class="page-head"><div>
    <p class="crumbs"><a href="/desk/tickets/5001">Helpdesk</a> / ticket ${esc(ticket.id)}</p>
    <h1>${esc(ticket.subject)}</h1>
    <p class="muted">Ticket #${esc(ticket.id)} · via email${ticket.cc.length ? ` · CC ${ticket.cc.map(esc).join(', ')}` : ''}</p>
  </div></header>
  <div class="grid">
    <section class="card" aria-labelledby="thread-h">
      <h2 id="thread-h">Conversation</h2>
      <p><strong>${esc(ticket.requester)}</strong> &lt;${esc(ticket.email)}&gt; wrote:</p>
      <p>Hello, about "${esc(ticket.subject)}": could you help? Thanks.</p>
      <p><strong>Ben Support</strong> &lt;ben@acme.test&gt; replied:</p>
      <p>Thanks, we are looking into it. — Acme support, support@acme.test</p>
    </section>
    <aside class="card requester" aria-labelledby="requester-h">
      <h2 id="requester-h">Requester</h2>
      <p class="requester-name">${esc(ticket.requester)}</p>
      <p class="requester-email">${esc(ticket.email)}</p>
      ${ticket.org ? `<p class="muted">${esc(ticket.org)}</p>` : ''}
      <dl class="facts">${fields.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>
    </aside>
  </div>
</div>`;
}
