// @vitest-environment happy-dom
// The contact card's attributes per workspace: a workspace's own choice, else the shared one (the
// only one before workspaces); the options section edits the chosen workspace's; removing a
// workspace takes its choice along.
import { afterEach, describe, expect, it } from 'vitest';
import { h } from 'preact';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { cardAttributesByWorkspaceItem, cardAttributesItem, chosenCardAttributes, forgetCardAttributes, saveCardAttributes } from '../../utils/storage/card-attributes';
import { newWorkspace, workspacesItem } from '../../utils/storage/workspaces';
import { CardAttributes } from '../../entrypoints/options/CardAttributes';

const plan = { name: 'custom_attributes.plan', label: 'Plan' };
const region = { name: 'custom_attributes.region', label: 'Region' };
const brand = { name: 'custom_attributes.brand_tier', label: 'Brand tier' };

afterEach(cleanup);

describe('card attributes per workspace', () => {
  it('a workspace without its own choice uses the shared one; its own wins; forgetting it falls back', async () => {
    await saveCardAttributes([plan, region]);
    await saveCardAttributes([brand], 'ws-b');
    expect(await chosenCardAttributes('ws1')).toEqual([plan, region]);
    expect(await chosenCardAttributes('ws-b')).toEqual([brand]);
    expect(await chosenCardAttributes()).toEqual([plan, region]);
    await forgetCardAttributes('ws-b');
    expect(await chosenCardAttributes('ws-b')).toEqual([plan, region]);
  });

  it('keeps at most 6 and drops malformed entries, whoever wrote them', async () => {
    await cardAttributesItem.setValue([...Array.from({ length: 8 }, (_, i) => ({ name: `a${i}`, label: `A${i}` })), { name: 1 } as never]);
    expect((await chosenCardAttributes()).map((a) => a.name)).toEqual(['a0', 'a1', 'a2', 'a3', 'a4', 'a5']);
  });

  it('options: with two workspaces, the choice shown and saved is the selected workspace\'s', async () => {
    await workspacesItem.setValue({ defaultId: 'ws1', list: [newWorkspace('ws1', 'Acme', 0), newWorkspace('ws-b', 'Brand B', 1)] });
    await saveCardAttributes([plan]);
    await saveCardAttributes([brand], 'ws-b');
    render(h(CardAttributes, {}));
    const select = (await screen.findByLabelText('Attributes for workspace')) as HTMLSelectElement;
    expect(select.value).toBe('ws1');
    await screen.findByText('Plan');
    fireEvent.change(select, { target: { value: 'ws-b' } });
    await screen.findByText('Brand tier');
    fireEvent.click(screen.getByRole('checkbox', { name: /Brand tier/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Apply card attributes' }));
    await waitFor(async () => expect((await cardAttributesByWorkspaceItem.getValue())['ws-b']).toEqual([]));
    // The shared choice is untouched.
    expect(await cardAttributesItem.getValue()).toEqual([plan]);
    await workspacesItem.setValue(null);
  });
});
