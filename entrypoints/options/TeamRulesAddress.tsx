// The team rules address in the options page: where the team lead's rules file is, the outcome of
// the background's last check (a failed one keeps the last good copy and says why), and the sites
// those rules need. Saving asks for the address's own site in the click; the background fetches.
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t, type MessageKey } from '@/utils/i18n';
import { callBackground } from '@/utils/messaging';
import { NoticeLine, ok, problem, type Notice } from '@/components/NoticeLine';
import {
  addressOrigin,
  allowedAddress,
  currentAddress,
  teamRulesAddressItem,
  teamRulesFromAddressItem,
  type AddressProblem,
  type AddressState,
} from '@/utils/detect/team-rules-address';
import { requestRuleAccess } from '@/utils/detect/rule-access';

const when = (at: number) => new Date(at).toLocaleString();

function problemText(p: AddressProblem): string {
  if (p.code === 'http_status') return t('rulesAddressProblem_http_status', String(p.status));
  if (p.code === 'invalid') return t('rulesAddressProblem_invalid', p.details.join(' '));
  return t(`rulesAddressProblem_${p.code}` as MessageKey);
}

/** The last check in words: how many rules and since when, or why it failed and which copy is kept. */
export function addressStatus(state: AddressState): string {
  if (!state.problem) return t('rulesAddressStatusOk', [String(state.rules.length), when(state.fetchedAt ?? state.checkedAt), when(state.checkedAt)]);
  const why = problemText(state.problem);
  return state.fetchedAt === null ? t('rulesAddressFailedNoCopy', why) : t('rulesAddressFailedKept', [why, when(state.fetchedAt)]);
}

export function TeamRulesAddress({ onRulesChanged }: { onRulesChanged: () => void }) {
  const [address, setAddress] = useState('');
  const [managed, setManaged] = useState(false);
  const [state, setState] = useState<AddressState | null>(null);
  const [missingSites, setMissingSites] = useState<string[]>([]);
  const [notice, setNotice] = useState<Notice>(null);

  useEffect(() => {
    void currentAddress().then(({ url, managed }) => {
      setAddress(url);
      setManaged(managed);
    });
    void teamRulesFromAddressItem.getValue().then(setState);
    return teamRulesFromAddressItem.watch((next) => {
      setState(next);
      onRulesChanged();
    });
  }, []);

  // The address's rules whose site the agent has not granted yet: they do nothing until then.
  useEffect(() => {
    const sites = [...new Set((state?.rules ?? []).map((r) => r.matches))];
    void Promise.all(sites.map((origin) => browser.permissions.contains({ origins: [origin] }).catch(() => false))).then((granted) =>
      setMissingSites(sites.filter((_, i) => !granted[i])),
    );
  }, [state]);

  // Not async up to the permission request: Firefox shows its prompt only inside the click.
  function save(event: Event) {
    event.preventDefault();
    const typed = address.trim();
    if (!typed && !managed) {
      void teamRulesAddressItem.setValue('').then(() => setNotice(ok(t('rulesAddressRemoved'))));
      return;
    }
    const url = allowedAddress(typed);
    if (!url) return setNotice(problem(t('rulesAddressInvalid')));
    const origin = addressOrigin(url);
    void browser.permissions
      .request({ origins: [origin] })
      .catch(() => browser.permissions.contains({ origins: [origin] }).catch(() => false))
      .then(async (granted) => {
        if (!granted) return setNotice(problem(t('rulesAddressDenied', url.host)));
        // The policy's address is not ours to store: only its access was missing, so check it now.
        if (managed) return checkNow();
        // The background sees the change and fetches (team-rules-refresh.ts); the status below follows.
        await teamRulesAddressItem.setValue(url.href);
        setNotice(ok(t('rulesAddressSaved')));
      });
  }

  function allowSites() {
    const rules = state?.rules ?? [];
    void requestRuleAccess(rules).then((granted) => {
      setNotice(granted ? ok(t('rulesAddressSitesAllowed')) : problem(t('rulesPermissionDenied', missingSites.join(', '))));
      setState(state && { ...state });
    });
  }

  async function checkNow() {
    const reply = await callBackground('teamRules.refresh', {});
    if (!reply.ok) setNotice(problem(reply.error.message));
    else setNotice(null);
  }

  return (
    <form onSubmit={save} aria-labelledby="rules-address-heading">
      <h3 id="rules-address-heading">{t('rulesAddressHeading')}</h3>
      <label for="rules-address">{t('rulesAddressLabel')}</label>
      <input
        id="rules-address"
        type="url"
        placeholder="https://example.com/hailer-team-rules.json"
        value={address}
        readOnly={managed}
        aria-describedby="rules-address-hint"
        onInput={(e) => setAddress(e.currentTarget.value)}
      />
      <p id="rules-address-hint" class="hint">
        {managed ? t('rulesAddressManaged') : t('rulesAddressHint')}
      </p>
      {(!managed || state?.problem?.code === 'no_access') && <button type="submit">{managed ? t('rulesAddressAllow') : t('rulesAddressSave')}</button>}
      {state && (
        <>
          <button type="button" onClick={() => void checkNow()}>
            {t('rulesAddressCheck')}
          </button>
          <p class="hint" role="status" aria-live="polite" data-testid="rules-address-status">
            {addressStatus(state)}
          </p>
        </>
      )}
      {missingSites.length > 0 && (
        <p>
          {t('rulesAddressNeedsSites', missingSites.join(', '))}{' '}
          <button type="button" onClick={allowSites}>
            {t('rulesAddressAllowSites')}
          </button>
        </p>
      )}
      <NoticeLine notice={notice} />
    </form>
  );
}
