// The side panel (Chrome's sidePanel, Firefox's sidebar): the compose panel for the customer of the
// tab in front, with the whole thread (50 parts, Earlier for more). It follows tab switches and
// single-page navigation (utils/sidepanel/follow-tab.ts); a draft is saved when the customer
// changes under it, and is there again when the agent comes back.
// The background is asked who the customer is as soon as this script runs, before the first render,
// and the compose panel's code loads beside that question rather than before it.
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { t } from '@/utils/i18n';
import { followActiveTab, type FollowedTab } from '@/utils/sidepanel/follow-tab';

/** The thread shows the last 50 parts; "Earlier" adds as many. */
const THREAD_LENGTH = 50;

/** Headless tests open this page as a tab of its own, so test builds take the tab to start with from `?tab=`. */
const startTab = __HAILER_TEST_BUILD__ ? Number(new URLSearchParams(location.search).get('tab')) || null : null;

const composePanel = import('@/components/ComposePanel').then((m) => m.ComposePanel);
type ComposePanelType = Awaited<typeof composePanel>;

function SidePanel({ followed, ComposePanel }: { followed: FollowedTab; ComposePanel: ComposePanelType | null }) {
  if (followed.state !== 'customer' || !ComposePanel) {
    return (
      <main>
        <p class="hint" role="status">
          {t(followed.state === 'none' ? 'sidePanelNoCustomer' : 'sidePanelLooking')}
        </p>
      </main>
    );
  }
  const { recipient } = followed;
  return (
    <main>
      <ComposePanel
        key={`${recipient.ref.kind}:${recipient.ref.value}:${recipient.workspace ?? ''}:${followed.conversationId ?? ''}`}
        recipient={recipient}
        threadLength={THREAD_LENGTH}
        initialConversationId={followed.conversationId}
        start={followed.start}
        onOpenOptions={() => void browser.runtime.openOptionsPage()}
      />
    </main>
  );
}

const app = document.getElementById('app')!;
let followed: FollowedTab = { state: 'looking', tabId: startTab };
let panel: ComposePanelType | null = null;
const paint = () => render(<SidePanel followed={followed} ComposePanel={panel} />, app);
followActiveTab((next) => {
  followed = next;
  paint();
}, startTab, THREAD_LENGTH);
paint();
void composePanel.then((loaded) => {
  panel = loaded;
  paint();
});
