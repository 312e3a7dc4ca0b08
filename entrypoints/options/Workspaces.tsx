// The options page's workspace list: add, rename, colour, default, where each lives, its token
// (write-only, through the background like the connection above) and the sites whose pages use it.
// The connection section above edits the default workspace; here every workspace is edited.
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '@/utils/i18n';
import { callBackground } from '@/utils/messaging';
import { addWorkspace, readWorkspaces, setDefaultWorkspace, updateWorkspace, workspacesItem, type WorkspaceConfig, type WorkspacesState } from '@/utils/storage/workspaces';
import { endpointsFor, type Region } from '@/utils/intercom/regions';
import { connectionProblem, customAddress, requestAccess } from './connection';
import { NoticeLine, ok, problem, type Notice } from '@/components/NoticeLine';

const regions: [Region, Parameters<typeof t>[0]][] = [
  ['us', 'optionsRegionUs'],
  ['eu', 'optionsRegionEu'],
  ['au', 'optionsRegionAu'],
  ['custom', 'optionsRegionCustom'],
];

export function Workspaces() {
  const [state, setState] = useState<WorkspacesState | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  useEffect(() => {
    const load = () => void readWorkspaces().then(setState);
    load();
    return workspacesItem.watch(load);
  }, []);
  if (!state) return null;

  async function add() {
    const ws = await addWorkspace(t('workspaceNewName', String(state!.list.length + 1)));
    setNotice(ok(t('workspaceAdded', ws.name)));
  }

  return (
    <section class="card stack" aria-labelledby="workspaces-heading">
      <h2 id="workspaces-heading">{t('workspacesHeading')}</h2>
      <p class="hint">{t('workspacesLine')}</p>
      <details>
        <summary>{t('workspacesHowPagesChoose')}</summary>
        <p class="hint">{t('workspacesHint')}</p>
      </details>
      {state.list.map((ws) => (
        <WorkspaceEditor key={ws.id} ws={ws} isDefault={ws.id === state.defaultId} removable={state.list.length > 1} onNotice={setNotice} />
      ))}
      <div class="actions">
        <button type="button" onClick={() => void add()}>
          {t('workspaceAdd')}
        </button>
      </div>
      <NoticeLine notice={notice} />
    </section>
  );
}

function WorkspaceEditor({ ws, isDefault, removable, onNotice }: { ws: WorkspaceConfig; isDefault: boolean; removable: boolean; onNotice(n: Notice): void }) {
  const [token, setToken] = useState('');
  const [tokenState, setTokenState] = useState<{ set: boolean; last4: string | null }>({ set: false, last4: null });
  const [draft, setDraft] = useState({ region: ws.region, apiBaseUrl: ws.apiBaseUrl, appBaseUrl: ws.appBaseUrl, sites: ws.sites.join('\n') });
  const [busy, setBusy] = useState(false);
  const id = (what: string) => `ws-${ws.id}-${what}`;

  const refreshToken = async () => {
    const reply = await callBackground('token.status', {}, ws.id);
    if (reply.ok) setTokenState(reply.data);
  };
  useEffect(() => void refreshToken(), [ws.id]);

  // Not async up to the permission request: Firefox prompts only while the click is handled.
  function apply() {
    if (busy) return;
    let address = { apiBaseUrl: '', appBaseUrl: '' };
    let access: Promise<boolean> = Promise.resolve(true);
    if (draft.region === 'custom') {
      const custom = customAddress(draft.apiBaseUrl, draft.appBaseUrl);
      if (!custom) return onNotice(problem(t('optionsCustomUrlInvalid')));
      access = requestAccess(browser.permissions, custom.origins);
      address = { apiBaseUrl: custom.apiBaseUrl, appBaseUrl: custom.appBaseUrl };
    }
    setBusy(true);
    void finishApply(address, access)
      .then(onNotice, () => onNotice(problem(t('optionsSaveFailed'))))
      .finally(() => setBusy(false));
  }

  async function finishApply(address: { apiBaseUrl: string; appBaseUrl: string }, access: Promise<boolean>): Promise<Notice> {
    if (!(await access)) return problem(t('optionsCustomUrlDenied'));
    // The address a failure names: the custom one, or the region's (never the region's code).
    const where = { apiBaseUrl: draft.region === 'custom' ? address.apiBaseUrl : endpointsFor({ region: draft.region }).apiBaseUrl };
    const sites = draft.sites.split(/[\n,]/).map((s) => s.trim()).filter(Boolean);
    const moved = draft.region !== ws.region || address.apiBaseUrl !== ws.apiBaseUrl;
    await updateWorkspace(ws.id, { region: draft.region, ...address, sites, ...(moved ? { idCode: null, admin: null, learntFrom: null } : {}) });
    if (token.trim()) {
      const reply = await callBackground('token.set', { token: token.trim() }, ws.id);
      if (!reply.ok) return problem(connectionProblem(reply.error, where));
      setToken('');
      await refreshToken();
    }
    // GET /me names the workspace and learns its id code and admin, as "Test connection" does.
    if (token.trim() || moved) {
      const reply = await callBackground('connection.test', {}, ws.id);
      if (!reply.ok) return problem(connectionProblem(reply.error, where));
      return ok(t('workspaceConnected', [reply.data.workspace.name, reply.data.admin.name]));
    }
    return ok(t('workspaceUpdated', ws.name));
  }

  async function remove() {
    if (!confirm(t('workspaceRemoveConfirm', ws.name))) return;
    const reply = await callBackground('workspace.remove', { workspaceId: ws.id });
    onNotice(reply.ok ? ok(t('workspaceRemoved', ws.name)) : problem(`${reply.error.message} ${reply.error.action}`));
  }

  return (
    <fieldset class="workspace" style={{ borderLeft: `6px solid ${ws.colour}` }}>
      <legend>
        {ws.name}
        {isDefault ? ` · ${t('workspaceIsDefault')}` : ''}
      </legend>
      <label for={id('name')}>{t('workspaceName')}</label>
      <input id={id('name')} value={ws.name} maxLength={100} onChange={(e) => void updateWorkspace(ws.id, { name: e.currentTarget.value.trim() || ws.name, nameFromIntercom: false })} />
      <label for={id('colour')}>{t('workspaceColour')}</label>
      <input id={id('colour')} type="color" value={ws.colour} onChange={(e) => void updateWorkspace(ws.id, { colour: e.currentTarget.value })} />
      <label>
        <input type="radio" name="default-workspace" checked={isDefault} onChange={() => void setDefaultWorkspace(ws.id)} /> {t('workspaceMakeDefault')}
      </label>
      <p class="hint">{ws.idCode ? t('workspaceLearnt', [ws.idCode, ws.admin?.name ?? '']) : t('workspaceNotLearnt')}</p>

      <label for={id('location')}>{t('workspaceLocation')}</label>
      <select id={id('location')} value={draft.region} disabled={ws.managed} onChange={(e) => setDraft({ ...draft, region: e.currentTarget.value as Region })}>
        {regions.map(([value, key]) => (
          <option value={value}>{t(key)}</option>
        ))}
      </select>
      {draft.region === 'custom' && (
        <>
          <label for={id('api')}>{t('workspaceApiAddress')}</label>
          <input id={id('api')} type="url" value={draft.apiBaseUrl} disabled={ws.managed} onInput={(e) => setDraft({ ...draft, apiBaseUrl: e.currentTarget.value })} />
          <label for={id('app')}>{t('workspaceInboxAddress')}</label>
          <input id={id('app')} type="url" value={draft.appBaseUrl} disabled={ws.managed} onInput={(e) => setDraft({ ...draft, appBaseUrl: e.currentTarget.value })} />
        </>
      )}
      <label for={id('token')}>{t('workspaceToken')}</label>
      <input id={id('token')} type="password" autocomplete="off" spellcheck={false} value={token} aria-describedby={id('token-state')} onInput={(e) => setToken(e.currentTarget.value)} />
      <p id={id('token-state')} class="hint">
        {tokenState.set ? t('optionsTokenSet', tokenState.last4 ?? '') : t('optionsTokenNotSet')}
      </p>
      <label for={id('sites')}>{t('workspaceSites', ws.name)}</label>
      <textarea id={id('sites')} rows={2} value={draft.sites} disabled={ws.managed} aria-describedby={id('sites-hint')} onInput={(e) => setDraft({ ...draft, sites: e.currentTarget.value })} />
      <p id={id('sites-hint')} class="hint">
        {t('workspaceSitesHint')}
      </p>
      <div class="actions">
        <button type="button" disabled={busy} aria-describedby={id('name')} onClick={apply}>
          {t('workspaceApply')}
        </button>
        {removable && !ws.managed && (
          <button type="button" aria-describedby={id('name')} onClick={() => void remove()}>
            {t('workspaceRemove')}
          </button>
        )}
      </div>
    </fieldset>
  );
}
