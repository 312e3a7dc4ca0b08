// Options → Sending: who sends (the default workspace's choice), where the panel starts, what
// happens after a send and the undo window. Saved as the agent changes them (./AutoSaved.tsx).
import { t } from '@/utils/i18n';
import { BULK_CAP_LIMIT, bulkCap, type Settings } from '@/utils/storage/settings';
import type { AdminSummary, AfterSend } from '@/utils/protocol';
import { ConversationDefaults } from './ConversationDefaults';
import { useAutoSave } from './AutoSaved';

const afterSendChoices: [AfterSend, Parameters<typeof t>[0]][] = [
  ['open_new_tab', 'optionsAfterSendNewTab'],
  ['reuse_tab', 'optionsAfterSendReuseTab'],
  ['stay', 'optionsAfterSendStay'],
];

export function Sending({ settings, admins, onChange }: { settings: Settings; admins: AdminSummary[]; onChange(patch: Partial<Settings>): Promise<void> }) {
  const { save, line } = useAutoSave();
  const update = (patch: Partial<Settings>) => save(() => onChange(patch));
  return (
    <section class="card stack" aria-labelledby="sending-heading">
      <h2 id="sending-heading">{t('optionsSendingHeading')}</h2>
      <p class="hint">{t('optionsSendingLine')}</p>
      <label for="send-as">{t('optionsSendAs')}</label>
      <select id="send-as" value={settings.sendAsAdminId ?? ''} onChange={(e) => update({ sendAsAdminId: e.currentTarget.value || null })}>
        <option value="">{t('optionsSendAsTokenOwner')}</option>
        {admins.map((a) => (
          <option value={a.id}>{a.email ? `${a.name} <${a.email}>` : a.name}</option>
        ))}
      </select>
      <label for="after-send">{t('optionsAfterSend')}</label>
      <select id="after-send" value={settings.afterSend} onChange={(e) => update({ afterSend: e.currentTarget.value as AfterSend })}>
        {afterSendChoices.map(([value, key]) => (
          <option value={value}>{t(key)}</option>
        ))}
      </select>
      <label for="undo-seconds">{t('optionsUndoSeconds')}</label>
      <input
        id="undo-seconds"
        type="number"
        min={0}
        max={30}
        step={1}
        value={settings.undoSeconds}
        aria-describedby="undo-hint"
        onInput={(e) => update({ undoSeconds: Math.min(30, Math.max(0, Math.round(Number(e.currentTarget.value) || 0))) })}
      />
      <p id="undo-hint" class="hint">
        {t('optionsUndoHint')}
      </p>
      <ConversationDefaults settings={settings} update={update} />
      <label class="check">
        <input type="checkbox" checked={settings.replyWatch !== false} aria-describedby="reply-watch-hint" onChange={(e) => update({ replyWatch: e.currentTarget.checked })} />
        {t('optionsReplyWatch')}
      </label>
      <p id="reply-watch-hint" class="hint">
        {t('optionsReplyWatchHint')}
      </p>
      <label for="bulk-cap">{t('optionsBulkCap')}</label>
      <input
        id="bulk-cap"
        type="number"
        min={1}
        max={BULK_CAP_LIMIT}
        step={1}
        value={bulkCap(settings)}
        aria-describedby="bulk-cap-hint"
        onInput={(e) => update({ bulkMaxRecipients: bulkCap({ bulkMaxRecipients: Math.round(Number(e.currentTarget.value)) }) })}
      />
      <p id="bulk-cap-hint" class="hint">
        {t('optionsBulkCapHint')}
      </p>
      <p class="hint">{t('optionsSendLaterHint')}</p>
      {line}
    </section>
  );
}
