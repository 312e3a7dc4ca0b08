// The panel's workspace: its name in the agent's colour, and the "Workspace" select to send this
// message through another one (the page's mapping chose the first). Switching re-resolves the
// recipient in the new workspace; the panel says so. A page that names a workspace Hailer does not
// have gets none: the badge says which one it asked for, and the select waits for the agent's choice.
import { t } from '@/utils/i18n';
import type { WireError } from '@/utils/protocol';

export interface WorkspaceChoice {
  id: string;
  name: string;
  colour: string;
}

export function WorkspaceSwitch({ current, choices, unknown, onSwitch }: { current: WorkspaceChoice | null; choices: WorkspaceChoice[]; unknown?: string; onSwitch(id: string): void }) {
  return (
    <div class="workspace-switch">
      {current ? (
        <span class="workspace-badge" style={{ borderLeft: `6px solid ${current.colour}`, paddingLeft: '6px' }}>
          {current.name}
        </span>
      ) : (
        <span class="workspace-badge">{t('workspaceAskedBadge', unknown ?? '')}</span>
      )}
      {(choices.length > 1 || !current) && (
        <>
          <label for="hailer-workspace">{t('panelWorkspace')}</label>{' '}
          <select id="hailer-workspace" value={current?.id ?? ''} onChange={(e) => e.currentTarget.value && onSwitch(e.currentTarget.value)}>
            {!current && (
              <option value="" disabled>
                {t('workspaceChoose')}
              </option>
            )}
            {choices.map((c) => (
              <option value={c.id}>{c.name}</option>
            ))}
          </select>
        </>
      )}
    </div>
  );
}

/** What the panel says when its page names a workspace that is not set up (nothing is looked up or sent). */
export function unknownWorkspaceProblem(hint: string): WireError {
  return { code: 'workspace_unknown', message: t('workspaceAsked', hint), action: t('workspaceAskedAction') };
}
