import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  addWorkspace,
  pickWorkspace,
  readWorkspaces,
  removeWorkspace,
  setDefaultWorkspace,
  updateWorkspace,
  workspaceForOrigin,
  UnknownWorkspaceError,
} from '../../utils/storage/workspaces';
import { assertSameWorkspace, forgetSeenMirror, MAX_IDS, recordIds } from '../../utils/compose/workspace-guard';
import { isHailerError } from '../../utils/errors';
import { resolvePageWorkspace } from '../../utils/storage/page-workspace';

describe('workspaces', () => {
  it('an install without the list has one default workspace from its settings', async () => {
    await fakeBrowser.storage.local.set({ settings: { region: 'au' } });
    const state = await readWorkspaces();
    expect(state.list).toHaveLength(1);
    expect(pickWorkspace(state)).toMatchObject({ id: 'ws1', name: 'Workspace 1', region: 'au' });
  });

  it('adds, renames, makes default and removes; the last one stays', async () => {
    const b = await addWorkspace('Brand B', { region: 'eu', sites: ['brand-b.test'] });
    // Named after Intercom's workspace by GET /me until the agent renames it.
    expect(b).toMatchObject({ name: 'Brand B', region: 'eu', nameFromIntercom: true });
    expect(b.colour).not.toBe(pickWorkspace(await readWorkspaces(), 'ws1').colour);
    await updateWorkspace(b.id, { name: 'Brand B (EU)' });
    await setDefaultWorkspace(b.id);
    let state = await readWorkspaces();
    expect(pickWorkspace(state)).toMatchObject({ id: b.id, name: 'Brand B (EU)' });
    expect(pickWorkspace(state, 'ws1').id).toBe('ws1');
    expect(() => pickWorkspace(state, 'ws-gone')).toThrow(UnknownWorkspaceError);

    await removeWorkspace(b.id);
    state = await readWorkspaces();
    expect(state.list.map((w) => w.id)).toEqual(['ws1']);
    expect(state.defaultId).toBe('ws1');
    await expect(removeWorkspace('ws1')).rejects.toThrow(/last workspace/);
  });

  it('maps a page to the workspace whose sites cover its origin', async () => {
    await addWorkspace('Brand B', { sites: ['https://admin.brand-b.test', '*.b-shop.test'] });
    await addWorkspace('Brand C', { sites: ['console.brand-c.test:8443'] });
    const state = await readWorkspaces();
    expect(workspaceForOrigin(state, 'https://admin.brand-b.test/users/1')?.name).toBe('Brand B');
    expect(workspaceForOrigin(state, 'http://admin.brand-b.test/users/1')).toBeUndefined();
    expect(workspaceForOrigin(state, 'https://eu.b-shop.test/x')?.name).toBe('Brand B');
    expect(workspaceForOrigin(state, 'https://console.brand-c.test:8443/')?.name).toBe('Brand C');
    expect(workspaceForOrigin(state, 'https://elsewhere.test/')).toBeUndefined();
    expect(workspaceForOrigin(state, 'not a url')).toBeUndefined();
  });
});

describe('page → workspace', () => {
  it("an Intercom page's app id wins over the site mapping; other pages use the mapping; else none (the default)", async () => {
    await updateWorkspace('ws1', { idCode: 'codeA' });
    const b = await addWorkspace('Brand B', { idCode: 'codeB', region: 'custom', appBaseUrl: 'http://127.0.0.1:9001', sites: ['app.intercom.com', 'crm.brand-b.test'] });
    const state = await readWorkspaces();
    // The page alone (no rule or markup naming a workspace): undefined is the default.
    const pageOnly = (url: string) => {
      const found = resolvePageWorkspace(state, { url });
      return found.kind === 'workspace' ? found.workspace : undefined;
    };
    expect(pageOnly('https://app.intercom.com/a/inbox/codeA/inbox/conversation/5')?.id).toBe('ws1');
    expect(pageOnly('https://app.eu.intercom.com/a/apps/codeB/users/1')?.id).toBe(b.id);
    expect(pageOnly('http://127.0.0.1:9001/a/apps/codeA/users/1')?.id).toBe('ws1');
    // An app id no workspace has: the site mapping decides.
    expect(pageOnly('https://app.intercom.com/a/apps/other/users/1')?.id).toBe(b.id);
    // Not an Intercom host: a path that looks like one does not choose.
    expect(pageOnly('https://crm.brand-b.test/a/apps/codeA/x')?.id).toBe(b.id);
    expect(pageOnly('https://unmapped.test/a/apps/codeA/x')).toBeUndefined();
  });
});

describe('workspace guard', () => {
  beforeEach(() => forgetSeenMirror());
  async function twoWorkspaces() {
    await updateWorkspace('ws1', { name: 'Brand A', idCode: 'codeA' });
    const b = await addWorkspace('Brand B', { idCode: 'codeB' });
    const state = await readWorkspaces();
    return { state, a: pickWorkspace(state, 'ws1'), b: pickWorkspace(state, b.id) };
  }
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (e: unknown) => (isHailerError(e) ? { code: e.code, detail: e.detail } : e),
    );

  it('refuses a contact, admin or conversation seen only in another workspace, naming it', async () => {
    const { state, a, b } = await twoWorkspaces();
    await recordIds(a.id, 'contact', ['c-a']);
    await recordIds(a.id, 'admin', ['991']);
    await recordIds(a.id, 'conversation', ['77']);
    forgetSeenMirror(); // survives a worker restart
    await expect(refusal(assertSameWorkspace(b, state, { contactId: 'c-a' }))).resolves.toEqual({ code: 'wrong_workspace', detail: 'the customer was found in workspace Brand A' });
    await expect(refusal(assertSameWorkspace(b, state, { adminId: '991' }))).resolves.toMatchObject({ code: 'wrong_workspace', detail: 'the sender is an admin of workspace Brand A' });
    await expect(refusal(assertSameWorkspace(b, state, { conversationId: '77' }))).resolves.toMatchObject({ detail: 'the conversation is in workspace Brand A' });
    await expect(assertSameWorkspace(a, state, { contactId: 'c-a', adminId: '991', conversationId: '77' })).resolves.toBeUndefined();
    // Ids never seen, or seen in both, pass.
    await recordIds(b.id, 'contact', ['c-a']);
    await expect(assertSameWorkspace(b, state, { contactId: 'c-a', adminId: '5' })).resolves.toBeUndefined();
  });

  it('keeps the 5,000 ids of each kind first seen most recently, across restarts', async () => {
    const { state, a, b } = await twoWorkspaces();
    // Conversation ids are numbers: kept in the order seen, not sorted as an object's keys would be.
    await recordIds(a.id, 'conversation', ['900', '5']);
    await recordIds(a.id, 'conversation', Array.from({ length: MAX_IDS - 2 }, (_, i) => String(10_000 + i)));
    forgetSeenMirror();
    await expect(refusal(assertSameWorkspace(b, state, { conversationId: '900' }))).resolves.toMatchObject({ code: 'wrong_workspace' });
    await recordIds(a.id, 'conversation', ['77']);
    forgetSeenMirror();
    // '900', the oldest, made room; '5' and the newest stay.
    await expect(assertSameWorkspace(b, state, { conversationId: '900' })).resolves.toBeUndefined();
    for (const id of ['5', '77', String(10_000 + MAX_IDS - 3)])
      await expect(refusal(assertSameWorkspace(b, state, { conversationId: id }))).resolves.toMatchObject({ code: 'wrong_workspace' });
  });

  it('reads a stored record of another shape as nothing seen, and records anew', async () => {
    const { state, a, b } = await twoWorkspaces();
    await fakeBrowser.storage.local.set({ workspaceIds: { contact: { 'c-a': [a.id] }, admin: 'x', conversation: [[7, a.id]] } });
    forgetSeenMirror();
    await expect(assertSameWorkspace(b, state, { contactId: 'c-a' })).resolves.toBeUndefined();
    await recordIds(a.id, 'contact', ['c-a']);
    forgetSeenMirror();
    await expect(refusal(assertSameWorkspace(b, state, { contactId: 'c-a' }))).resolves.toMatchObject({ code: 'wrong_workspace' });
  });

  it("refuses a draft written for another workspace, and an entry made in another", async () => {
    const { state, a, b } = await twoWorkspaces();
    const draftOfA = 'draft:v1:codeA:email:jane@example.com:n1';
    await expect(refusal(assertSameWorkspace(b, state, { draftId: draftOfA }))).resolves.toEqual({ code: 'wrong_workspace', detail: 'the draft was written for workspace Brand A' });
    await expect(assertSameWorkspace(a, state, { draftId: draftOfA })).resolves.toBeUndefined();
    await expect(refusal(assertSameWorkspace(a, state, { draftId: 'popup:1', entryWorkspaceId: b.id }))).resolves.toMatchObject({ code: 'wrong_workspace' });
  });
});
