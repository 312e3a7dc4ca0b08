// Options: the Intercom connection (token, region or custom URLs), who sends, and what happens after
// a send. The token field is write-only: the background never gives the token back, only its end.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { callBackground } from '@/utils/messaging';
import { t } from '@/utils/i18n';
import { BULK_CAP_LIMIT, bulkCap, loadSettings, settingsItem, type Region, type Settings } from '@/utils/storage/settings';
import { connectionOf, pickWorkspace, readWorkspaces, updateWorkspace } from '@/utils/storage/workspaces';
import { ConversationDefaults } from './ConversationDefaults';
import type { AdminSummary, AfterSend } from '@/utils/protocol';
import { endpointsFor } from '@/utils/intercom/regions';
import { connectionProblem, customAddress, requestAccess } from './connection';
import { NoticeLine, ok, problem, type Notice } from './notice';
import { TeamRules } from './TeamRules';
import { SavedReplies } from './SavedReplies';
import { Diagnostics } from './Diagnostics';
import { Workspaces } from './Workspaces';
import { CardAttributes } from './CardAttributes';
import { OurDomainsField } from './OurDomains';

const regions: [Region, Parameters<typeof t>[0]][] = [
  ['us', 'optionsRegionUs'],
  ['eu', 'optionsRegionEu'],
  ['au', 'optionsRegionAu'],
  ['custom', 'optionsRegionCustom'],
];
const afterSendChoices: [AfterSend, Parameters<typeof t>[0]][] = [
  ['open_new_tab', 'optionsAfterSendNewTab'],
  ['reuse_tab', 'optionsAfterSendReuseTab'],
  ['stay', 'optionsAfterSendStay'],
];

/** Where the settings on screen point: the hosted region's API, or the custom one as typed. */
const endpointsOf = (s: Settings) => (s.region === 'custom' ? { apiBaseUrl: s.apiBaseUrl.trim() } : endpointsFor(s));

function Options() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [token, setTokenInput] = useState('');
  const [tokenState, setTokenState] = useState<{ set: boolean; last4: string | null }>({ set: false, last4: null });
  const [admins, setAdmins] = useState<AdminSummary[]>([]);
  const [notice, setNotice] = useState<Notice>(null);
  const [busy, setBusy] = useState(false);

  const refreshToken = async () => {
    const reply = await callBackground('token.status', {});
    if (reply.ok) setTokenState(reply.data);
  };
  const refreshAdmins = async () => {
    const reply = await callBackground('admins.list', {});
    if (reply.ok) setAdmins(reply.data.admins);
  };

  useEffect(() => {
    // The connection fields are the default workspace's; the rest are shared settings.
    void Promise.all([loadSettings(), readWorkspaces()]).then(([shared, workspaces]) => setSettings({ ...shared, ...connectionOf(pickWorkspace(workspaces)) }));
    void refreshToken().then(refreshAdmins);
  }, []);

  if (!settings) return null;
  const update = (patch: Partial<Settings>) => setSettings({ ...settings, ...patch });

  // Not async up to the permission request: Firefox shows its prompt only while the click is being
  // handled, so nothing may be awaited before it.
  function save(event: Event) {
    event.preventDefault();
    if (!settings || busy) return;
    const next = { ...settings };
    let access: Promise<boolean> = Promise.resolve(true);
    if (next.region === 'custom') {
      const custom = customAddress(next.apiBaseUrl, next.appBaseUrl);
      if (!custom) return setNotice(problem(t('optionsCustomUrlInvalid')));
      // Custom hosts are not in the manifest: ask for exactly these sites, now, inside the click.
      access = requestAccess(browser.permissions, custom.origins);
      Object.assign(next, { apiBaseUrl: custom.apiBaseUrl, appBaseUrl: custom.appBaseUrl });
    }
    setBusy(true);
    setNotice(null);
    void finishSave(next, access).then(setNotice, () => setNotice(problem(t('optionsSaveFailed')))).finally(() => setBusy(false));
  }

  async function finishSave(next: Settings, access: Promise<boolean>): Promise<Notice> {
    if (!(await access)) return problem(t('optionsCustomUrlDenied'));
    if (token.trim()) {
      const reply = await callBackground('token.set', { token: token.trim() });
      if (!reply.ok) return problem(connectionProblem(reply.error, endpointsOf(next)));
      setTokenInput('');
    }
    await settingsItem.setValue(next);
    await updateWorkspace((await readWorkspaces()).defaultId, connectionOf(next));
    setSettings(next);
    await refreshToken();
    return ok(t('optionsSaved'));
  }

  async function testConnection() {
    if (!settings || busy) return;
    setBusy(true);
    setNotice(null);
    try {
      const reply = await callBackground('connection.test', {});
      if (!reply.ok) return setNotice(problem(connectionProblem(reply.error, endpointsOf(settings))));
      const { admin, workspace } = reply.data;
      setNotice(ok(t('optionsConnected', [workspace.name, admin.name])));
      await refreshAdmins();
    } catch {
      setNotice(problem(t('optionsProblem_unexpected')));
    } finally {
      setBusy(false);
    }
  }

  async function removeToken() {
    const reply = await callBackground('token.clear', {}).catch(() => null);
    if (!reply?.ok) return setNotice(problem(t('optionsProblem_unexpected')));
    await refreshToken();
    setAdmins([]);
    setNotice(ok(t('optionsTokenRemoved')));
  }

  return (
    <main>
      <h1>{t('optionsTitle')}</h1>
      <form onSubmit={save} aria-busy={busy}>
        <section aria-labelledby="connection-heading">
          <h2 id="connection-heading">{t('optionsConnectionHeading')}</h2>
          <label for="token">{t('optionsToken')}</label>
          <input
            id="token"
            type="password"
            autocomplete="off"
            spellcheck={false}
            value={token}
            aria-describedby="token-state"
            placeholder={tokenState.set ? t('optionsTokenKeep') : ''}
            onInput={(e) => setTokenInput(e.currentTarget.value)}
          />
          <p id="token-state" class="hint">
            {tokenState.set ? t('optionsTokenSet', tokenState.last4 ?? '') : t('optionsTokenNotSet')}{' '}
            {t('optionsTokenHelp')}
          </p>
          {tokenState.set && (
            <button type="button" onClick={removeToken}>
              {t('optionsTokenRemove')}
            </button>
          )}

          <label for="region">{t('optionsRegion')}</label>
          <select id="region" value={settings.region} onChange={(e) => update({ region: e.currentTarget.value as Region })}>
            {regions.map(([value, key]) => (
              <option value={value}>{t(key)}</option>
            ))}
          </select>
          {settings.region === 'custom' && (
            <>
              <label for="api-base">{t('optionsApiBaseUrl')}</label>
              <input id="api-base" type="url" value={settings.apiBaseUrl} onInput={(e) => update({ apiBaseUrl: e.currentTarget.value })} />
              <label for="app-base">{t('optionsAppBaseUrl')}</label>
              <input id="app-base" type="url" value={settings.appBaseUrl} onInput={(e) => update({ appBaseUrl: e.currentTarget.value })} />
            </>
          )}
        </section>

        <section aria-labelledby="sending-heading">
          <h2 id="sending-heading">{t('optionsSendingHeading')}</h2>
          <label for="send-as">{t('optionsSendAs')}</label>
          <select
            id="send-as"
            value={settings.sendAsAdminId ?? ''}
            onChange={(e) => update({ sendAsAdminId: e.currentTarget.value || null })}
          >
            <option value="">{t('optionsSendAsTokenOwner')}</option>
            {admins.map((a) => (
              <option value={a.id}>{a.email ? `${a.name} <${a.email}>` : a.name}</option>
            ))}
          </select>
          <label for="after-send">{t('optionsAfterSend')}</label>
          <select
            id="after-send"
            value={settings.afterSend}
            onChange={(e) => update({ afterSend: e.currentTarget.value as AfterSend })}
          >
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
          <OurDomainsField value={settings.ourDomains} admins={admins} onChange={(ourDomains) => update({ ourDomains })} />
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
        </section>

        <div class="actions">
          <button type="submit" disabled={busy}>
            {t('optionsSave')}
          </button>
          <button type="button" disabled={busy || !tokenState.set} onClick={testConnection}>
            {t('optionsTestConnection')}
          </button>
        </div>
        <NoticeLine notice={notice} />
      </form>
      <Diagnostics />
      <Workspaces />
      <SavedReplies />
      <CardAttributes />
      <TeamRules />
    </main>
  );
}

render(<Options />, document.getElementById('app')!);
