// The history's workspace filter: with two or more workspaces, the agent can list the sends of one.
import { useEffect, useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import { readWorkspaces, workspacesItem, type WorkspaceConfig } from '@/utils/storage/workspaces';
import type { HistoryEntry } from '@/utils/compose/history';

export function HistoryWorkspaceFilter({ value, onChange }: { value: string; onChange(workspaceId: string): void }) {
  const [list, setList] = useState<WorkspaceConfig[]>([]);
  useEffect(() => {
    const load = () => void readWorkspaces().then((state) => setList(state.list));
    load();
    return workspacesItem.watch(load);
  }, []);
  if (list.length < 2) return null;
  return (
    <>
      <label for="history-workspace">{t('historyWorkspaceFilter')}</label>
      <select id="history-workspace" value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="">{t('historyWorkspaceAll')}</option>
        {list.map((ws) => (
          <option value={ws.id}>{ws.name}</option>
        ))}
      </select>
    </>
  );
}

/** The entries sent through that workspace ('' = all). */
export const inWorkspace = (list: HistoryEntry[], workspaceId: string) => (workspaceId ? list.filter((e) => e.workspaceId === workspaceId) : list);
