// Options → People and pages: who is the team (our domains, saved as typed) and the team rules that
// tell Hailer where the customer is on a console's pages (./TeamRules.tsx, saved per rule).
import { t } from '@/utils/i18n';
import type { Settings } from '@/utils/storage/settings';
import type { AdminSummary } from '@/utils/protocol';
import { OurDomainsField } from './OurDomains';
import { TeamRules } from './TeamRules';
import { useAutoSave } from './AutoSaved';

export function PeopleAndPages({ settings, admins, onChange }: { settings: Settings; admins: AdminSummary[]; onChange(patch: Partial<Settings>): Promise<void> }) {
  const { save, line } = useAutoSave();
  return (
    <section class="card stack" aria-labelledby="people-heading">
      <h2 id="people-heading">{t('optionsPeopleHeading')}</h2>
      <p class="hint">{t('optionsPeopleLine')}</p>
      <OurDomainsField value={settings.ourDomains} admins={admins} onChange={(ourDomains) => save(() => onChange({ ourDomains }))} />
      {line}
      <TeamRules />
    </section>
  );
}
