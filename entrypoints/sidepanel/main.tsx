// The side panel (Chrome's sidePanel, Firefox's sidebar): the compose panel for the customer of the
// tab in front, with the whole thread (50 parts, Earlier for more). It follows tab switches and
// single-page navigation (utils/sidepanel/follow-tab.ts); a draft is saved when the customer
// changes under it, and is there again when the agent comes back.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ComposePanel } from '@/components/ComposePanel';
import { t } from '@/utils/i18n';
import { followActiveTab, type FollowedTab } from '@/utils/sidepanel/follow-tab';

/** Headless tests open this page as a tab of its own, so test builds take the tab to start with from `?tab=`. */
const startTab = __HAILER_TEST_BUILD__ ? Number(new URLSearchParams(location.search).get('tab')) || null : null;

function SidePanel() {
  const [followed, setFollowed] = useState<FollowedTab>({ state: 'looking', tabId: null });
  useEffect(() => followActiveTab(setFollowed, startTab), []);
  if (followed.state !== 'customer') {
    return (
      <main>
        <p class="hint" role="status">
          {t(followed.state === 'looking' ? 'sidePanelLooking' : 'sidePanelNoCustomer')}
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
        threadLength={50}
        initialConversationId={followed.conversationId}
        onOpenOptions={() => void browser.runtime.openOptionsPage()}
      />
    </main>
  );
}

render(<SidePanel />, document.getElementById('app')!);
