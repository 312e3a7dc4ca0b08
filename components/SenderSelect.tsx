// The compose panel's and the bulk page's "From" select: the admin a message goes out as, the
// workspace's default sender until the agent picks another.
import { t } from '@/utils/i18n';

export function SenderSelect({ admins, value, onChange }: { admins: readonly { id: string; name: string }[]; value: string; onChange(adminId: string): void }) {
  return (
    <>
      <label for="hailer-from">{t('panelFrom')}</label>
      <select id="hailer-from" value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        {admins.map((a) => (
          <option value={a.id}>{a.name}</option>
        ))}
      </select>
    </>
  );
}
