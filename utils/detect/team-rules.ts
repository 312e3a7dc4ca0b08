// Team rules: their schema and validation, import/export, and reading them from storage (the agent's
// own and the administrator's managed ones). Saving them, with the host permission each needs, and
// the content-script registration that brings Hailer to their sites are in rule-access.ts.
//
// Why not webext-dynamic-content-scripts + webext-permission-toggle (Refined GitHub's answer)? They
// register the manifest's content scripts on every origin the user grants, whatever the reason it
// was granted. Our grants have other reasons too (custom Intercom URLs ask for their own origin), the
// patterns come from rules, not from granted origins, and managed presets must be registered without
// being stored or removable. Deriving the registration from the rules themselves is the short,
// exact version of that.
//
// One registration holds every granted rule's pattern, so a page two rules match (one for users,
// one for leads on the same console) gets the content script once.
import { z } from 'zod';
import { browser } from 'wxt/browser';
import { storage } from '@wxt-dev/storage';
import { parseMatchPattern, type TeamRule } from './index';
import { WORKSPACE_HINT } from './workspace-hint';
import { rulesFromAddress } from './team-rules-address';
import { CHAR_CLASSES, MAX_PREFIX, MAX_SHAPE_LENGTH, type CharClass } from './shape';
import { MAX_LABEL } from './label';
import { t, type MessageKey } from '../i18n';

export type { TeamRule } from './index';

export const MAX_RULES = 100;

// ---------------------------------------------------------------- validation

const compiles = (source: string) => {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
};
// A regex `p` followed by an empty alternative always matches '', and the match lists every group.
const captureGroups = (source: string) => new RegExp(`${source}|`).exec('')!.length - 1;

/** The browser's own parser where there is a DOM (options page); a cheap check in the service worker. */
function plausibleSelector(selector: string): boolean {
  if (typeof document !== 'undefined') {
    try {
      document.createDocumentFragment().querySelector(selector);
      return true;
    } catch {
      return false;
    }
  }
  let depth = 0;
  for (const c of selector) {
    if ('[('.includes(c)) depth++;
    if ('])'.includes(c) && --depth < 0) return false;
  }
  return depth === 0 && !/[{};\r\n]/.test(selector);
}

/**
 * A rule's site: a match pattern for http(s) with a named host (a rule for every site is refused)
 * and no port, which Firefox does not accept in match patterns (every port of the host matches).
 */
const sitePattern = (pattern: string) => {
  const p = parseMatchPattern(pattern);
  return p !== null && ['http', 'https', '*'].includes(p.scheme) && p.host !== '' && p.port === null;
};
const namedHost = (pattern: string) => parseMatchPattern(pattern)?.host !== '*';

const text = (max: number) => z.string().trim().min(1, 'missing').max(max, 'too_long');
const regex = z.string().min(1, 'missing').max(500, 'too_long').refine(compiles, 'bad_regex');
const selector = text(500).refine(plausibleSelector, 'bad_selector');
const shapeLength = z.number().int().min(1, 'bad_shape').max(MAX_SHAPE_LENGTH, 'bad_shape');

/** What a rule learned about its values (utils/detect/shape.ts): `usr_` and 8 hex characters. */
const ShapeSchema = z
  .object({
    prefix: z.string().min(1, 'bad_shape').max(MAX_PREFIX, 'bad_shape').regex(/^[\x21-\x7e]+$/, 'bad_shape').optional(),
    chars: z.enum(Object.keys(CHAR_CLASSES) as [CharClass, ...CharClass[]]),
    min: shapeLength,
    max: shapeLength,
  })
  .strict()
  .refine((s) => s.min <= s.max, { message: 'bad_shape', path: ['max'] });

export const TeamRuleSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'bad_id'),
    name: text(100),
    matches: text(500).refine(sitePattern, 'bad_pattern').refine(namedHost, 'too_broad'),
    urlIncludes: regex.optional(),
    kind: z.enum(['contact_id', 'user_id', 'email']),
    source: z.discriminatedUnion('from', [
      z.object({ from: z.literal('url'), pattern: regex.refine((p) => !compiles(p) || captureGroups(p) >= 1, 'no_capture') }).strict(),
      z
        .object({
          from: z.literal('selector'),
          selector,
          attribute: z.string().regex(/^[A-Za-z_:][-A-Za-z0-9_:.]{0,99}$/, 'bad_attribute').optional(),
        })
        .strict(),
      z.object({ from: z.literal('label'), label: text(MAX_LABEL) }).strict(),
    ]),
    shape: ShapeSchema.optional(),
    nameSelector: selector.optional(),
    /** The workspace the console's customers are in: its Intercom id code or Hailer name (utils/storage/page-workspace.ts). */
    workspace: z.string().trim().regex(WORKSPACE_HINT, 'bad_workspace').optional(),
  })
  .strict() satisfies z.ZodType<TeamRule>;

export type RuleProblemCode =
  | 'not_json'
  | 'not_a_list'
  | 'too_many'
  | 'missing'
  | 'wrong_type'
  | 'too_long'
  | 'unknown_field'
  | 'bad_value'
  | 'bad_id'
  | 'bad_pattern'
  | 'too_broad'
  | 'bad_regex'
  | 'no_capture'
  | 'bad_selector'
  | 'bad_attribute'
  | 'bad_workspace'
  | 'bad_shape'
  | 'duplicate_id';

export interface RuleProblem {
  /** Position of the rule in the list (0-based); null for a problem with the whole file. */
  rule: number | null;
  /** Dotted path of the field, e.g. "source.pattern"; empty for the whole rule or file. */
  field: string;
  code: RuleProblemCode;
  /** The problem in the agent's words, with the rule number and field. */
  message: string;
}

const ownCodes = new Set<string>([
  'missing', 'too_long', 'bad_id', 'bad_pattern', 'too_broad', 'bad_regex', 'no_capture', 'bad_selector', 'bad_attribute', 'bad_workspace', 'bad_shape',
]);

export function problem(rule: number | null, field: string, code: RuleProblemCode): RuleProblem {
  const what = t(`rulesProblem_${code}` as MessageKey);
  const message = rule === null ? what : t('rulesProblemAt', [String(rule + 1), field || '—', what]);
  return { rule, field, code, message };
}

function issueProblem(rule: number, issue: z.core.$ZodIssue, input: unknown): RuleProblem {
  const path = issue.path.join('.');
  if (ownCodes.has(issue.message)) return problem(rule, path, issue.message as RuleProblemCode);
  switch (issue.code) {
    case 'unrecognized_keys':
      return problem(rule, [path, issue.keys.join(', ')].filter(Boolean).join('.'), 'unknown_field');
    case 'invalid_type': {
      const value = issue.path.reduce<unknown>((v, k) => (v as Record<PropertyKey, unknown> | undefined)?.[k], input);
      return problem(rule, path, value === undefined ? 'missing' : 'wrong_type');
    }
    case 'too_big':
      return problem(rule, path, 'too_long');
    default:
      return problem(rule, path, 'bad_value');
  }
}

/** Checks rules one by one; all problems at once, so a team lead can fix a file in one go. */
export function validateRules(list: readonly unknown[]): { rules: TeamRule[]; problems: RuleProblem[] } {
  const rules: TeamRule[] = [];
  const problems: RuleProblem[] = [];
  const seen = new Set<string>();
  list.forEach((item, i) => {
    const parsed = TeamRuleSchema.safeParse(item);
    if (!parsed.success) return problems.push(...parsed.error.issues.map((issue) => issueProblem(i, issue, item)));
    if (seen.has(parsed.data.id)) return problems.push(problem(i, 'id', 'duplicate_id'));
    seen.add(parsed.data.id);
    rules.push(parsed.data);
  });
  return { rules, problems };
}

export type ParsedRules = { ok: true; rules: TeamRule[] } | { ok: false; problems: RuleProblem[] };

/** Reads an export: a list of rules, or `{ "teamRules": [...] }` (the managed policy's shape). */
export function parseRulesJson(json: string): ParsedRules {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return { ok: false, problems: [problem(null, '', 'not_json')] };
  }
  const list = Array.isArray(data) ? data : (data as { teamRules?: unknown } | null)?.teamRules;
  if (!Array.isArray(list)) return { ok: false, problems: [problem(null, '', 'not_a_list')] };
  if (list.length > MAX_RULES) return { ok: false, problems: [problem(null, '', 'too_many')] };
  const { rules, problems } = validateRules(list);
  return problems.length ? { ok: false, problems } : { ok: true, rules };
}

/** In the managed policy's shape, so an export can be pasted into a policy as it is. */
export function exportRulesJson(rules: readonly TeamRule[]): string {
  return `${JSON.stringify({ teamRules: rules.map(stripManaged) }, null, 2)}\n`;
}

export const stripManaged = ({ managed: _, fromAddress: __, ...rule }: TeamRule & { managed?: boolean; fromAddress?: true }): TeamRule => rule;

// ---------------------------------------------------------------- storage

export const teamRulesItem = storage.defineItem<TeamRule[]>('local:teamRules', { fallback: [] });

/** `managed`: read-only, from the administrator's policy or (`fromAddress`) the team rules address. */
export type RuleEntry = TeamRule & { managed: boolean; fromAddress?: true };

/** Rules that fail validation are left out (a policy typo, an old version's data), never thrown on. */
export const validOnly = (value: unknown): TeamRule[] =>
  Array.isArray(value) ? value.flatMap((v) => { const r = TeamRuleSchema.safeParse(v); return r.success ? [r.data] : []; }) : [];

export async function managedRules(): Promise<TeamRule[]> {
  try {
    return validOnly((await browser.storage.managed.get('teamRules')).teamRules);
  } catch {
    // No policy schema or no policy (Firefox rejects then): no managed rules.
    return [];
  }
}

/**
 * The administrator's rules first, then the team rules address's (both read-only), then the agent's
 * own; an id seen earlier hides a later rule with that id.
 */
export async function listRules(): Promise<RuleEntry[]> {
  const [managed, fromAddress, local] = await Promise.all([managedRules(), rulesFromAddress(), teamRulesItem.getValue()]);
  const seen = new Set(managed.map((r) => r.id));
  const team = fromAddress.filter((r) => !seen.has(r.id));
  team.forEach((r) => seen.add(r.id));
  return [
    ...managed.map((r) => ({ ...r, managed: true })),
    ...team.map((r) => ({ ...r, managed: true, fromAddress: true as const })),
    ...validOnly(local).filter((r) => !seen.has(r.id)).map((r) => ({ ...r, managed: false })),
  ];
}
