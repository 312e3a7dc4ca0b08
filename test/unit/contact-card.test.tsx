// @vitest-environment happy-dom
// The contact card (components/ContactCard.tsx): initials, the rows it shows once the card's data is
// in, long values cut with the full value on hover (title) and focus (tabindex), and a failure said.
import { afterEach, describe, expect, it } from 'vitest';
import { h } from 'preact';
import { cleanup, render, screen } from '@testing-library/preact';
import { ContactCard, initials, localTime } from '../../components/ContactCard';
import type { ContactCardData, ContactSummary } from '../../utils/protocol';

afterEach(cleanup);

const contact: ContactSummary = { id: 'c1', role: 'user', name: 'Jane Cooper', email: 'jane@acme.test', externalId: 'usr_1001' };
const longLocation = 'San Francisco, California, United States of America';
const data: ContactCardData = {
  id: 'c1',
  name: 'Jane Cooper',
  email: 'jane@acme.test',
  role: 'user',
  companies: ['Acme Inc', 'Globex'],
  location: longLocation,
  lastSeenAt: null,
  signedUpAt: 1704067200,
  tags: ['VIP'],
  attributes: [
    { label: 'Plan', value: 'Pro' },
    { label: 'Seats', value: null },
  ],
};

describe('contact card', () => {
  it('makes initials from the name, else the email', () => {
    expect(initials('Jane Cooper', null)).toBe('JC');
    expect(initials('  ada  lovelace byron ', null)).toBe('AB');
    expect(initials('Cher', null)).toBe('C');
    expect(initials(null, 'sam@x.test')).toBe('S');
    expect(initials(null, null)).toBe('?');
  });

  it('shows the name at once and says it is loading the rest', () => {
    render(h(ContactCard, { contact, card: { data: null, error: null } }));
    const card = screen.getByRole('region', { name: 'About Jane Cooper' });
    expect(card.getAttribute('aria-busy')).toBe('true');
    expect(card.textContent).toContain('Jane Cooper');
    expect(card.textContent).toContain('Loading details…');
  });

  it('lists companies, location, last seen, signed up, tags and the chosen attributes', () => {
    render(h(ContactCard, { contact, card: { data, error: null } }));
    const rows = [...document.querySelectorAll('.card-row')].map((row) => [row.querySelector('dt')!.textContent, row.querySelector('dd')!.textContent]);
    expect(rows).toEqual([
      ['Company', 'Acme Inc, Globex'],
      ['Location', longLocation],
      ['Last seen', 'Never'],
      ['Signed up', new Date(1704067200 * 1000).toLocaleDateString(undefined, { dateStyle: 'medium' })],
      ['Tags', 'VIP'],
      ['Plan', 'Pro'],
      ['Seats', '—'],
    ]);
  });

  it('gives a long value its full text on hover and a way to focus it; short ones stay plain', () => {
    render(h(ContactCard, { contact, card: { data, error: null } }));
    const location = screen.getByText(longLocation);
    expect(location.getAttribute('title')).toBe(longLocation);
    expect(location.getAttribute('tabindex')).toBe('0');
    const plan = screen.getByText('Pro');
    expect(plan.hasAttribute('title')).toBe(false);
    expect(plan.hasAttribute('tabindex')).toBe(false);
  });

  it('says why the details are missing', () => {
    render(h(ContactCard, { contact, card: { data: null, error: 'Intercom is not answering right now.' } }));
    expect(screen.getByRole('region').textContent).toContain('More details could not be loaded: Intercom is not answering right now.');
  });

  it('shows local time when a chosen attribute holds a time zone, and only then', () => {
    const noon = new Date('2026-01-15T12:00:00Z');
    const expected = new Intl.DateTimeFormat(undefined, { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit' }).format(noon);
    expect(localTime([{ label: 'Plan', value: 'Pro' }, { label: 'Time zone', value: 'Asia/Tokyo' }], noon)).toBe(`${expected} (Asia/Tokyo)`);
    expect(localTime([{ label: 'Zone', value: 'Mars/Olympus_Mons' }, { label: 'Plan', value: 'Pro/Max' }], noon)).toBeNull();
    expect(localTime([{ label: 'x', value: null }], noon)).toBeNull();
    render(h(ContactCard, { contact, card: { data: { ...data, attributes: [{ label: 'Time zone', value: 'Asia/Tokyo' }] }, error: null } }));
    const row = [...document.querySelectorAll('.card-row')].find((r) => r.querySelector('dt')!.textContent === 'Local time');
    expect(row?.querySelector('dd')!.textContent).toMatch(/\(Asia\/Tokyo\)$/);
  });
});
