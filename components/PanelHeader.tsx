// The compose panel's header: who the message is to, the workspace it goes to (and the switch), and
// the host's buttons: Open in side panel, Teach Hailer this page, close. The side panel's button
// says here when the browser would not open it.
import { useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import { WorkspaceSwitch } from './WorkspaceSwitch';
import type { PanelStatus } from './useRecipient';

export interface PanelHeaderProps {
  name: string;
  status: PanelStatus | null;
  /** The agent switched workspace for this message: said once the status names it. */
  switched: boolean;
  onSwitchWorkspace(id: string): void;
  onOpenSidePanel?: () => Promise<boolean>;
  onTeach?: () => void;
  onClose?: () => void;
}

export function PanelHeader({ name, status, switched, onSwitchWorkspace, onOpenSidePanel, onTeach, onClose }: PanelHeaderProps) {
  const [sidePanelRefused, setSidePanelRefused] = useState(false);
  return (
    <>
      <header>
        <h2 id="hailer-title">{t('panelTitle', name)}</h2>
        {status?.workspaces && <WorkspaceSwitch current={status.workspaces.current} choices={status.workspaces.choices} unknown={status.workspaces.unknown} onSwitch={onSwitchWorkspace} />}
        {switched && status?.workspaces?.current && (
          <p class="hint" aria-live="polite">
            {t('panelWorkspaceSwitched', status.workspaces.current.name)}
          </p>
        )}
        {onOpenSidePanel && (
          <button type="button" class="teach" onClick={() => void onOpenSidePanel().then((opened) => setSidePanelRefused(!opened))}>
            {t('sidePanelOpen')}
          </button>
        )}
        {onTeach && (
          <button type="button" class="teach" onClick={onTeach}>
            {t('teachButton')}
          </button>
        )}
        {onClose && (
          <button type="button" class="close" aria-label={t('panelClose')} onClick={onClose}>
            ×
          </button>
        )}
      </header>
      {sidePanelRefused && (
        <p class="hint" role="status">
          {t('sidePanelRefused')}
        </p>
      )}
    </>
  );
}
