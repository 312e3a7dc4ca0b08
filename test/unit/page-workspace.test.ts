// @vitest-environment happy-dom
// Issue 10, "Page → workspace": the matcher (id code, else name in any case), the order of the
// sources (Intercom URL, rule, markup, site, default), what a page's markup and a team rule say
// (checked before they travel), the rule schema's `workspace`, and the router's refusal to fall back
// to the default when a page names a workspace Hailer does not have.
import Ajv from 'ajv';
import type { Runtime } from 'webextension-polyfill';
import { describe, expect, it, vi } from 'vitest';
import managedSchema from '../../public/managed-schema.json';
import { matchWorkspace, resolvePageWorkspace } from '../../utils/storage/page-workspace';
import { newWorkspace, type WorkspacesState } from '../../utils/storage/workspaces';
import { detectRecipient, type TeamRule } from '../../utils/detect';
import { cleanWorkspaceHint } from '../../utils/detect/workspace-hint';
import { validateRules } from '../../utils/detect/team-rules';
import { createRouter, type Handlers } from '../../utils/router';
import { DetectedRecipient } from '../../utils/protocol';

const state: WorkspacesState = {
  defaultId: 'ws1',
  list: [
    newWorkspace('ws1', 'Acme', 0, { idCode: 'acme42', sites: ['https://admin.acme.test'] }),
    newWorkspace('ws-b', 'Brand B EU', 1, { idCode: 'brandb7', sites: ['console.brand-b.test'] }),
    // Named like another's id code: the id code still wins. (Names with other characters than the
    // hint's, such as parentheses, are matched through their id code.)
    newWorkspace('ws-c', 'acme42', 2, { idCode: null }),
  ],
};
const doc = (head: string, body: string) => new DOMParser().parseFromString(`<!doctype html><html><head>${head}</head><body>${body}</body></html>`, 'text/html');
const page = (body: string) => doc('', body);

describe('matchWorkspace', () => {
  it('names a workspace by its Intercom id code, else by its Hailer name in any case', () => {
    expect(matchWorkspace(state, 'brandb7')?.id).toBe('ws-b');
    expect(matchWorkspace(state, 'brand b eu')?.id).toBe('ws-b');
    expect(matchWorkspace(state, '  ACME ')?.id).toBe('ws1');
    expect(matchWorkspace(state, 'acme42')?.id).toBe('ws1');
    // Id codes are Intercom's exact codes; a different case is only a name.
    expect(matchWorkspace(state, 'ACME42')?.id).toBe('ws-c');
    expect(matchWorkspace(state, 'Brand B')).toBeUndefined();
    expect(matchWorkspace(state, '')).toBeUndefined();
    // A name any script writes, in either Unicode form.
    const named = { ...state, list: [...state.list, newWorkspace('ws-d', 'Café (EU)', 3, { idCode: null })] };
    expect(matchWorkspace(named, 'cafe\u0301 (eu)')?.id).toBe('ws-d');
  });
});

describe('resolvePageWorkspace: Intercom URL, then the rule or markup hint, then the site, then the default', () => {
  const at = (url: string | undefined, hint?: string) => {
    const found = resolvePageWorkspace(state, { ...(url ? { url } : {}), ...(hint ? { hint } : {}) });
    return found.kind === 'workspace' ? `${found.workspace.id} by ${found.by}` : found.kind === 'unknown' ? `unknown ${found.hint}` : 'default';
  };

  it('takes each source in turn', () => {
    expect(at('https://app.intercom.com/a/inbox/brandb7/inbox/conversation/5', 'Acme')).toBe('ws-b by intercom_url');
    expect(at('https://admin.acme.test/users/1', 'brandb7')).toBe('ws-b by hint');
    expect(at('https://admin.acme.test/users/1')).toBe('ws1 by site');
    expect(at('https://console.brand-b.test/x')).toBe('ws-b by site');
    expect(at('https://elsewhere.test/')).toBe('default');
    expect(at(undefined, 'Brand B EU')).toBe('ws-b by hint');
    expect(at(undefined)).toBe('default');
  });

  it('a hint no workspace has is never the site mapping or the default', () => {
    expect(at('https://admin.acme.test/users/1', 'Brand Z')).toBe('unknown Brand Z');
    expect(at('https://elsewhere.test/', 'Brand Z')).toBe('unknown Brand Z');
    expect(at(undefined, 'Brand Z')).toBe('unknown Brand Z');
    // …but an Intercom page's own app id is exact and still wins.
    expect(at('https://app.intercom.com/a/apps/acme42/users/6650a1b2c3d4e5f601000001', 'Brand Z')).toBe('ws1 by intercom_url');
  });
});

describe('what a page and a team rule say about the workspace', () => {
  const url = new URL('https://admin.acme.test/users/usr_1001');
  const rule: TeamRule = { id: 'users', name: 'Users', matches: 'https://admin.acme.test/*', kind: 'user_id', source: { from: 'url', pattern: '^/users/([^/]+)' } };

  it("checks a hint: short; letters and digits of any script, space, _ . , & ' ( ) - only", () => {
    expect(cleanWorkspaceHint('  Brand   B (EU) ')).toBe('Brand B (EU)');
    expect(cleanWorkspaceHint("Café R&D, Müller's")).toBe("Café R&D, Müller's");
    expect(cleanWorkspaceHint('サポート 2')).toBe('サポート 2');
    expect(cleanWorkspaceHint('Brand\u202eB')).toBeNull();
    expect(cleanWorkspaceHint('Brand\u200bB')).toBeNull();
    expect(cleanWorkspaceHint('brand/b')).toBeNull();
    expect(cleanWorkspaceHint('"brand"')).toBeNull();
    expect(cleanWorkspaceHint('  Brand   B.eu_1-x ')).toBe('Brand B.eu_1-x');
    expect(cleanWorkspaceHint('')).toBeUndefined();
    expect(cleanWorkspaceHint(undefined)).toBeUndefined();
    expect(cleanWorkspaceHint('a'.repeat(65))).toBeNull();
    expect(cleanWorkspaceHint('brand<b>')).toBeNull();
    expect(cleanWorkspaceHint(42)).toBeNull();
  });

  it("markup: the customer's data-intercom-workspace, else the page's meta tag", () => {
    const marked = doc('<meta name="intercom-workspace" content="acme42">', '<article data-intercom-user-id="usr_1001" data-intercom-workspace="brandb7">Jane</article>');
    expect(detectRecipient(marked, url, [])).toEqual({ ref: { kind: 'user_id', value: 'usr_1001' }, workspace: 'brandb7' });
    const metaOnly = doc('<meta name="intercom-workspace" content=" Brand B ">', '<article data-intercom-user-id="usr_1001">Jane</article>');
    expect(detectRecipient(metaOnly, url, [])).toEqual({ ref: { kind: 'user_id', value: 'usr_1001' }, workspace: 'Brand B' });
    expect(detectRecipient(page('<article data-intercom-user-id="usr_1001">Jane</article>'), url, [])).toEqual({ ref: { kind: 'user_id', value: 'usr_1001' } });
  });

  it('a malformed or contradictory workspace makes the page name nobody (never a guess)', () => {
    expect(detectRecipient(page('<article data-intercom-user-id="usr_1001" data-intercom-workspace="<b>">Jane</article>'), url, [])).toBeNull();
    const two = page('<h1 data-intercom-user-id="usr_1001" data-intercom-workspace="acme42">Jane</h1><p data-intercom-user-id="usr_1001" data-intercom-workspace="brandb7">x</p>');
    expect(detectRecipient(two, url, [])).toBeNull();
    const metas = doc('<meta name="intercom-workspace" content="acme42"><meta name="intercom-workspace" content="brandb7">', '<article data-intercom-user-id="usr_1001">Jane</article>');
    expect(detectRecipient(metas, url, [])).toBeNull();
  });

  it("a team rule's workspace comes first, else the page's meta tag", () => {
    const withMeta = doc('<meta name="intercom-workspace" content="acme42">', '<p>Jane</p>');
    expect(detectRecipient(withMeta, url, [{ ...rule, workspace: 'Brand B EU' }])).toEqual({ ref: { kind: 'user_id', value: 'usr_1001' }, workspace: 'Brand B EU' });
    expect(detectRecipient(withMeta, url, [rule])).toEqual({ ref: { kind: 'user_id', value: 'usr_1001' }, workspace: 'acme42' });
    // A managed rule reaches the page unvalidated: a bad value makes the rule find nobody.
    expect(detectRecipient(withMeta, url, [{ ...rule, workspace: 'x'.repeat(80) }])).toBeNull();
  });

  it('what the detector sends always passes the protocol schema', () => {
    const found = detectRecipient(doc('<meta name="intercom-workspace" content="Brand B.eu_1-x">', '<p data-intercom-email="jane@acme.test"></p>'), url, []);
    expect(DetectedRecipient.parse(found)).toEqual(found);
    expect(DetectedRecipient.safeParse({ ref: { kind: 'user_id', value: 'u' }, workspace: 'a/b' }).success).toBe(false);
  });
});

describe("a team rule's workspace field", () => {
  const rule = { id: 'users', name: 'Users', matches: 'https://admin.acme.test/*', kind: 'user_id', source: { from: 'url', pattern: '^/users/([^/]+)' } };

  it('is optional, trimmed, and checked on import and save', () => {
    expect(validateRules([rule]).problems).toEqual([]);
    expect(validateRules([{ ...rule, workspace: ' brandb7 ' }]).rules[0]).toMatchObject({ workspace: 'brandb7' });
    const bad = validateRules([{ ...rule, workspace: 'brand/b' }]);
    expect(bad.rules).toEqual([]);
    expect(bad.problems).toMatchObject([{ rule: 0, field: 'workspace', code: 'bad_workspace' }]);
  });

  it('the managed policy schema takes it with the same limits', () => {
    const validate = new Ajv({ strict: false }).compile(managedSchema);
    expect(validate({ teamRules: [{ ...rule, workspace: 'Brand B EU' }] }), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ teamRules: [{ ...rule, workspace: 'Café (EU)' }] }), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ teamRules: [{ ...rule, workspace: 'brand/b' }] })).toBe(false);
  });
});

describe('router: the hint travels, and an unknown workspace is refused rather than defaulted', () => {
  const self = { id: 'hailer-id', origin: 'chrome-extension://hailer-id/' };
  const contentScript: Runtime.MessageSender = { id: 'hailer-id', url: 'https://admin.acme.test/users/1', tab: { id: 3 } as never };
  const popup: Runtime.MessageSender = { id: 'hailer-id', url: 'chrome-extension://hailer-id/popup.html' };
  const setup = () => {
    const handlers = {
      'recipient.find': vi.fn(async () => ({ contacts: [] })),
      'app.status': vi.fn(async () => ({})),
      'queue.cancel': vi.fn(async () => ({ cancelled: false })),
    } as unknown as Handlers;
    const pageWorkspace = vi.fn(async (where: { url?: string; hint?: string }) => {
      const found = resolvePageWorkspace(state, where);
      return found.kind === 'workspace' ? found.workspace.id : found.kind === 'unknown' ? { unknown: found.hint } : undefined;
    });
    return { handlers, pageWorkspace, route: createRouter(handlers, { ...self, pageWorkspace }) };
  };
  const find = { ref: { kind: 'email', value: 'jane@acme.test' } };

  it("gives the page's URL and hint to the resolution; the hint wins over the site", async () => {
    const { route, handlers, pageWorkspace } = setup();
    await route({ hailer: 1, call: 'recipient.find', payload: find, workspaceHint: 'brandb7' }, contentScript);
    expect(pageWorkspace).toHaveBeenLastCalledWith({ url: contentScript.url, hint: 'brandb7' });
    expect(handlers['recipient.find']).toHaveBeenLastCalledWith(find, contentScript, { workspaceId: 'ws-b' });
    // An extension page has no site: only its hint counts.
    await route({ hailer: 1, call: 'recipient.find', payload: find, workspaceHint: 'Acme' }, popup);
    expect(pageWorkspace).toHaveBeenLastCalledWith({ hint: 'Acme' });
    expect(handlers['recipient.find']).toHaveBeenLastCalledWith(find, popup, { workspaceId: 'ws1' });
    // A workspace the agent chose explicitly wins over the hint.
    await route({ hailer: 1, call: 'recipient.find', payload: find, workspaceHint: 'Acme', workspaceId: 'ws-b' }, contentScript);
    expect(handlers['recipient.find']).toHaveBeenLastCalledWith(find, contentScript, { workspaceId: 'ws-b' });
  });

  it('refuses a workspace call for a page naming an unknown workspace, saying which; app.status reports it', async () => {
    const { route, handlers } = setup();
    const reply = await route({ hailer: 1, call: 'recipient.find', payload: find, workspaceHint: 'Brand Z' }, contentScript);
    expect(reply).toMatchObject({ ok: false, error: { code: 'workspace_unknown', detail: 'This page asks for the Intercom workspace “Brand Z”, which is not set up in Hailer.' } });
    expect(handlers['recipient.find']).not.toHaveBeenCalled();
    await route({ hailer: 1, call: 'app.status', payload: {}, workspaceHint: 'Brand Z' }, contentScript);
    expect(handlers['app.status']).toHaveBeenCalledWith({}, contentScript, { unknownWorkspace: 'Brand Z' });
    // A queue entry carries its own workspace: the popup's scheduled sends keep working.
    await expect(route({ hailer: 1, call: 'queue.cancel', payload: { id: 'd1' }, workspaceHint: 'Brand Z' }, popup)).resolves.toMatchObject({ ok: true });
  });

  it('refuses a malformed hint as a bad request', async () => {
    const { route, handlers } = setup();
    const reply = await route({ hailer: 1, call: 'recipient.find', payload: find, workspaceHint: 'a'.repeat(65) }, contentScript);
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(handlers['recipient.find']).not.toHaveBeenCalled();
  });
});
