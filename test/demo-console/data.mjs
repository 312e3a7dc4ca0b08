// The demo console's customers: the Intercom simulator's seed contacts (see the simulator), as a
// company's own support console would know them (by its own user id, not Intercom's).
export const customers = [
  {
    externalId: 'usr_1001',
    name: 'Jane Cooper',
    email: 'jane@acme.test',
    company: 'Acme Inc',
    plan: 'Pro',
    status: 'Active',
    since: 'March 2022',
    mrr: 1200,
    seats: 18,
    orders: [
      { id: 'ORD-20931', date: '2 Apr', total: 1200, status: 'Paid' },
      { id: 'ORD-20417', date: '2 Mar', total: 1200, status: 'Paid' },
    ],
    note: 'CSV exports time out on large workspaces; engineering is on it (conversation 1001).',
  },
  {
    externalId: 'usr_1002',
    name: 'Marcus Lee',
    email: 'marcus@globex.test',
    company: 'Globex',
    plan: 'Team',
    status: 'Active',
    since: 'June 2023',
    mrr: 480,
    seats: 6,
    orders: [{ id: 'ORD-20988', date: '5 Apr', total: 480, status: 'Refund requested' }],
    note: 'Asked for a refund of the March invoice.',
  },
  {
    externalId: 'usr_1003',
    name: 'Priya Shah',
    email: 'priya@initech.test',
    company: 'Initech',
    plan: 'Business',
    status: 'Trial ends in 3 days',
    since: 'April 2024',
    mrr: 0,
    seats: 40,
    orders: [],
    note: 'Evaluating SSO; wants a call with solutions engineering.',
  },
  {
    externalId: 'usr_1005',
    name: 'Alex Kim',
    email: 'shared@acme.test',
    company: 'Acme Inc',
    plan: 'Pro',
    status: 'Active',
    since: 'January 2024',
    mrr: 0,
    seats: 1,
    orders: [],
    note: 'Shares the team mailbox shared@acme.test with a lead of the same name: message by user id.',
  },
];

export const leads = [
  {
    slug: 'sam-rivera',
    name: 'Sam Rivera',
    email: 'sam.rivera@example.test',
    source: 'Pricing page chat',
    interest: 'SSO and audit logs for 60 seats',
  },
];

export const orders = customers.flatMap((c) => c.orders.map((o) => ({ ...o, customer: c.name, externalId: c.externalId })));
