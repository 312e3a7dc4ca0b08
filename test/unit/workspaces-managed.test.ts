import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import managedSchema from '../../public/managed-schema.json';
import { applyManagedWorkspaces, presetsOf } from '../../utils/storage/managed-workspaces';
import { removeWorkspaceAndData } from '../../utils/storage/remove-workspace';
import { addWorkspace, readWorkspaces, updateWorkspace } from '../../utils/storage/workspaces';
import { forgetCachedToken, readToken, setToken } from '../../utils/storage/vault';
import { macrosCacheItem } from '../../utils/intercom/macros-cache';
import { inAppNamesItem } from '../../utils/intercom/message-type';
import { queueItem } from '../../utils/compose/queue';
import { messageOutbox, replyOutbox } from '../../utils/compose/outbox';

describe('managed workspaces', () => {
  it('the schema describes them without any token field', () => {
    const props = (managedSchema.properties.workspaces.items.properties ?? {}) as Record<string, unknown>;
    expect(Object.keys(props).sort()).toEqual(['apiBaseUrl', 'appBaseUrl', 'idCode', 'name', 'region', 'sites']);
  });

  it('adds presets, updates the one with the same name, keeps the agent’s colour, and drops malformed ones', async () => {
    await updateWorkspace('ws1', { name: 'Production', colour: '#123456' });
    await fakeBrowser.storage.managed.set({
      workspaces: [
        { name: 'Production', region: 'eu', idCode: 'prod1', sites: ['admin.acme.test'] },
        { name: 'Brand B', region: 'custom', apiBaseUrl: 'https://proxy.b.test/', appBaseUrl: 'https://inbox.b.test', token: 'never-kept' },
        { region: 'us' },
        'nonsense',
      ],
    });
    await applyManagedWorkspaces();
    const { list } = await readWorkspaces();
    expect(list).toHaveLength(2);
    expect(list[0]).toMatchObject({ id: 'ws1', name: 'Production', region: 'eu', idCode: 'prod1', sites: ['admin.acme.test'], managed: true, colour: '#123456' });
    expect(list[1]).toMatchObject({ name: 'Brand B', region: 'custom', apiBaseUrl: 'https://proxy.b.test', appBaseUrl: 'https://inbox.b.test', managed: true });
    expect(JSON.stringify(await fakeBrowser.storage.local.get())).not.toContain('never-kept');
    // Applying again changes nothing.
    await applyManagedWorkspaces();
    expect((await readWorkspaces()).list).toEqual(list);
  });

  it('ignores a policy that is not a list', () => {
    expect(presetsOf({ name: 'x' })).toEqual([]);
    expect(presetsOf(undefined)).toEqual([]);
  });
});

describe('removing a workspace', () => {
  it('deletes its token, caches, drafts, waiting sends and outbox entries, and leaves the other workspace alone', async () => {
    await updateWorkspace('ws1', { idCode: 'codeA' });
    const b = await addWorkspace('Brand B', { idCode: 'codeB' });
    await setToken('ws1', 'token-of-a-1111');
    await setToken(b.id, 'token-of-b-2222');
    const macros = (workspace: string) => ({ workspace, adminId: '1', teamIds: [], macros: [], checkedAt: 1, fullAt: 1 });
    await macrosCacheItem.setValue({ ws1: macros('ws1'), [b.id]: macros(b.id) });
    await inAppNamesItem.setValue({ codeA: 'inapp', codeB: 'inapp' });
    await fakeBrowser.storage.local.set({ 'draft:v1:codeB:email:jane@acme.test': { body: 'B' }, 'draft:v1:codeA:email:jane@acme.test': { body: 'A' } });
    const waiting = (id: string, workspaceId: string) => ({ id, workspaceId, kind: 'scheduled' as const, recipient: { kind: 'email' as const, value: 'jane@acme.test' }, draft: { channel: 'in_app' as const, subject: '', template: 'plain' as const, body: 'x' }, dueAt: Date.now() + 60_000, queuedAt: 1, to: 'Jane', state: 'waiting' as const });
    await queueItem.setValue({ qa: waiting('qa', 'ws1'), qb: waiting('qb', b.id) });
    const sending = { state: 'maybe_sent' as const, startedAt: Date.now(), adminId: '1', body: '<p>x</p>' };
    await messageOutbox.put({ ...sending, draftId: 'draft:v1:codeA:email:jane@acme.test:n1', workspaceId: 'ws1', contactId: 'c1' });
    await messageOutbox.put({ ...sending, draftId: 'draft:v1:codeB:email:jane@acme.test:n2', workspaceId: b.id, contactId: 'c2' });
    await messageOutbox.put({ ...sending, draftId: 'draft:v1:codeB:email:joe@acme.test:n3', contactId: 'c3' });
    await replyOutbox.put({ ...sending, draftId: 'draft:v1:codeB:conversation:7:n4', conversationId: '7', note: false });
    await replyOutbox.put({ ...sending, draftId: 'draft:v1:codeA:conversation:8:n5', conversationId: '8', note: false });

    await removeWorkspaceAndData(b.id);
    forgetCachedToken();
    expect((await readWorkspaces()).list.map((w) => w.id)).toEqual(['ws1']);
    await expect(readToken(b.id)).resolves.toBeUndefined();
    await expect(readToken('ws1')).resolves.toBe('token-of-a-1111');
    expect(Object.keys(await macrosCacheItem.getValue())).toEqual(['ws1']);
    expect(await inAppNamesItem.getValue()).toEqual({ codeA: 'inapp' });
    const local = await fakeBrowser.storage.local.get();
    expect(Object.keys(local).filter((k) => k.startsWith('draft:'))).toEqual(['draft:v1:codeA:email:jane@acme.test']);
    expect(Object.keys(await queueItem.getValue())).toEqual(['qa']);
    // Read back as a new service worker would, from storage.
    messageOutbox.forgetMirror();
    replyOutbox.forgetMirror();
    expect(await messageOutbox.get('draft:v1:codeA:email:jane@acme.test:n1')).toBeDefined();
    expect(await messageOutbox.get('draft:v1:codeB:email:jane@acme.test:n2')).toBeUndefined();
    expect(await messageOutbox.get('draft:v1:codeB:email:joe@acme.test:n3')).toBeUndefined();
    expect(await replyOutbox.get('draft:v1:codeB:conversation:7:n4')).toBeUndefined();
    expect(await replyOutbox.get('draft:v1:codeA:conversation:8:n5')).toBeDefined();
    await expect(removeWorkspaceAndData('ws1')).rejects.toThrow(/last workspace/);
  });
});
