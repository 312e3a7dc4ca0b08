// Under the message box: the placeholders an inserted macro could not fill (still [markers] in the
// text, so the agent can find and replace them), and the keys Hailer has no source for.
import { t } from '@/utils/i18n';
import { missingMarker } from '@/utils/compose/placeholders';

// A marker of a dotted key (`[user.custom_attributes.plan]`, `[order.number]`) is recognised in any
// draft, also one reloaded after the macro was inserted; a markdown link's `[text](` is not a marker.
const DOTTED_MARKER = /\[([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)+)\](?!\()/g;

/** The placeholders with no value whose marker is still in the message. */
export function unresolvedPlaceholders(body: string, missing: readonly string[]): string[] {
  const found = new Set(missing.filter((key) => body.includes(missingMarker(key))));
  for (const m of body.matchAll(DOTTED_MARKER)) found.add(m[1]!);
  return [...found];
}

export function PlaceholderNotice({ body, missing, unknown }: { body: string; missing: string[]; unknown: string[] }) {
  const unresolved = unresolvedPlaceholders(body, missing);
  const unknownOnly = unknown.filter((key) => !unresolved.includes(key));
  if (!unresolved.length && !unknownOnly.length) return null;
  return (
    <div class="placeholders" id="hailer-placeholders">
      {unresolved.length > 0 && (
        <p class="problem">
          <mark>{t('placeholdersMissing', unresolved.map(missingMarker).join(', '))}</mark>
        </p>
      )}
      {unknownOnly.length > 0 && <p class="hint">{t('macroUnknown', unknownOnly.join(', '))}</p>}
    </div>
  );
}
