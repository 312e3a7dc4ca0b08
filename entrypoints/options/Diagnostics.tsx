// One line under the connection settings that says how Hailer talks to the connected workspace,
// so an agent (or whoever helps them) can see what Hailer learned about it without opening DevTools.
import { useEffect, useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import { workspaceItem, type Workspace } from '@/utils/settings';
import { inAppNamesItem, type InAppName } from '@/utils/intercom/message-type';

export function Diagnostics() {
  const [workspace, setWorkspace] = useState<Workspace | null>(null);
  const [names, setNames] = useState<Record<string, InAppName>>({});
  useEffect(() => {
    void workspaceItem.getValue().then(setWorkspace);
    void inAppNamesItem.getValue().then(setNames);
    const unwatch = [workspaceItem.watch(setWorkspace), inAppNamesItem.watch((value) => setNames(value ?? {}))];
    return () => unwatch.forEach((stop) => stop());
  }, []);
  if (!workspace) return null;
  const inAppName = names[workspace.id] ?? 'in_app';
  return (
    <p class="hint" id="diagnostics">
      {t('optionsDiagnostics', [workspace.name, workspace.id])}{' '}
      {inAppName === 'in_app' ? t('optionsDiagnosticsInAppSchema') : t('optionsDiagnosticsInAppFallback')}
    </p>
  );
}
