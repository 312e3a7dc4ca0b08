// Options, one section per concern, each saving on its own and saying so where it stands:
// Connection, Sending, People and pages, Workspaces, Contact card, Saved replies.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { callBackground } from '@/utils/messaging';
import { t } from '@/utils/i18n';
import { loadSettings, saveSettings, type Settings } from '@/utils/storage/settings';
import { connectionOf, pickWorkspace, readWorkspaces, updateWorkspace } from '@/utils/storage/workspaces';
import type { AdminSummary } from '@/utils/protocol';
import { Connection } from './Connection';
import { Sending } from './Sending';
import { PeopleAndPages } from './PeopleAndPages';
import { SavedReplies } from './SavedReplies';
import { Workspaces } from './Workspaces';
import { CardAttributes } from './CardAttributes';

function Options() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [admins, setAdmins] = useState<AdminSummary[]>([]);

  const refreshAdmins = async () => {
    const reply = await callBackground('admins.list', {});
    setAdmins(reply.ok ? reply.data.admins : []);
  };

  useEffect(() => {
    // The connection fields and "Send as" are the default workspace's; the rest are shared settings.
    void Promise.all([loadSettings(), readWorkspaces()]).then(([shared, workspaces]) => setSettings({ ...shared, ...connectionOf(pickWorkspace(workspaces)) }));
    void refreshAdmins();
  }, []);

  if (!settings) return null;

  async function change(patch: Partial<Settings>) {
    setSettings((current) => current && { ...current, ...patch });
    const { sendAsAdminId, ...shared } = patch;
    if (sendAsAdminId !== undefined) await updateWorkspace((await readWorkspaces()).defaultId, { sendAsAdminId });
    if (Object.keys(shared).length) await saveSettings(shared);
  }

  return (
    <main class="page stack">
      <h1>{t('optionsTitle')}</h1>
      <Connection initial={settings} onConnected={() => void refreshAdmins()} />
      <Sending settings={settings} admins={admins} onChange={change} />
      <PeopleAndPages settings={settings} admins={admins} onChange={change} />
      <Workspaces />
      <CardAttributes />
      <SavedReplies />
    </main>
  );
}

render(<Options />, document.getElementById('app')!);
