// "Our domains": people at these domains are the team and never offered as a page's people.
// Prefilled with the admins' email domains (mailbox providers left out) until the agent edits it.
import { useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import { parseDomains, suggestOurDomains } from '@/utils/scan/exclude';
import type { AdminSummary } from '@/utils/protocol';

export function OurDomainsField({ value, admins, onChange }: { value: string[] | null; admins: AdminSummary[]; onChange(domains: string[]): void }) {
  const [text, setText] = useState<string | null>(null);
  const shown = text ?? (value ?? suggestOurDomains(admins.map((a) => a.email))).join(', ');
  return (
    <>
      <label for="our-domains">{t('optionsOurDomains')}</label>
      <input
        id="our-domains"
        type="text"
        value={shown}
        placeholder="acme.com"
        aria-describedby="our-domains-hint"
        onInput={(e) => {
          setText(e.currentTarget.value);
          onChange(parseDomains(e.currentTarget.value));
        }}
      />
      <p id="our-domains-hint" class="hint">
        {t('optionsOurDomainsHint')}
      </p>
    </>
  );
}
