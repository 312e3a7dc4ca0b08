// The contact card: who the customer is, at a glance, before the agent writes. One round trip after
// the recipient is confirmed: the contact, its companies and its tags are asked for at once (the
// contact's own `companies` and `tags` lists carry ids only, no names).
import { z } from 'zod';
import type { ContactCardData } from '../protocol';
import type { IntercomClient } from './client';
import { Id } from './schemas';

/** `contact`, the fields the card shows. */
export const ContactDetail = z.looseObject({
  id: Id,
  role: z.string(),
  name: z.string().nullish(),
  email: z.string().nullish(),
  signed_up_at: z.number().nullish(),
  last_seen_at: z.number().nullish(),
  location: z.looseObject({ country: z.string().nullish(), region: z.string().nullish(), city: z.string().nullish() }).nullish(),
  custom_attributes: z.record(z.string(), z.unknown()).nullish(),
});

const NamedList = z.array(z.looseObject({ name: z.string().nullish() }));
/**
 * `contact_attached_companies`: the 2.14 schema names the list `companies`, its own example `data`;
 * either is read.
 */
export const AttachedCompanies = z.looseObject({ companies: NamedList.optional(), data: NamedList.optional() });
/** `tag_list`. */
export const TagList = z.looseObject({ data: NamedList.optional() });

/** `data_attribute_list` (GET /data_attributes?model=contact). */
export const DataAttributeList = z.looseObject({
  data: z.array(
    z.looseObject({
      name: z.string(),
      full_name: z.string().nullish(),
      label: z.string().nullish(),
      data_type: z.string().nullish(),
      custom: z.boolean().nullish(),
      archived: z.boolean().nullish(),
    }),
  ),
});

export interface CardAttribute {
  /** `full_name`: `custom_attributes.plan`, or a standard one such as `browser`. */
  name: string;
  label: string;
}

export const MAX_CARD_ATTRIBUTES = 6;
const MAX_VALUE_CHARS = 500;

const names = (list: { name?: string | null }[] | undefined) => (list ?? []).flatMap((x) => (x.name ? [x.name] : []));

/** Reads `custom_attributes.plan` or a top-level field from the contact as the agent may see it. */
function attributeValue(contact: z.output<typeof ContactDetail>, name: string): string | null {
  const value = name.split('.').reduce<unknown>((o, key) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[key] : undefined), contact);
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value).slice(0, MAX_VALUE_CHARS);
  return null;
}

export async function fetchContactCard(api: IntercomClient, contactId: string, chosen: readonly CardAttribute[]): Promise<ContactCardData> {
  const id = encodeURIComponent(contactId);
  const [contact, companies, tags] = await Promise.all([
    api.get(ContactDetail, `/contacts/${id}`),
    api.get(AttachedCompanies, `/contacts/${id}/companies`),
    api.get(TagList, `/contacts/${id}/tags`),
  ]);
  const location = contact.location ? [contact.location.city, contact.location.region, contact.location.country].filter(Boolean).join(', ') : '';
  return {
    id: contact.id,
    name: contact.name ?? null,
    email: contact.email ?? null,
    role: contact.role,
    companies: [...new Set([...names(companies.companies), ...names(companies.data)])],
    location: location || null,
    lastSeenAt: contact.last_seen_at ?? null,
    signedUpAt: contact.signed_up_at ?? null,
    tags: names(tags.data),
    attributes: chosen.slice(0, MAX_CARD_ATTRIBUTES).map((a) => ({ label: a.label, value: attributeValue(contact, a.name) })),
  };
}

/** The contact attributes a team may put on the card, for the options page. */
export async function listContactAttributes(api: IntercomClient): Promise<CardAttribute[]> {
  const { data } = await api.get(DataAttributeList, '/data_attributes', { query: { model: 'contact' } });
  return data
    .filter((a) => !a.archived)
    .map((a) => ({ name: a.full_name ?? (a.custom ? `custom_attributes.${a.name}` : a.name), label: a.label ?? a.name }));
}
