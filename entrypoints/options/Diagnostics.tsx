// One line under the connection settings that says how Hailer talks to the connected workspace,
// so an agent (or whoever helps them) can see what Hailer learned about it without opening DevTools.
import { useEffect, useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import { pickWorkspace, readWorkspaces, workspacesItem, type WorkspaceConfig } from '@/utils/storage/workspaces';
import { inAppNamesItem, type InAppName } from '@/utils/intercom/message-type';
import { unreadableAnswersItem } from '@/utils/intercom/unreadable-answers';
import type { UnreadableAnswer } from '@/utils/intercom/client';

export function Diagnostics() {
  const [workspace, setWorkspace] = useState<WorkspaceConfig | null>(null);
  const [names, setNames] = useState<Record<string, InAppName>>({});
  const [unreadable, setUnreadable] = useState<Record<string, UnreadableAnswer>>({});
  useEffect(() => {
    // The default workspace, once GET /me has named it.
    const show = () => void readWorkspaces().then((all) => setWorkspace(pickWorkspace(all)));
    show();
    void inAppNamesItem.getValue().then(setNames);
    void unreadableAnswersItem.getValue().then(setUnreadable);
    const unwatch = [
      workspacesItem.watch(show),
      inAppNamesItem.watch((value) => setNames(value ?? {})),
      unreadableAnswersItem.watch((value) => setUnreadable(value ?? {})),
    ];
    return () => unwatch.forEach((stop) => stop());
  }, []);
  if (!workspace?.idCode) return null;
  const inAppName = names[workspace.idCode] ?? 'in_app';
  // The last answer Hailer could not read: operation and fields only (never a value).
  const lastUnreadable = unreadable[workspace.id];
  return (
    <p class="hint" id="diagnostics">
      {t('optionsDiagnostics', [workspace.name, workspace.idCode])}{' '}
      {inAppName === 'in_app' ? t('optionsDiagnosticsInAppSchema') : t('optionsDiagnosticsInAppFallback')}
      {lastUnreadable &&
        ` ${t('optionsDiagnosticsUnreadable', [new Date(lastUnreadable.at).toLocaleString(), lastUnreadable.operation, lastUnreadable.fields.join('; ')])}`}
    </p>
  );
}
