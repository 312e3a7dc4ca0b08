// Options for continuing conversations: which conversation the panel starts on, and its default
// follow-up. Part of the options form: saved with its Save button.
import { t } from '@/utils/i18n';
import type { Settings } from '@/utils/storage/settings';

export function ConversationDefaults({ settings, update }: { settings: Settings; update(patch: Partial<Settings>): void }) {
  return (
    <>
      <label for="default-conversation">{t('optionsDefaultConversation')}</label>
      <select
        id="default-conversation"
        value={settings.defaultConversation ?? 'new'}
        onChange={(e) => update({ defaultConversation: e.currentTarget.value === 'latest_open' ? 'latest_open' : 'new' })}
      >
        <option value="new">{t('optionsDefaultConversationNew')}</option>
        <option value="latest_open">{t('optionsDefaultConversationLatest')}</option>
      </select>
      <label for="default-follow-up">{t('optionsDefaultFollowUp')}</label>
      <select
        id="default-follow-up"
        value={settings.defaultFollowUp ?? 'none'}
        onChange={(e) => update({ defaultFollowUp: e.currentTarget.value as Settings['defaultFollowUp'] })}
      >
        <option value="none">{t('panelFollowUpNone')}</option>
        <option value="assign_me">{t('panelFollowUpAssignMe')}</option>
        <option value="close">{t('panelFollowUpClose')}</option>
        <option value="snooze">{t('panelFollowUpSnooze')}</option>
      </select>
    </>
  );
}
