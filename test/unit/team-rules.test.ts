import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import Ajv from 'ajv';
import managedSchema from '../../public/managed-schema.json';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { exportRulesJson, listRules, parseRulesJson, teamRulesItem, type TeamRule } from '../../utils/detect/team-rules';
import { keepRuleRegistrationsInSync, removeRule, RULES_SCRIPT_ID, saveRule, saveRules, syncRuleRegistrations } from '../../utils/detect/rule-access';
import { settingsItem, defaultSettings } from '../../utils/storage/settings';

// Spies on the fake browser outlive a test unless restored.
afterEach(() => vi.restoreAllMocks());

// WXT's fake browser keeps storage (managed included) in memory, but `permissions` and `scripting`
// only throw "not implemented". These stand-ins model just what team-rules relies on: a set of
// granted origins with a prompt that answers `grant`, and a table of registered content scripts.
type Script = { id: string; matches?: string[]; js?: string[]; runAt?: string; persistAcrossSessions?: boolean };
let granted: Set<string>;
let grant: boolean;
let scripts: Map<string, Script>;
const api = {
  request: vi.fn(async ({ origins = [] }: { origins?: string[] }) => {
    if (!grant) return false;
    origins.forEach((o) => granted.add(o));
    return true;
  }),
  contains: vi.fn(async ({ origins = [] }: { origins?: string[] }) => origins.every((o) => granted.has(o))),
  remove: vi.fn(async ({ origins = [] }: { origins?: string[] }) => origins.map((o) => granted.delete(o)).every(Boolean)),
  register: vi.fn(async (list: Script[]) => {
    for (const s of list) {
      if (scripts.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
      scripts.set(s.id, structuredClone(s));
    }
  }),
  update: vi.fn(async (list: Script[]) => list.forEach((s) => scripts.set(s.id, { ...scripts.get(s.id)!, ...s }))),
  unregister: vi.fn(async ({ ids = [] }: { ids?: string[] } = {}) => ids.forEach((id) => scripts.delete(id))),
  getRegistered: vi.fn(async () => [...scripts.values()].map((s) => structuredClone(s))),
};
const listeners = () => ({ addListener: vi.fn(), removeListener: vi.fn(), hasListener: vi.fn() });

beforeEach(() => {
  granted = new Set();
  grant = true;
  scripts = new Map();
  Object.values(api).forEach((fn) => fn.mockClear());
  Object.assign(fakeBrowser.permissions, {
    request: api.request,
    contains: api.contains,
    remove: api.remove,
    onAdded: listeners(),
    onRemoved: listeners(),
  });
  Object.assign(fakeBrowser.scripting, {
    registerContentScripts: api.register,
    updateContentScripts: api.update,
    unregisterContentScripts: api.unregister,
    getRegisteredContentScripts: api.getRegistered,
  });
});

const adminRule: TeamRule = {
  id: 'admin-users',
  name: 'Admin: users',
  matches: 'https://admin.acme.test/*',
  urlIncludes: '^/admin/users/',
  kind: 'user_id',
  source: { from: 'url', pattern: '^/admin/users/([^/?#]+)' },
  nameSelector: 'h1 .user-name',
};
const adminLeadsRule: TeamRule = {
  id: 'admin-leads',
  name: 'Admin: leads',
  matches: 'https://admin.acme.test/leads/*',
  kind: 'email',
  source: { from: 'selector', selector: '[data-field="email"]', attribute: 'data-value' },
};
const billingRule: TeamRule = {
  id: 'billing',
  name: 'Billing customers',
  matches: 'https://dashboard.billing.test/*',
  kind: 'email',
  source: { from: 'selector', selector: '.customer-email' },
};
const ourScript = () => scripts.get(RULES_SCRIPT_ID);

describe('import and export', () => {
  it('round-trips rules through the policy-shaped JSON, without the managed flag', () => {
    const json = exportRulesJson([{ ...adminRule, managed: true } as TeamRule, billingRule]);
    expect(JSON.parse(json)).toEqual({ teamRules: [adminRule, billingRule] });
    expect(parseRulesJson(json)).toEqual({ ok: true, rules: [adminRule, billingRule] });
  });

  it('also reads a bare list of rules', () => {
    expect(parseRulesJson(JSON.stringify([billingRule]))).toEqual({ ok: true, rules: [billingRule] });
  });

  it('says when the file is not JSON or not a list', () => {
    expect(parseRulesJson('{"teamRules": [')).toEqual({
      ok: false,
      problems: [{ rule: null, field: '', code: 'not_json', message: 'This file is not valid JSON.' }],
    });
    const notList = parseRulesJson('{"rules": []}');
    expect(notList.ok || notList.problems.map((p) => p.code)).toEqual(['not_a_list']);
  });

  it('lists every problem of every rule, in words, with the rule number and field', () => {
    const result = parseRulesJson(
      JSON.stringify([
        billingRule,
        { ...adminRule, source: { from: 'url', pattern: '^/admin/users/([^/' } },
        { ...adminRule, id: 'no-group', source: { from: 'url', pattern: '^/admin/users/[^/]+' } },
        { ...billingRule, id: 'everywhere', matches: '*://*/*' },
        { ...billingRule, id: 'selector', source: { from: 'selector', selectr: '.customer-email' } },
        { ...billingRule, id: 'bad-css', source: { from: 'selector', selector: 'div[data-x' } },
        { ...billingRule, id: 'phone', kind: 'phone' },
        { id: 'bare', matches: 'https://x.test/*', kind: 'email', source: { from: 'selector', selector: 'a' } },
        { ...billingRule, name: 'A duplicate' },
        { ...billingRule, id: 'id with spaces', matches: 'admin.acme.test' },
        { ...billingRule, id: 'port', matches: 'http://127.0.0.1:8080/*' },
      ]),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map(({ rule, field, code }) => [rule, field, code])).toEqual([
      [1, 'source.pattern', 'bad_regex'],
      [2, 'source.pattern', 'no_capture'],
      [3, 'matches', 'too_broad'],
      [4, 'source.selector', 'missing'],
      [4, 'source.selectr', 'unknown_field'],
      [5, 'source.selector', 'bad_selector'],
      [6, 'kind', 'bad_value'],
      [7, 'name', 'missing'],
      [8, 'id', 'duplicate_id'],
      [9, 'id', 'bad_id'],
      [9, 'matches', 'bad_pattern'],
      [10, 'matches', 'bad_pattern'],
    ]);
    expect(result.problems[0]!.message).toBe('Rule 2, source.pattern: this is not a valid regular expression.');
    expect(result.problems[4]!.message).toBe('Rule 5, source.selectr: Hailer does not know this field. Check its spelling.');
  });

  it('caps lengths', () => {
    const result = parseRulesJson(JSON.stringify([{ ...billingRule, name: 'n'.repeat(101) }]));
    expect(result.ok || result.problems.map((p) => [p.field, p.code])).toEqual([['name', 'too_long']]);
  });
});

describe('saving a rule', () => {
  it('without asking (the background, for a teach frame that cannot ask): a granted site saves, another is refused, nothing prompts', async () => {
    await expect(saveRules([adminRule], { ask: false })).resolves.toEqual({ ok: false, reason: 'permission_denied', origins: ['https://admin.acme.test/*'] });
    expect(await teamRulesItem.getValue()).toEqual([]);
    granted.add('https://admin.acme.test/*');
    await expect(saveRules([adminRule], { ask: false })).resolves.toEqual({ ok: true });
    expect(await teamRulesItem.getValue()).toEqual([adminRule]);
    expect(ourScript()?.matches).toEqual(['https://admin.acme.test/*']);
    expect(api.request).not.toHaveBeenCalled();
  });

  it('asks for exactly that rule’s site, stores the rule and registers the content script there', async () => {
    await expect(saveRule(adminRule)).resolves.toEqual({ ok: true });
    expect(api.request).toHaveBeenCalledTimes(1);
    expect(api.request).toHaveBeenCalledWith({ origins: ['https://admin.acme.test/*'] });
    expect(await teamRulesItem.getValue()).toEqual([adminRule]);
    expect(ourScript()).toEqual({
      id: RULES_SCRIPT_ID,
      matches: ['https://admin.acme.test/*'],
      js: ['content-scripts/content.js'],
      runAt: 'document_start',
      persistAcrossSessions: true,
    });
  });

  it('is saved when its registration loses a race with another context (the background finishes it)', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    api.getRegistered.mockResolvedValueOnce([]); // read before the other context registered
    scripts.set(RULES_SCRIPT_ID, { id: RULES_SCRIPT_ID, matches: ['https://old.test/*'], js: ['content-scripts/content.js'] });
    api.update.mockRejectedValueOnce(new Error('Content script with ID hailer-rules does not exist')); // and it unregistered meanwhile
    await expect(saveRule(adminRule)).resolves.toEqual({ ok: true });
    expect(await teamRulesItem.getValue()).toEqual([adminRule]);
    await syncRuleRegistrations();
    expect(ourScript()?.matches).toEqual([adminRule.matches]);
  });

  it('updates the one registration as rules are added or edited', async () => {
    await saveRule(adminRule);
    await saveRule(adminLeadsRule);
    expect(ourScript()?.matches).toEqual(['https://admin.acme.test/*', 'https://admin.acme.test/leads/*']);
    await saveRule({ ...adminLeadsRule, name: 'Leads', matches: 'https://crm.acme.test/*' });
    expect((await teamRulesItem.getValue()).map((r) => [r.id, r.name])).toEqual([
      ['admin-users', 'Admin: users'],
      ['admin-leads', 'Leads'],
    ]);
    expect(ourScript()?.matches).toEqual(['https://admin.acme.test/*', 'https://crm.acme.test/*']);
    expect(api.register).toHaveBeenCalledTimes(1);
  });

  it('asks once for all the sites of an import', async () => {
    await expect(saveRules([adminRule, adminLeadsRule, billingRule])).resolves.toEqual({ ok: true });
    expect(api.request).toHaveBeenCalledTimes(1);
    expect(api.request).toHaveBeenCalledWith({
      origins: ['https://admin.acme.test/*', 'https://admin.acme.test/leads/*', 'https://dashboard.billing.test/*'],
    });
  });

  it('stores and registers nothing when the agent refuses the site', async () => {
    grant = false;
    await expect(saveRule(billingRule)).resolves.toEqual({
      ok: false,
      reason: 'permission_denied',
      origins: ['https://dashboard.billing.test/*'],
    });
    expect(await teamRulesItem.getValue()).toEqual([]);
    expect(api.register).not.toHaveBeenCalled();
    expect(scripts.size).toBe(0);
  });

  it('counts a site granted before when the browser refuses to prompt (no user gesture)', async () => {
    granted.add('https://dashboard.billing.test/*');
    api.request.mockRejectedValueOnce(new Error('This function must be called during a user gesture'));
    await expect(saveRule(billingRule)).resolves.toEqual({ ok: true });
    expect(ourScript()?.matches).toEqual(['https://dashboard.billing.test/*']);
  });

  it('refuses an invalid rule before any prompt', async () => {
    const outcome = await saveRule({ ...billingRule, matches: '<all_urls>' });
    expect(outcome.ok || outcome.reason).toBe('invalid');
    expect(api.request).not.toHaveBeenCalled();
  });
});

describe('removing a rule', () => {
  it('unregisters it and gives its site back', async () => {
    await saveRule(billingRule);
    await expect(removeRule('billing')).resolves.toEqual({ ok: true, released: true });
    expect(api.remove).toHaveBeenCalledWith({ origins: ['https://dashboard.billing.test/*'] });
    expect(granted.has('https://dashboard.billing.test/*')).toBe(false);
    expect(scripts.size).toBe(0);
    expect(await teamRulesItem.getValue()).toEqual([]);
  });

  it('keeps the site while another rule still needs it', async () => {
    await saveRules([adminRule, adminLeadsRule]);
    await expect(removeRule('admin-leads')).resolves.toEqual({ ok: true, released: false });
    expect(api.remove).not.toHaveBeenCalled();
    expect(ourScript()?.matches).toEqual(['https://admin.acme.test/*']);
  });

  it('keeps the site when the custom Intercom address is on it', async () => {
    const proxyRule = { ...billingRule, id: 'proxy', matches: 'https://support.acme.test/tickets/*' };
    await saveRule(proxyRule);
    await settingsItem.setValue({ ...defaultSettings, region: 'custom', apiBaseUrl: 'https://support.acme.test', appBaseUrl: 'https://support.acme.test' });
    await expect(removeRule('proxy')).resolves.toEqual({ ok: true, released: false });
    expect(api.remove).not.toHaveBeenCalled();
  });

  it('says when there is no such rule', async () => {
    await expect(removeRule('nope')).resolves.toEqual({ ok: false, reason: 'not_found' });
  });
});

describe('managed rules', () => {
  const preset: TeamRule = { ...billingRule, id: 'it-preset', name: 'Preset by IT' };

  it('come first, marked managed, hide a local rule with their id, and skip invalid entries', async () => {
    await teamRulesItem.setValue([adminRule, { ...preset, name: 'Local copy' }]);
    await fakeBrowser.storage.managed.set({ teamRules: [preset, { ...preset, id: 'broken', matches: '*://*/*' }, 'junk'] });
    expect(await listRules()).toEqual([
      { ...preset, managed: true },
      { ...adminRule, managed: false },
    ]);
  });

  it('cannot be removed or overwritten', async () => {
    await fakeBrowser.storage.managed.set({ teamRules: [preset] });
    await expect(removeRule('it-preset')).resolves.toEqual({ ok: false, reason: 'managed' });
    await expect(saveRule({ ...preset, name: 'Mine now' })).resolves.toEqual({ ok: false, reason: 'managed', ids: ['it-preset'] });
    expect(await teamRulesItem.getValue()).toEqual([]);
  });

  it('are registered once their site is granted, and reported until then', async () => {
    await fakeBrowser.storage.managed.set({ teamRules: [preset] });
    await expect(syncRuleRegistrations()).resolves.toEqual({ active: [], needsAccess: ['it-preset'] });
    expect(scripts.size).toBe(0);
    granted.add(preset.matches);
    await expect(syncRuleRegistrations()).resolves.toEqual({ active: ['it-preset'], needsAccess: [] });
    expect(ourScript()?.matches).toEqual([preset.matches]);
  });

  it('are simply absent when managed storage is unavailable (Firefox without a policy)', async () => {
    await teamRulesItem.setValue([adminRule]);
    vi.spyOn(fakeBrowser.storage.managed, 'get').mockRejectedValue(new Error('Managed storage manifest not found'));
    expect(await listRules()).toEqual([{ ...adminRule, managed: false }]);
  });
});

describe('registration sync', () => {
  it('drops stale registrations and leaves other scripts alone', async () => {
    scripts.set('hailer-rule-old', { id: 'hailer-rule-old', matches: ['https://old.test/*'], js: ['content-scripts/content.js'] });
    scripts.set(RULES_SCRIPT_ID, { id: RULES_SCRIPT_ID, matches: ['https://gone.test/*'], js: ['content-scripts/content.js'] });
    scripts.set('someone-else', { id: 'someone-else', matches: ['https://x.test/*'], js: ['x.js'] });
    await teamRulesItem.setValue([adminRule]);
    granted.add(adminRule.matches);
    await syncRuleRegistrations();
    expect([...scripts.keys()].sort()).toEqual([RULES_SCRIPT_ID, 'someone-else']);
    expect(ourScript()?.matches).toEqual([adminRule.matches]);
  });

  it('updates a registration another context made in the meantime', async () => {
    await teamRulesItem.setValue([adminRule]);
    granted.add(adminRule.matches);
    api.getRegistered.mockResolvedValueOnce([]); // read before the options page registered its own
    scripts.set(RULES_SCRIPT_ID, { id: RULES_SCRIPT_ID, matches: ['https://old.test/*'], js: ['content-scripts/content.js'] });
    await syncRuleRegistrations();
    expect(ourScript()?.matches).toEqual([adminRule.matches]);
  });

  it('skips rules whose site was taken back', async () => {
    await saveRules([adminRule, billingRule]);
    granted.delete(billingRule.matches);
    await expect(syncRuleRegistrations()).resolves.toEqual({ active: ['admin-users'], needsAccess: ['billing'] });
    expect(ourScript()?.matches).toEqual([adminRule.matches]);
  });

  it('follows rules written straight into storage (another context, the demo script)', async () => {
    granted.add(billingRule.matches);
    const stop = keepRuleRegistrationsInSync();
    await fakeBrowser.storage.local.set({ teamRules: [billingRule] });
    await vi.waitFor(() => expect(ourScript()?.matches).toEqual([billingRule.matches]));
    expect(fakeBrowser.permissions.onRemoved.addListener).toHaveBeenCalled();
    stop();
    await fakeBrowser.storage.local.set({ teamRules: [] });
    await new Promise((r) => setTimeout(r, 20));
    expect(ourScript()).toBeDefined();
  });
});

describe('managed policy schema', () => {
  // Chrome refuses to load an extension whose managed schema uses any other keyword.
  const chromeKeywords = new Set(['type', 'title', 'description', 'properties', 'items', 'enum', 'pattern', 'required', 'additionalProperties', 'patternProperties', 'minimum', 'maximum', 'id', '$ref', 'sensitiveValue']);
  const keywordsOf = (schema: Record<string, unknown>): string[] => [
    ...Object.keys(schema),
    ...Object.values((schema.properties ?? {}) as Record<string, Record<string, unknown>>).flatMap(keywordsOf),
    ...(schema.items ? keywordsOf(schema.items as Record<string, unknown>) : []),
  ];
  const validate = new Ajv({ strict: false }).compile(managedSchema);

  it('uses only keywords Chrome accepts, and a top level without additionalProperties', () => {
    expect(keywordsOf(managedSchema).filter((k) => !chromeKeywords.has(k))).toEqual([]);
    expect(managedSchema.type).toBe('object');
    expect(managedSchema).not.toHaveProperty('additionalProperties');
  });

  it('accepts a policy with rules Hailer accepts, and refuses a wrong kind', () => {
    const policy = { region: 'eu', teamRules: [adminRule, adminLeadsRule, billingRule] };
    expect(validate(policy), JSON.stringify(validate.errors)).toBe(true);
    expect(parseRulesJson(JSON.stringify(policy))).toEqual({ ok: true, rules: policy.teamRules });
    expect(validate({ teamRules: [{ ...billingRule, kind: 'phone' }] })).toBe(false);
    expect(validate({ region: 'custom', apiBaseUrl: 'https://intercom-proxy.example.com', appBaseUrl: 'https://app.intercom.com/' })).toBe(true);
    expect(validate({ apiBaseUrl: 'intercom-proxy.example.com' })).toBe(false);
  });
});
