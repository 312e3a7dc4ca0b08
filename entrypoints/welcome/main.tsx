// The first run (opened once, on install): paste the token, Connect, and the background finds the
// workspace's region (utils/intercom/find-region.ts). The token goes straight to the background; this
// page never keeps it after the click.
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { callBackground } from '@/utils/messaging';
import { t } from '@/utils/i18n';
import { connectProblem } from '@/utils/onboarding/connect-problem';
import { NoticeLine, ok, problem, type Notice } from '@/components/NoticeLine';
import { TokenField } from '@/components/TokenField';

function Welcome() {
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const [connected, setConnected] = useState(false);

  async function connect(event: Event) {
    event.preventDefault();
    if (busy || !token.trim()) return;
    setBusy(true);
    setNotice(ok(t('welcomeConnecting')));
    const reply = await callBackground('connection.find', { token: token.trim() });
    setBusy(false);
    if (!reply.ok) return setNotice(problem(connectProblem(reply.error)));
    setToken('');
    setNotice(ok(t('welcomeConnected', [reply.data.workspace.name, reply.data.admin.name])));
    setConnected(true);
  }

  return (
    <main class="page stack welcome">
      <h1>{t('welcomeTitle')}</h1>
      <form class="card stack" onSubmit={connect} aria-busy={busy}>
        <p>{t('welcomeIntro')}</p>
        <TokenField value={token} onInput={setToken} describedBy="token-where token-scopes" />
        <p id="token-where" class="hint">{t('welcomeTokenWhere')}</p>
        <p id="token-scopes" class="hint">{t('welcomeTokenScopes')}</p>
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            {t('welcomeConnect')}
          </button>
        </div>
        <NoticeLine notice={notice} />
      </form>
      {connected && (
        <p class="card next-step">{t('welcomeNextStep')}</p>
      )}
      <p class="hint">
        {t('welcomeMoreSettings')}{' '}
        <a href={browser.runtime.getURL('/options.html')}>{t('welcomeOpenOptions')}</a>
      </p>
    </main>
  );
}

render(<Welcome />, document.getElementById('app')!);
