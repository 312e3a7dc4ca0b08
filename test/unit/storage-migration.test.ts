import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { forgetMigrationRun, migrateStorage, planMigration, runMigration, type MigrationDeps } from '../../utils/storage/migrate';
import { FIRST_WORKSPACE_ID, readWorkspaces, storageVersionItem } from '../../utils/storage/workspaces';
import { adoptLegacyToken, clearToken, dropLegacyToken, forgetCachedToken, readToken, tokenStatus } from '../../utils/storage/vault';
import { loadDraft } from '../../utils/compose/draft-store';
import { historyItem } from '../../utils/compose/history';
import { createStore, set } from 'idb-keyval';

const TOKEN = 'dG9rOmxlZ2FjeS10b2tlbi0xMjM0:9876';

// The layouts Hailer wrote before workspaces, from the history of utils/settings.ts, vault.ts (now in utils/storage/),
// drafts.ts, outbox.ts, history.ts and compose/queue.ts.
const cache = { id: 'abc123', name: 'Acme Support', region: 'Europe', adminId: '991', adminName: 'Ada', adminEmail: 'ada@acme.test', apiBaseUrl: 'https://api.eu.intercom.io' };
const shapes: Record<string, Record<string, unknown>> = {
  // 418943a: settings stored whole (no undo window), workspace cache, outbox.
  'first release (whole settings, outbox)': {
    settings: { region: 'eu', apiBaseUrl: '', appBaseUrl: '', sendAsAdminId: '992', afterSend: 'open_new_tab' },
    workspace: cache,
    outbox: { 'd1:n1': { draftId: 'd1:n1', state: 'sent', startedAt: 1, contactId: 'c1', adminId: '991', body: '<p>hi</p>' } },
  },
  // ad121e7: drafts per Intercom workspace id code, history, undo window.
  'drafts and history': {
    settings: { region: 'eu', apiBaseUrl: '', appBaseUrl: '', sendAsAdminId: null, afterSend: 'stay', undoSeconds: 5 },
    workspace: cache,
    'draft:v1:abc123:email:jane@example.com': { channel: 'email', subject: 'Hi', template: 'plain', body: 'Hello Jane', nonce: 'n1', updatedAt: 5 },
    history: [{ at: 1, to: 'Jane', ref: { kind: 'email', value: 'jane@example.com' }, channel: 'email', status: 'sent' }],
  },
  // 040a4e2 onwards: only what the agent saved (partial settings), custom region.
  'partial settings, custom region': {
    settings: { region: 'custom', apiBaseUrl: 'http://127.0.0.1:9000', appBaseUrl: 'http://127.0.0.1:9001' },
  },
  // Current main: reply outbox and the durable send queue as well.
  'current main (reply outbox, send queue, in-app names)': {
    settings: { region: 'us', undoSeconds: 10, ourDomains: ['acme.test'] },
    workspace: { ...cache, region: 'US', apiBaseUrl: 'https://api.intercom.io' },
    replyOutbox: { r1: { draftId: 'r1', state: 'sending', startedAt: 2, conversationId: '5', adminId: '991', note: false, body: '<p>x</p>' } },
    sendQueue: { q1: { id: 'q1', kind: 'scheduled', recipient: { kind: 'email', value: 'jane@example.com' }, draft: { channel: 'in_app', subject: '', template: 'plain', body: 'later' }, dueAt: 9, queuedAt: 1, to: 'Jane', state: 'waiting' } },
    history: [],
    inAppNames: { abc123: 'inapp' },
  },
  'fresh install (nothing stored)': {},
};

async function sealLegacyToken(token: string) {
  // What the single-workspace vault wrote: the sealed token under `token`.
  const { setToken } = await import('../../utils/storage/vault');
  await setToken('tmp', token);
  const store = createStore('hailer-vault', 'secrets');
  const { get, del } = await import('idb-keyval');
  await set('token', await get('token:tmp', store), store);
  await del('token:tmp', store);
  forgetCachedToken();
}

beforeEach(async () => {
  forgetMigrationRun();
  forgetCachedToken();
  await clearToken(FIRST_WORKSPACE_ID);
});

describe('storage migration to workspaces', () => {
  for (const [name, shape] of Object.entries(shapes)) {
    it(`moves ${name} into Workspace 1`, async () => {
      await fakeBrowser.storage.local.set(shape);
      if (Object.keys(shape).length > 0) await sealLegacyToken(TOKEN);
      await expect(migrateStorage()).resolves.toMatchObject({ migrated: true, from: 1 });

      const { defaultId, list } = await readWorkspaces();
      expect(defaultId).toBe(FIRST_WORKSPACE_ID);
      expect(list).toHaveLength(1);
      const ws = list[0]!;
      const settings = (shape.settings ?? {}) as Record<string, unknown>;
      expect(ws).toMatchObject({ id: 'ws1', region: settings.region ?? 'us', apiBaseUrl: settings.apiBaseUrl ?? '', sendAsAdminId: settings.sendAsAdminId ?? null });
      // Named from the GET /me cache when the old install had one; else "Workspace 1" until GET /me.
      expect(ws.name).toBe(shape.workspace ? 'Acme Support' : 'Workspace 1');
      expect(ws.idCode).toBe(shape.workspace ? 'abc123' : null);
      expect(await storageVersionItem.getValue()).toBe(2);

      // The token is the workspace's now, and the old key is gone.
      forgetCachedToken();
      if (Object.keys(shape).length > 0) {
        await expect(readToken('ws1')).resolves.toBe(TOKEN);
        const { get } = await import('idb-keyval');
        expect(await get('token', createStore('hailer-vault', 'secrets'))).toBeUndefined();
      } else {
        await expect(tokenStatus('ws1')).resolves.toEqual({ set: false, last4: null });
      }

      // Shared settings stay where they were; entries carry their workspace; drafts stay readable.
      const after = await fakeBrowser.storage.local.get();
      if (shape.settings) expect(after.settings).toEqual(shape.settings);
      for (const key of ['outbox', 'replyOutbox', 'sendQueue'])
        for (const entry of Object.values((after[key] ?? {}) as Record<string, { workspaceId: string }>)) expect(entry.workspaceId).toBe('ws1');
      for (const entry of (after.history ?? []) as { workspaceId: string }[]) expect(entry.workspaceId).toBe('ws1');
      for (const key of Object.keys(shape).filter((k) => k.startsWith('draft:v1:'))) {
        expect(key.split(':')[2]).toBe(ws.idCode);
        await expect(loadDraft(key)).resolves.toMatchObject({ body: 'Hello Jane', nonce: 'n1' });
      }
    });
  }

  it('is idempotent: a second run changes nothing', async () => {
    await fakeBrowser.storage.local.set(shapes['drafts and history']!);
    await sealLegacyToken(TOKEN);
    await migrateStorage();
    const once = await fakeBrowser.storage.local.get();
    forgetMigrationRun();
    await expect(migrateStorage()).resolves.toEqual({ migrated: false });
    expect(await fakeBrowser.storage.local.get()).toEqual(once);
    await expect(readToken('ws1')).resolves.toBe(TOKEN);
  });

  it('keeps a workspace list an interrupted run already wrote', () => {
    const list = { defaultId: 'ws1', list: [{ id: 'ws1', name: 'Renamed' }] };
    const plan = planMigration({ ...shapes['drafts and history']!, workspaces: list });
    expect(plan?.writes.workspaces).toBeUndefined();
    expect(planMigration({ storageVersion: 2 })).toBeNull();
  });

  it('takes the region from the managed policy when the agent saved none', () => {
    const plan = planMigration({ settings: {} }, { region: 'eu' });
    expect((plan?.writes.workspaces as { list: { region: string }[] }).list[0]?.region).toBe('eu');
  });

  it('a failed migration leaves the old data readable and Hailer working on it, and the next start finishes it', async () => {
    const shape = shapes['drafts and history']!;
    await fakeBrowser.storage.local.set(shape);
    await sealLegacyToken(TOKEN);
    const deps: MigrationDeps = {
      storage: { get: () => fakeBrowser.storage.local.get(), set: (items) => fakeBrowser.storage.local.set(items) },
      managed: async () => ({}),
      adoptToken: async () => {
        throw new Error('IndexedDB is closing');
      },
      dropLegacyToken,
    };
    const outcome = await runMigration(deps);
    expect(outcome).toMatchObject({ migrated: false, error: expect.any(Error) });
    expect(await storageVersionItem.getValue()).toBe(1);

    // The old layout is all still there, as the old code reads it.
    const after = await fakeBrowser.storage.local.get(['settings', 'workspace']);
    expect(after).toEqual({ settings: shape.settings, workspace: shape.workspace });
    await expect(loadDraft('draft:v1:abc123:email:jane@example.com')).resolves.toMatchObject({ body: 'Hello Jane' });
    expect((await historyItem.getValue())[0]).toMatchObject({ to: 'Jane', status: 'sent' });
    const { get } = await import('idb-keyval');
    expect(await get('token', createStore('hailer-vault', 'secrets'))).toBeDefined();
    // …and the new code reads it too: the one workspace and its token.
    forgetCachedToken();
    await expect(readWorkspaces()).resolves.toMatchObject({ defaultId: 'ws1', list: [{ id: 'ws1', idCode: 'abc123', region: 'eu' }] });
    await expect(readToken('ws1')).resolves.toBe(TOKEN);

    await expect(runMigration({ ...deps, adoptToken: adoptLegacyToken })).resolves.toEqual({ migrated: true, from: 1 });
    forgetCachedToken();
    await expect(readToken('ws1')).resolves.toBe(TOKEN);
    expect(await storageVersionItem.getValue()).toBe(2);
  });
});
