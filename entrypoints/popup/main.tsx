// The toolbar popup: quick-send to the customer detected in the active tab, or to whoever the agent
// types; and the sent history (folded). Sends belong to the background, so closing the popup mid-send
// neither cancels nor loses them: the outcome lands in the history.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ComposePanel } from '@/components/ComposePanel';
import { ScheduledSends } from '@/components/ScheduledSends';
import { Folded } from '@/components/Folded';
import { t } from '@/utils/i18n';
import { parseRecipientInput } from '@/utils/compose/recipient-input';
import { historyItem, searchHistory, type HistoryEntry } from '@/utils/compose/history';
import { HistoryWorkspaceFilter, inWorkspace } from './HistoryWorkspaceFilter';
import type { DetectedRecipient } from '@/utils/protocol';
import { People, startTeaching, type PageWorkspace } from './People';
import { chooseWorkspace, setWorkspaceHint } from '@/utils/messaging';
import { openSidePanel } from '@/utils/sidepanel/open';
import { chooseForTab } from '@/utils/sidepanel/tab-customer';

/** The recipient given in the URL (the context menu's window) or detected in the active tab. */
async function initialRecipient(): Promise<DetectedRecipient | null> {
  const params = new URLSearchParams(location.search);
  const given = params.get('value');
  if (given) {
    const ref = parseRecipientInput(given);
    if (!('error' in ref)) return { ref };
  }
  const tabId = await pageTabId();
  if (tabId === null) return null;
  const detected = (await browser.tabs.sendMessage(tabId, { hailer: 1, event: 'detected' }).catch(() => null)) as DetectedRecipient | null;
  return detected?.ref ? detected : null;
}

/** The tab the popup is about. Headless tests open the popup as a tab of its own, so test builds take `?tab=`. */
async function pageTabId(): Promise<number | null> {
  const forced = __HAILER_TEST_BUILD__ ? Number(new URLSearchParams(location.search).get('tab')) : 0;
  if (forced) return forced;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

/** The side panel for this window; `chosen`: someone other than the page's customer, chosen here (People on this page), for the page's tab. */
async function openInSidePanel(tabId: number | null, chosen: DetectedRecipient | null): Promise<boolean> {
  // Asked for before anything is awaited: Firefox lets only the click's own handler open its sidebar.
  const opened = await (tabId !== null ? openSidePanel({ tabId }) : browser.windows.getCurrent().then((w) => openSidePanel({ windowId: w.id })));
  if (tabId !== null && chosen) await chooseForTab(tabId, chosen);
  return opened;
}

function Popup() {
  const [recipient, setRecipient] = useState<DetectedRecipient | null>(null);
  const [input, setInput] = useState('');
  const [inputError, setInputError] = useState('');
  const [history, setHistory] = useState<HistoryEntry[]>([]);
  const [query, setQuery] = useState('');
  const [historyWorkspace, setHistoryWorkspace] = useState('');
  const [historyOpen, setHistoryOpen] = useState(false);
  // Who the page is about, once known (null: nobody detected); the scan waits for it to list it first.
  const [page, setPage] = useState<{ tabId: number | null; detected: DetectedRecipient | null } | null>(null);
  const [teachProblem, setTeachProblem] = useState('');
  // The tab's workspace, once People on this page has asked (the panel waits for it, so it never
  // starts in the default workspace for a page that uses another one).
  const [pageWorkspace, setPageWorkspace] = useState<PageWorkspace | null>(null);
  function onPageWorkspace(found: PageWorkspace) {
    if ('unknown' in found) setWorkspaceHint(found.unknown);
    else if (found.id) chooseWorkspace(found.id);
    setPageWorkspace(found);
  }
  const fromMenu = new URLSearchParams(location.search).has('value');
  const [sidePanelRefused, setSidePanelRefused] = useState(false);

  useEffect(() => {
    void Promise.all([pageTabId(), initialRecipient()]).then(([tabId, detected]) => {
      if (detected) setRecipient(detected);
      if (!fromMenu) setPage({ tabId, detected });
    });
    void historyItem.getValue().then(setHistory);
    return historyItem.watch((list) => setHistory(list ?? []));
  }, []);

  function lookUp(event: Event) {
    event.preventDefault();
    const ref = parseRecipientInput(input);
    if ('error' in ref) return setInputError(t(ref.error === 'empty' ? 'popupRecipientEmpty' : 'popupRecipientInvalid'));
    setInputError('');
    setRecipient({ ref });
  }

  // The customer first: the panel (its card line), then People on this page and anyone typed;
  // Scheduled and the sent history folded below.
  return (
    <main>
      {recipient && page && !pageWorkspace ? null : recipient ? (
        <ComposePanel key={`${recipient.ref.kind}:${recipient.ref.value}`} recipient={recipient} onOpenOptions={() => void browser.runtime.openOptionsPage()} />
      ) : (
        <p class="hint">{t('popupNoRecipient')}</p>
      )}
      {page && <People tabId={page.tabId} detected={page.detected} chosen={recipient} onChoose={setRecipient} onWorkspace={onPageWorkspace} />}
      <form class="lookup" onSubmit={lookUp}>
        <label for="recipient">{t('popupRecipient')}</label>
        <div class="inline">
          <input
            id="recipient"
            value={input}
            placeholder={recipient ? recipient.displayName ?? recipient.ref.value : 'jane@example.com'}
            aria-describedby="recipient-error"
            onInput={(e) => setInput(e.currentTarget.value)}
          />
          <button type="submit">{t('popupLookUp')}</button>
        </div>
        <p id="recipient-error" class="error" role="alert">
          {inputError}
        </p>
      </form>
      <button type="button" class="open-side-panel" onClick={() => void openInSidePanel(page?.tabId ?? null, recipient && recipient.ref.value !== page?.detected?.ref.value ? recipient : null).then((opened) => (opened ? window.close() : setSidePanelRefused(true)))}>
        {t('sidePanelOpen')}
      </button>
      {sidePanelRefused && (
        <p class="hint" role="status">
          {t('sidePanelRefused')}
        </p>
      )}
      {page && (
        <div class="teach">
          <button
            type="button"
            onClick={() =>
              void startTeaching(page.tabId).then((ok) => (ok ? window.close() : setTeachProblem(t('teachCannotRun'))))
            }
          >
            {t('teachButton')}
          </button>
          <p class="error" role="alert">
            {teachProblem}
          </p>
        </div>
      )}
      <ScheduledSends />
      <Folded id="history-heading" class="history" title={t('historyHeading')} open={historyOpen} onToggle={setHistoryOpen}>
        <label for="history-search">{t('historySearch')}</label>
        <input id="history-search" type="search" value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
        <HistoryWorkspaceFilter value={historyWorkspace} onChange={setHistoryWorkspace} />
        <ul>
          {searchHistory(inWorkspace(history, historyWorkspace), query)
            .slice(0, 50)
            .map((e) => (
              <li key={`${e.at}-${e.ref.value}`}>
                <time dateTime={new Date(e.at * 1000).toISOString()}>{new Date(e.at * 1000).toLocaleString()}</time> · {e.to} ·{' '}
                {e.kind ? t(`historyKind_${e.kind}`) : t(e.channel === 'email' ? 'panelEmail' : 'panelInApp')} ·{' '}
                {e.bulk ? (
                  <span class="status">{t('bulkProgress', [String(e.bulk.sent), String(e.bulk.skipped), String(e.bulk.failed), String(e.bulk.cancelled)])}</span>
                ) : (
                  <span class={`status ${e.status}`}>{t(`historyStatus_${e.status}`)}</span>
                )}
                {e.conversationUrl && (
                  <>
                    {' '}
                    <a href={e.conversationUrl} target="_blank" rel="noopener noreferrer">
                      {t('panelOpenConversation')}
                    </a>
                  </>
                )}
                {e.draft && (
                  <button type="button" onClick={() => setRecipient({ ref: e.ref, displayName: e.to })}>
                    {t('historyReopen')}
                  </button>
                )}
              </li>
            ))}
        </ul>
      </Folded>
    </main>
  );
}

render(<Popup />, document.getElementById('app')!);
