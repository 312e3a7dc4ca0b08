// The people on the rendered consoles' record pages: who each page is about, and what varies between
// records of one console (fields missing, a second email, long names, another order). The support
// team (the simulator's admins, at acme.test) shows up in headers and activity logs, as on real
// consoles, so the scan's exclusion of the team is tested too.
export const team = {
  agent: 'ada@acme.test',
  admins: ['ada@acme.test', 'ben@acme.test', 'cleo@acme.test'],
  ourDomains: ['acme.test'],
};

/**
 * Five customers. `secondEmail` is another address of the customer's company (billing, IT): on the
 * page, never the customer. `userId` is the product's own id (Sam, a lead, has none yet). `long`
 * marks a long name; missing fields are missing on purpose.
 */
export const people = [
  {
    name: 'Marcus Lee',
    email: 'marcus@globex.test',
    userId: 'usr_8f3a91c2',
    company: 'Globex',
    phone: '+1 555 0100',
    plan: 'Team',
    country: 'United States',
    signedUp: '2023-04-02',
    log: ['ben@acme.test'],
  },
  {
    name: 'Priya Shah',
    email: 'priya@initech.test',
    userId: 'usr_1b7e40d9',
    secondEmail: 'it-admin@initech.test',
    company: 'Initech',
    plan: 'Enterprise',
    country: 'India',
    signedUp: '2022-11-19',
    log: ['ada@acme.test', 'cleo@acme.test'],
  },
  {
    name: 'Wilhelmina Alexandra Featherstonehaugh-Montgomery',
    email: 'w.featherstone@umbrella-corporation-emea.test',
    userId: 'usr_c4d2e6a0',
    secondEmail: 'accounts-payable@umbrella-corporation-emea.test',
    company: 'Umbrella Corporation (Europe, Middle East and Africa) Holdings Ltd.',
    phone: '+44 20 7946 0000',
    plan: 'Enterprise Plus (annual, invoiced)',
    country: 'United Kingdom',
    signedUp: '2019-06-30',
    log: ['ben@acme.test', 'cleo@acme.test', 'ada@acme.test'],
    long: true,
  },
  {
    name: 'Sam Rivera',
    email: 'sam.rivera@example.test',
    plan: 'Free',
    signedUp: '2024-01-08',
    log: [],
  },
  {
    name: 'Oluwaseun Adeyemi-Okonkwo',
    email: 'seun@lagos-fintech.test',
    userId: 'usr_90ab3f17',
    company: 'Lagos Fintech',
    phone: '+234 1 555 0199',
    country: 'Nigeria',
    signedUp: '2021-03-15',
    log: ['cleo@acme.test'],
  },
];

/** The record's fields in the order a console shows them; `reorder` moves the email after the company. */
export function fields(p, { reorder = false, labels = {} } = {}) {
  const l = { name: 'Name', email: 'Email', userId: 'User ID', secondEmail: 'Billing email', company: 'Company', phone: 'Phone', plan: 'Plan', country: 'Country', signedUp: 'Signed up', ...labels };
  const list = [
    ['name', p.name],
    ['email', p.email],
    ['userId', p.userId],
    ['company', p.company],
    ['secondEmail', p.secondEmail],
    ['phone', p.phone],
    ['plan', p.plan],
    ['country', p.country],
    ['signedUp', p.signedUp],
  ].filter(([, v]) => v !== undefined);
  if (reorder) {
    const i = list.findIndex(([k]) => k === 'email');
    const [email] = list.splice(i, 1);
    list.splice(Math.min(list.findIndex(([k]) => k === 'company') + 1 || 2, list.length), 0, email);
  }
  return list.map(([key, value]) => ({ key, label: l[key], value }));
}
