// The panel's workspace: its name in the agent's colour, and the "Workspace" select to send this
// message through another one (the page's mapping chose the first). Switching re-resolves the
// recipient in the new workspace; the panel says so.
import { t } from '@/utils/i18n';

export interface WorkspaceChoice {
  id: string;
  name: string;
  colour: string;
}

export function WorkspaceSwitch({ current, choices, onSwitch }: { current: WorkspaceChoice; choices: WorkspaceChoice[]; onSwitch(id: string): void }) {
  return (
    <div class="workspace-switch">
      <span class="workspace-badge" style={{ borderLeft: `6px solid ${current.colour}`, paddingLeft: '6px' }}>
        {current.name}
      </span>
      {choices.length > 1 && (
        <>
          <label for="hailer-workspace">{t('panelWorkspace')}</label>{' '}
          <select id="hailer-workspace" value={current.id} onChange={(e) => onSwitch(e.currentTarget.value)}>
            {choices.map((c) => (
              <option value={c.id}>{c.name}</option>
            ))}
          </select>
        </>
      )}
    </div>
  );
}
