// The background's macro cache (utils/intercom/macros-cache.ts) with a scripted Intercom: the first fetch
// walks every page, a refresh within a day asks only for what changed (updated_since) and merges
// it, the list is filtered for this admin's inbox, and a refusal becomes a reason, not an error.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { macrosCacheItem, macrosForPanel } from '../../utils/intercom/macros-cache';
import { HailerError } from '../../utils/errors';

type Query = Record<string, string | number>;
type Call = { path: string; query?: Query; version?: string };

const macro = (id: string, updated: number, extra: Record<string, unknown> = {}) => ({
  type: 'macro',
  id,
  name: `Macro ${id}`,
  body: `<p>${id}</p>`,
  body_text: id,
  updated_at: new Date(updated * 1000).toISOString(),
  visible_to: 'everyone',
  visible_to_team_ids: [],
  available_on: ['inbox'],
  ...extra,
});

/** A fake `api.get` answering /macros in pages of `perPage` from `macros`, and /admins/{id}. */
function fakeApi(macros: () => ReturnType<typeof macro>[], perPage = 2, fail?: HailerError) {
  const calls: Call[] = [];
  const api = {
    async get<S extends z.ZodType>(schema: S, path: string, opts: { query?: Query; headers?: Record<string, string> } = {}): Promise<z.output<S>> {
      calls.push({ path, query: opts.query, version: opts.headers?.['Intercom-Version'] });
      if (fail) throw fail;
      if (path.startsWith('/admins/')) return schema.parse({ type: 'admin', id: '1', team_ids: [77] });
      const since = Number(opts.query?.updated_since ?? 0);
      const all = macros().filter((m) => Date.parse(m.updated_at) / 1000 > since);
      const start = opts.query?.starting_after ? Number(opts.query.starting_after) : 0;
      const next = start + perPage < all.length ? { starting_after: String(start + perPage) } : null;
      return schema.parse({ type: 'list', data: all.slice(start, start + perPage), pages: { type: 'pages', per_page: perPage, next } });
    },
  };
  return { api, calls };
}

describe('macros cache', () => {
  it('fetches every page once, then only what changed, and keeps the inbox macros this admin may use', async () => {
    let list = [macro('1', 1000), macro('2', 900), macro('3', 800, { available_on: ['messenger'] }), macro('4', 700, { visible_to: 'specific_teams', visible_to_team_ids: ['77'] }), macro('5', 600, { visible_to: 'specific_teams', visible_to_team_ids: ['88'] })];
    const { api, calls } = fakeApi(() => list);
    const t0 = 1_700_000_000_000;
    const first = await macrosForPanel(api, 'https://api.test', '1', false, t0);
    expect(first).toEqual({ problem: null, macros: ['1', '2', '4'].map((id) => ({ id, name: `Macro ${id}`, body: `<p>${id}</p>`, bodyText: id })) });
    const pages = calls.filter((c) => c.path === '/macros');
    expect(pages.map((c) => c.query)).toEqual([{ per_page: 150 }, { per_page: 150, starting_after: '2' }, { per_page: 150, starting_after: '4' }]);
    expect(pages.every((c) => c.version === '2.16')).toBe(true);

    // Fresh for five minutes: no request at all.
    calls.length = 0;
    await macrosForPanel(api, 'https://api.test', '1', false, t0 + 60_000);
    expect(calls).toEqual([]);

    // Later: only what changed since the newest cached macro, merged in.
    list = [macro('2', 1100, { name: 'Renamed' }), macro('6', 1050), ...list.filter((m) => m.id !== '2')];
    const later = await macrosForPanel(api, 'https://api.test', '1', false, t0 + 10 * 60_000);
    expect(calls.filter((c) => c.path === '/macros').map((c) => c.query)).toEqual([{ per_page: 150, updated_since: 1000 }]);
    expect(later.macros.map((m) => [m.id, m.name])).toEqual([
      ['2', 'Renamed'],
      ['6', 'Macro 6'],
      ['1', 'Macro 1'],
      ['4', 'Macro 4'],
    ]);
  });

  it('answers a reason instead of failing, so saved replies keep working', async () => {
    const forbidden = fakeApi(() => [], 2, new HailerError('forbidden', { status: 403 }));
    expect(await macrosForPanel(forbidden.api, 'https://api.test', '1', true)).toEqual({ macros: [], problem: 'forbidden' });
    const old = fakeApi(() => [], 2, new HailerError('recipient_not_found', { status: 404 }));
    expect(await macrosForPanel(old.api, 'https://api.test', '1', true)).toEqual({ macros: [], problem: 'unsupported' });
    const down = fakeApi(() => [], 2, new HailerError('intercom_unavailable', { status: 503 }));
    expect(await macrosForPanel(down.api, 'https://api.test', '1', true)).toEqual({ macros: [], problem: 'unavailable' });
  });

  it('keeps each workspace apart, also when two ask at the same moment, and reads the old single cache as empty', async () => {
    await macrosCacheItem.setValue({ workspace: 'ws1', adminId: '1', teamIds: [], macros: [], checkedAt: Date.now(), fullAt: Date.now() } as never);
    const a = fakeApi(() => [macro('a1', 1000)]);
    const b = fakeApi(() => [macro('b1', 1000), macro('b2', 900)]);
    const [inA, inB] = await Promise.all([macrosForPanel(a.api, 'ws1', '1'), macrosForPanel(b.api, 'ws2', '1')]);
    expect(inA.macros.map((m) => m.id)).toEqual(['a1']);
    expect(inB.macros.map((m) => m.id)).toEqual(['b1', 'b2']);
    expect(Object.keys(await macrosCacheItem.getValue()).sort()).toEqual(['ws1', 'ws2']);
    // Back in workspace 1: served from its own entry, no request.
    a.calls.length = 0;
    expect((await macrosForPanel(a.api, 'ws1', '1')).macros.map((m) => m.id)).toEqual(['a1']);
    expect(a.calls).toEqual([]);
  });
});
