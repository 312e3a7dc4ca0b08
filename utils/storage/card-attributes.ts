// The attributes a team puts on the contact card (up to 6), chosen in options from Intercom's data
// attributes. The background reads them when it builds a card.
import { storage } from '@wxt-dev/storage';
import { MAX_CARD_ATTRIBUTES, type CardAttribute } from '../intercom/card';

export const cardAttributesItem = storage.defineItem<CardAttribute[]>('local:cardAttributes', { fallback: [] });

export async function chosenCardAttributes(): Promise<CardAttribute[]> {
  const stored = await cardAttributesItem.getValue();
  return (Array.isArray(stored) ? stored : [])
    .filter((a): a is CardAttribute => typeof a?.name === 'string' && typeof a?.label === 'string')
    .slice(0, MAX_CARD_ATTRIBUTES);
}
