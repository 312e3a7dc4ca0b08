// A page (or a team rule) may say which Intercom workspace its customer is in: a team rule's
// `workspace` field, `data-intercom-workspace` on the customer's element, or
// `<meta name="intercom-workspace" content="…">`. The value is a workspace's Intercom id code or its
// name in Hailer; the background matches it (utils/storage/page-workspace.ts). Like every value a page
// gives, it is checked here before it goes anywhere: short; letters and digits of any script, space,
// and `_ . , & ' ( ) -` (names such as "Acme (EU)" or "Café R&D"); no markup, controls or bidi marks.
// Zod-free: this runs in the content script and the page scanner.

/** The shape every workspace hint must have (utils/protocol.ts `WorkspaceHint` checks the same). */
export const WORKSPACE_HINT = /^[\p{L}\p{N}\p{M} _.,&'()-]{1,64}$/u;

/**
 * The hint as it may travel: trimmed, inner runs of spaces made one. `undefined` when there is none
 * (absent or empty), `null` when there is one that fails the check (the caller then trusts nothing).
 */
export function cleanWorkspaceHint(raw: unknown): string | null | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'string' || raw.length > 256) return null;
  const value = raw.replace(/\s+/g, ' ').trim();
  if (!value) return undefined;
  return WORKSPACE_HINT.test(value) ? value : null;
}

/** The page's `<meta name="intercom-workspace">`: undefined when absent, null when malformed or contradictory. */
export function metaWorkspaceHint(doc: Document): string | null | undefined {
  const values = new Set<string | null>();
  for (const meta of Array.from(doc.querySelectorAll('meta[name="intercom-workspace"]')).slice(0, 20)) {
    const hint = cleanWorkspaceHint(meta.getAttribute('content'));
    if (hint !== undefined) values.add(hint);
  }
  if (values.size === 0) return undefined;
  const [only] = values;
  return values.size === 1 ? (only ?? null) : null;
}
