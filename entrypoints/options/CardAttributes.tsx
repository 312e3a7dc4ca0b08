// Options: the contact attributes the team shows on the contact card (up to 6), chosen from the
// workspace's contact data attributes (GET /data_attributes?model=contact, through the background).
// With several workspaces, each has its own choice: their custom attributes differ.
import { useEffect, useState } from 'preact/hooks';
import { callBackground } from '@/utils/messaging';
import { t } from '@/utils/i18n';
import { chosenCardAttributes, saveCardAttributes } from '@/utils/storage/card-attributes';
import { workspacesItem, type WorkspacesState } from '@/utils/storage/workspaces';
import type { CardAttribute } from '@/utils/intercom/card';

const MAX = 6;

export function CardAttributes() {
  const [workspaces, setWorkspaces] = useState<WorkspacesState | null>(null);
  /** The workspace whose choice is shown; undefined with one workspace (the shared choice). */
  const [workspaceId, setWorkspaceId] = useState<string | undefined>(undefined);
  const [chosen, setChosen] = useState<CardAttribute[]>([]);
  const [available, setAvailable] = useState<CardAttribute[] | null>(null);
  const [notice, setNotice] = useState('');
  useEffect(() => {
    const take = (state: WorkspacesState | null) => {
      setWorkspaces(state);
      setWorkspaceId((current) => (state && state.list.length > 1 ? (state.list.some((w) => w.id === current) ? current : state.defaultId) : undefined));
    };
    void workspacesItem.getValue().then(take);
    return workspacesItem.watch(take);
  }, []);
  useEffect(() => {
    setAvailable(null);
    void chosenCardAttributes(workspaceId).then(setChosen);
  }, [workspaceId]);

  async function load() {
    setNotice('');
    const reply = await callBackground('dataAttributes.list', {}, workspaceId);
    if (!reply.ok) return setNotice([reply.error.message, reply.error.action].join(' '));
    setAvailable(reply.data.attributes);
  }

  function toggle(attribute: CardAttribute, on: boolean) {
    if (on && chosen.length >= MAX) return setNotice(t('cardAttributesTooMany'));
    setNotice('');
    setChosen(on ? [...chosen, attribute] : chosen.filter((a) => a.name !== attribute.name));
  }

  async function save() {
    await saveCardAttributes(chosen.slice(0, MAX), workspaceId);
    setNotice(t('cardAttributesSaved'));
  }

  // Chosen attributes stay listed even before the workspace's list is loaded.
  const shown = [...chosen, ...(available ?? []).filter((a) => !chosen.some((c) => c.name === a.name))];
  return (
    <section class="card stack card-attributes" aria-labelledby="card-attributes-heading">
      <h2 id="card-attributes-heading">{t('cardAttributesHeading')}</h2>
      <p class="hint">{t('cardAttributesIntro')}</p>
      {workspaceId && workspaces && (
        <>
          <label for="card-attributes-workspace">{t('cardAttributesWorkspace')}</label>
          <select id="card-attributes-workspace" value={workspaceId} onChange={(e) => setWorkspaceId(e.currentTarget.value)}>
            {workspaces.list.map((w) => (
              <option key={w.id} value={w.id}>
                {w.name}
              </option>
            ))}
          </select>
        </>
      )}
      <button type="button" onClick={() => void load()}>
        {t('cardAttributesLoad')}
      </button>
      {shown.length > 0 && (
        <fieldset>
          <legend>{t('cardAttributesList')}</legend>
          {shown.map((a) => (
            <label key={a.name}>
              <input type="checkbox" checked={chosen.some((c) => c.name === a.name)} onChange={(e) => toggle(a, e.currentTarget.checked)} /> {a.label}{' '}
              <code>{a.name}</code>
            </label>
          ))}
        </fieldset>
      )}
      <button type="button" onClick={() => void save()}>
        {t('cardAttributesSave')}
      </button>
      <p role="status" aria-live="polite">
        {notice}
      </p>
    </section>
  );
}
