// Options → Connection: the default workspace's token (write-only: the background gives back only
// its end), its region or custom URLs, Save and Test connection. Saves only these fields.
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { callBackground } from '@/utils/messaging';
import { t } from '@/utils/i18n';
import { saveSettings, type Region } from '@/utils/storage/settings';
import { readWorkspaces, updateWorkspace } from '@/utils/storage/workspaces';
import { endpointsFor } from '@/utils/intercom/regions';
import { connectionProblem, customAddress, requestAccess } from './connection';
import { NoticeLine, ok, problem, type Notice } from '@/components/NoticeLine';
import { TokenField } from '@/components/TokenField';
import { Diagnostics } from './Diagnostics';

const regions: [Region, Parameters<typeof t>[0]][] = [
  ['us', 'optionsRegionUs'],
  ['eu', 'optionsRegionEu'],
  ['au', 'optionsRegionAu'],
  ['custom', 'optionsRegionCustom'],
];

export interface Address {
  region: Region;
  apiBaseUrl: string;
  appBaseUrl: string;
}

/** Where the address on screen points: the hosted region's API, or the custom one as typed. */
const endpointsOf = (a: Address) => (a.region === 'custom' ? { apiBaseUrl: a.apiBaseUrl.trim() } : endpointsFor(a));

export function Connection({ initial, onConnected }: { initial: Address; onConnected(): void }) {
  // Only the address: this section saves these three fields and nothing else.
  const [address, setAddress] = useState<Address>({ region: initial.region, apiBaseUrl: initial.apiBaseUrl, appBaseUrl: initial.appBaseUrl });
  const [token, setTokenInput] = useState('');
  const [tokenState, setTokenState] = useState<{ set: boolean; last4: string | null }>({ set: false, last4: null });
  const [notice, setNotice] = useState<Notice>(null);
  const [busy, setBusy] = useState(false);
  const update = (patch: Partial<Address>) => setAddress({ ...address, ...patch });

  const refreshToken = async () => {
    const reply = await callBackground('token.status', {});
    if (reply.ok) setTokenState(reply.data);
  };
  useEffect(() => void refreshToken(), []);

  // Not async up to the permission request: Firefox shows its prompt only while the click is being
  // handled, so nothing may be awaited before it.
  function save(event: Event) {
    event.preventDefault();
    if (busy) return;
    const next = { ...address };
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
    void finishSave(address, next, access).then(setNotice, () => setNotice(problem(t('optionsSaveFailed')))).finally(() => setBusy(false));
  }

  async function finishSave(submitted: Address, next: Address, access: Promise<boolean>): Promise<Notice> {
    if (!(await access)) return problem(t('optionsCustomUrlDenied'));
    if (token.trim()) {
      const reply = await callBackground('token.set', { token: token.trim() });
      if (!reply.ok) return problem(connectionProblem(reply.error, endpointsOf(next)));
      setTokenInput('');
    }
    await saveSettings(next);
    await updateWorkspace((await readWorkspaces()).defaultId, next);
    // The cleaned-up URLs, unless the agent changed the address while this was saving.
    setAddress((current) => (current === submitted ? next : current));
    await refreshToken();
    return ok(t('optionsSaved'));
  }

  async function testConnection() {
    if (busy) return;
    setBusy(true);
    setNotice(null);
    try {
      const reply = await callBackground('connection.test', {});
      if (!reply.ok) return setNotice(problem(connectionProblem(reply.error, endpointsOf(address))));
      const { admin, workspace } = reply.data;
      setNotice(ok(t('optionsConnected', [workspace.name, admin.name])));
      onConnected();
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
    onConnected();
    setNotice(ok(t('optionsTokenRemoved')));
  }

  return (
    <section class="card stack" aria-labelledby="connection-heading">
      <h2 id="connection-heading">{t('optionsConnectionHeading')}</h2>
      <p class="hint">{t('optionsConnectionLine')}</p>
      <form class="stack" onSubmit={save} aria-busy={busy}>
        <TokenField value={token} onInput={setTokenInput} describedBy="token-state" placeholder={tokenState.set ? t('optionsTokenKeep') : ''} />
        <p id="token-state" class="hint">
          {tokenState.set ? t('optionsTokenSet', tokenState.last4 ?? '') : t('optionsTokenNotSet')} {t('optionsTokenHelp')}
        </p>
        {tokenState.set && (
          <div class="actions">
            <button type="button" onClick={removeToken}>
              {t('optionsTokenRemove')}
            </button>
          </div>
        )}
        <label for="region">{t('optionsRegion')}</label>
        <select id="region" value={address.region} onChange={(e) => update({ region: e.currentTarget.value as Region })}>
          {regions.map(([value, key]) => (
            <option value={value}>{t(key)}</option>
          ))}
        </select>
        {address.region === 'custom' && (
          <>
            <label for="api-base">{t('optionsApiBaseUrl')}</label>
            <input id="api-base" type="url" value={address.apiBaseUrl} onInput={(e) => update({ apiBaseUrl: e.currentTarget.value })} />
            <label for="app-base">{t('optionsAppBaseUrl')}</label>
            <input id="app-base" type="url" value={address.appBaseUrl} onInput={(e) => update({ appBaseUrl: e.currentTarget.value })} />
          </>
        )}
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            {t('optionsSave')}
          </button>
          <button type="button" disabled={busy || !tokenState.set} onClick={testConnection}>
            {t('optionsTestConnection')}
          </button>
        </div>
        <NoticeLine notice={notice} />
      </form>
      <Diagnostics />
    </section>
  );
}
