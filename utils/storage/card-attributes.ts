// The attributes a team puts on the contact card (up to 6), chosen in options from Intercom's data
// attributes. The background reads them when it builds a card. Workspaces have their own custom
// attributes, so a choice is kept per workspace; the shared list (the only one before workspaces)
// serves every workspace that has no choice of its own.
import { storage } from '@wxt-dev/storage';
import { MAX_CARD_ATTRIBUTES, type CardAttribute } from '../intercom/card';

export const cardAttributesItem = storage.defineItem<CardAttribute[]>('local:cardAttributes', { fallback: [] });
/** Per Hailer workspace id. */
export const cardAttributesByWorkspaceItem = storage.defineItem<Record<string, CardAttribute[]>>('local:cardAttributesByWorkspace', { fallback: {} });

const clean = (stored: unknown): CardAttribute[] =>
  (Array.isArray(stored) ? stored : [])
    .filter((a): a is CardAttribute => typeof a?.name === 'string' && typeof a?.label === 'string')
    .slice(0, MAX_CARD_ATTRIBUTES);

/** The workspace's own choice, else the shared one. */
export async function chosenCardAttributes(workspaceId?: string): Promise<CardAttribute[]> {
  const own = workspaceId ? (await cardAttributesByWorkspaceItem.getValue())?.[workspaceId] : undefined;
  return clean(own ?? (await cardAttributesItem.getValue()));
}

/** Saves a choice for one workspace, or (no id: a single-workspace install) the shared one. */
export async function saveCardAttributes(chosen: CardAttribute[], workspaceId?: string): Promise<void> {
  if (!workspaceId) return cardAttributesItem.setValue(clean(chosen));
  await cardAttributesByWorkspaceItem.setValue({ ...(await cardAttributesByWorkspaceItem.getValue()), [workspaceId]: clean(chosen) });
}

/** A removed workspace's choice goes with it. */
export async function forgetCardAttributes(workspaceId: string): Promise<void> {
  const all = { ...(await cardAttributesByWorkspaceItem.getValue()) };
  delete all[workspaceId];
  await cardAttributesByWorkspaceItem.setValue(all);
}
