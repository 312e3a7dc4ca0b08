// Under the message box: the placeholders an inserted macro could not fill (still [markers] in the
// text, so the agent can find and replace them), and the keys Hailer has no source for.
import { t } from '@/utils/i18n';
import { missingMarker } from '@/utils/compose/placeholders';

/** The missing placeholders whose marker is still in the message. */
export const unresolvedPlaceholders = (body: string, missing: readonly string[]) => missing.filter((key) => body.includes(missingMarker(key)));

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
