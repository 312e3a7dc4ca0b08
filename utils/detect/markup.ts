// The markup convention any team can add to its own console (see README.md here): data attributes
// on an element, or <meta name="intercom:…"> tags. A page that marks several different customers
// (a list) is not a customer page, unless exactly one of them is marked data-intercom-primary.
import type { DetectedRecipient } from '../protocol';
import { cleanName, cleanRef, recipient, withWorkspace, type RecipientKind, type RecipientRef } from './sanitize';
import { cleanWorkspaceHint, metaWorkspaceHint } from './workspace-hint';

// In order of preference: the Intercom id is exact, an external user id nearly so, an email may be shared.
const kinds: [RecipientKind, string][] = [
  ['contact_id', 'contact-id'],
  ['user_id', 'user-id'],
  ['email', 'email'],
];
const SELECTOR = kinds.map(([, suffix]) => `[data-intercom-${suffix}]`).join(',');
const MAX_MARKS = 500;

/** One customer as one element (or the page's meta tags) marks it. */
interface Mark {
  refs: RecipientRef[];
  name?: string;
  primary: boolean;
  /** The element's `data-intercom-workspace`, checked (utils/detect/workspace-hint.ts). */
  workspace?: string;
}

const key = (ref: RecipientRef) => `${ref.kind}:${ref.value}`;

/** Every identifier an element carries must be valid: a mark with a bad one is not trusted at all. */
function mark(values: [RecipientKind, string[]][], name: string | undefined, primary: boolean, rawWorkspace?: string | null): Mark | null {
  const workspace = cleanWorkspaceHint(rawWorkspace);
  if (workspace === null) return null;
  const refs: RecipientRef[] = [];
  for (const [kind, raw] of values) {
    for (const value of raw) {
      const ref = cleanRef(kind, value);
      if (!ref) return null;
      if (!refs.some((r) => key(r) === key(ref))) refs.push(ref);
    }
  }
  return { refs, name: cleanName(name), primary, ...(workspace ? { workspace } : {}) };
}

function elementMarks(doc: Document): (Mark | null)[] {
  return Array.from(doc.querySelectorAll(SELECTOR))
    .slice(0, MAX_MARKS)
    .map((el) =>
      mark(
        kinds.map(([kind, suffix]) => {
          const value = el.getAttribute(`data-intercom-${suffix}`);
          return [kind, value === null ? [] : [value]];
        }),
        el.getAttribute('data-intercom-name') ?? undefined,
        el.hasAttribute('data-intercom-primary'),
        el.getAttribute('data-intercom-workspace'),
      ),
    );
}

/** Meta tags describe the page as a whole: together they are one mark. */
function metaMark(doc: Document): Mark | null | undefined {
  const content = (name: string) =>
    Array.from(doc.querySelectorAll(`meta[name="intercom:${name}"]`))
      .slice(0, MAX_MARKS)
      .map((m) => m.getAttribute('content') ?? '');
  const values = kinds.map(([kind, suffix]): [RecipientKind, string[]] => [kind, content(suffix)]);
  if (values.every(([, v]) => v.length === 0)) return undefined;
  return mark(values, content('name')[0], true);
}

export function detectMarkup(doc: Document): DetectedRecipient | null {
  const meta = metaMark(doc);
  const marks = [...(meta === undefined ? [] : [meta]), ...elementMarks(doc)];
  if (marks.length === 0 || marks.includes(null)) return null;

  // Marks that share any identifier are the same customer (a header with the id, a card with the email).
  const groups: Mark[][] = [];
  for (const m of marks as Mark[]) {
    const keys = new Set(m.refs.map(key));
    const joined = groups.filter((g) => g.some((other) => other.refs.some((r) => keys.has(key(r)))));
    const merged = [...joined.flat(), m];
    for (const g of joined) groups.splice(groups.indexOf(g), 1);
    groups.push(merged);
  }
  const primaries = groups.filter((g) => g.some((m) => m.primary));
  const customer = groups.length === 1 ? groups[0] : primaries.length === 1 ? primaries[0] : undefined;
  if (!customer) return null;

  // The customer's own element names the workspace, else the page's meta tag does; two names, or a
  // malformed one, and the page contradicts itself (never a guess at the workspace).
  const named = new Set(customer.flatMap((m) => (m.workspace ? [m.workspace] : [])));
  if (named.size > 1) return null;
  const workspace = named.size === 1 ? [...named][0] : metaWorkspaceHint(doc);
  if (workspace === null) return null;

  const refs = customer.flatMap((m) => m.refs);
  for (const [kind] of kinds) {
    const values = new Set(refs.filter((r) => r.kind === kind).map((r) => r.value));
    // One customer with two different ids of the same kind: the page contradicts itself.
    if (values.size > 1) return null;
    const [value] = values;
    if (value !== undefined) return withWorkspace(recipient({ kind, value } as RecipientRef, customer.find((m) => m.name)?.name), workspace);
  }
  return null;
}
