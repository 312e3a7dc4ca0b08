// What the teach frame tells the agent about a proposed rule before "Save rule": where it reads, in
// raw form; whether it depends on the field's position on the page; whether it would apply to the
// page it was taught on only. Pure, from the rule itself (the proposal carries nothing more).
import type { TeamRule } from '../detect/rules';
import { describeShape } from '../detect/shape';

/** The source as the rule file writes it: `p.requester-email`, `label "Email"`, `^/users/([^/]+)`. */
export function sourceText(source: TeamRule['source']): string {
  if (source.from === 'selector') return `${source.selector}${source.attribute ? ` @${source.attribute}` : ''}`;
  if (source.from === 'label') return `label "${source.label}"`;
  return source.pattern;
}

export const shapeText = (rule: TeamRule): string | undefined => (rule.shape ? describeShape(rule.shape) : undefined);

/** A selector that names positions (`tr:nth-child(5) > td`) reads another field when a record has a row more or less. */
export const dependsOnPosition = (rule: TeamRule): boolean =>
  rule.source.from === 'selector' && /:nth-(?:child|of-type|last-child|last-of-type)\(/.test(rule.source.selector);

/**
 * The rule's path pattern names no part that varies: it matches the taught page's path alone. (A
 * console that keeps the record in a fragment the pattern does not read, `/#users/42`, has every
 * record at one path: there the rule is for every page, not one. A route such as `#/users/42` is
 * read, and generalised like a path.)
 */
export const appliesToThisPageOnly = (rule: TeamRule, taughtOn: URL): boolean =>
  rule.source.from !== 'url' &&
  !!rule.urlIncludes &&
  !/\[\^|\.\*|\.\+|\(\?=/.test(rule.urlIncludes) &&
  !(taughtOn.pathname === '/' && taughtOn.hash.length > 1 && !/#!?\//.test(rule.urlIncludes));
