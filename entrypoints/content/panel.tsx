// The compose panel chunk: built apart from the content script (modules/panel-chunk.ts) and imported
// by the launcher (./launcher.ts) on first open. It brings Preact, the panel and the panel's styles.
import { render } from 'preact';
import { ComposePanel } from '@/components/ComposePanel';
import type { DetectedRecipient } from '@/utils/protocol';
import { callBackground, setWorkspaceHint } from '@/utils/messaging';
import panelStyles from './style.css?inline';
import extraStyles from './compose-extras.css?inline';

const styles = panelStyles + extraStyles;

const styled = new WeakSet<Node>();

export function renderPanel(slot: HTMLElement, props: { recipient: DetectedRecipient; onClose(): void; canTeach?: boolean } | null): void {
  const root = slot.getRootNode();
  if (!styled.has(root) && (root instanceof ShadowRoot || root instanceof Document)) {
    const style = document.createElement('style');
    style.textContent = styles;
    (root instanceof ShadowRoot ? root : root.head).prepend(style);
    styled.add(root);
  }
  const { recipient, onClose, canTeach } = props ?? {};
  // The workspace the page or its rule names goes with every call; the background decides what it means.
  if (recipient) setWorkspaceHint(recipient.workspace);
  // The picker needs the page to itself: the panel closes (its draft is saved) while the agent picks.
  const onTeach = canTeach && onClose ? () => void callBackground('teach.inTab', {}).then((r) => r.ok && r.data.started && onClose()) : undefined;
  const onOpenSidePanel = () => callBackground('sidepanel.open', {}).then((r) => r.ok && r.data.opened);
  render(
    recipient && onClose ? (
      <ComposePanel key={`${recipient.ref.kind}:${recipient.ref.value}:${recipient.workspace ?? ''}`} recipient={recipient} onClose={onClose} onTeach={onTeach} onOpenSidePanel={onOpenSidePanel} />
    ) : null,
    slot,
  );
}
