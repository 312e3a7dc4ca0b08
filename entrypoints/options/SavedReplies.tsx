// Saved replies in the options page: add, edit and delete them, and share them with the team as a
// JSON file (import merges by id, export downloads every reply). With several workspaces a reply can be
// kept to one of them.
import { useEffect, useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import { NoticeLine, ok, problem, type Notice } from '@/components/NoticeLine';
import {
  exportSavedRepliesJson,
  MAX_REPLIES,
  parseSavedRepliesJson,
  removeReply,
  replyProblems,
  savedRepliesItem,
  upsertReply,
  type SavedReply,
} from '@/utils/compose/saved-replies';
import { workspacesItem, type WorkspaceConfig } from '@/utils/storage/workspaces';

type Form = { id: string | null; name: string; body: string; channel: '' | 'in_app' | 'email'; subject: string; workspace: string };
const emptyForm: Form = { id: null, name: '', body: '', channel: '', subject: '', workspace: '' };

function toReply(form: Form): SavedReply {
  return {
    id: form.id ?? `reply-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`,
    name: form.name.trim(),
    body: form.body,
    ...(form.channel ? { channel: form.channel } : {}),
    ...(form.subject.trim() ? { subject: form.subject.trim() } : {}),
    ...(form.workspace ? { workspace: form.workspace } : {}),
  };
}

export function SavedReplies() {
  const [replies, setReplies] = useState<SavedReply[]>([]);
  const [form, setForm] = useState<Form>(emptyForm);
  const [importText, setImportText] = useState('');
  const [notice, setNotice] = useState<Notice>(null);
  const [workspaces, setWorkspaces] = useState<WorkspaceConfig[]>([]);
  useEffect(() => {
    void savedRepliesItem.getValue().then(setReplies);
    void workspacesItem.getValue().then((state) => setWorkspaces(state?.list ?? []));
    const unwatch = workspacesItem.watch((state) => setWorkspaces(state?.list ?? []));
    const unwatchReplies = savedRepliesItem.watch((list) => setReplies(list ?? []));
    return () => (unwatch(), unwatchReplies());
  }, []);
  // A reply is kept to a workspace by its Intercom id code, known once its token was saved (GET /me).
  const scopes = workspaces.filter((w): w is WorkspaceConfig & { idCode: string } => !!w.idCode);
  const scopeName = (code: string) => scopes.find((w) => w.idCode === code)?.name ?? code;
  const patch = (p: Partial<Form>) => setForm((f) => ({ ...f, ...p }));

  // Reads storage again rather than the list on screen, in case another options tab changed it.
  async function store(change: (list: SavedReply[]) => SavedReply[], done: string): Promise<boolean> {
    try {
      const next = change(await savedRepliesItem.getValue());
      if (next.length > MAX_REPLIES) {
        setNotice(problem(t('repliesProblem_too_many', String(MAX_REPLIES))));
        return false;
      }
      await savedRepliesItem.setValue(next);
      setReplies(next);
      setNotice(ok(done));
      return true;
    } catch {
      setNotice(problem(t('repliesFailed')));
      return false;
    }
  }

  async function save(event: Event) {
    event.preventDefault();
    const reply = toReply(form);
    const problems = replyProblems(reply);
    if (problems.length) return setNotice(problem(problems.join(' ')));
    if (await store((list) => upsertReply(list, reply), t('repliesSaved'))) setForm(emptyForm);
  }

  async function importReplies() {
    const parsed = parseSavedRepliesJson(importText);
    if (!parsed.ok) return setNotice(problem(parsed.problems.join(' ')));
    if (await store((list) => parsed.replies.reduce(upsertReply, list), t('repliesImported', String(parsed.replies.length)))) setImportText('');
  }

  const edit = (r: SavedReply) => setForm({ id: r.id, name: r.name, body: r.body, channel: r.channel ?? '', subject: r.subject ?? '', workspace: r.workspace ?? '' });

  return (
    <section class="card stack" aria-labelledby="replies-heading">
      <h2 id="replies-heading">{t('repliesHeading')}</h2>
      <p class="hint">{t('repliesIntro')}</p>
      <ul aria-label={t('repliesListLabel')}>
        {replies.map((r) => (
          <li key={r.id}>
            <strong>{r.name}</strong> {r.workspace && <span class="hint">{t('repliesWorkspaceOnly', scopeName(r.workspace))}</span>}{' '}
            <button type="button" aria-label={t('repliesEditNamed', r.name)} onClick={() => edit(r)}>
              {t('repliesEdit')}
            </button>
            <button type="button" aria-label={t('repliesDeleteNamed', r.name)} onClick={() => void store((list) => removeReply(list, r.id), t('repliesDeleted'))}>
              {t('repliesDelete')}
            </button>
          </li>
        ))}
        {replies.length === 0 && <li class="hint">{t('repliesNone')}</li>}
      </ul>

      <form onSubmit={save} aria-labelledby="reply-form-heading">
        <h3 id="reply-form-heading">{form.id ? t('repliesEditHeading', form.name) : t('repliesFormHeading')}</h3>
        <label for="reply-name">{t('repliesName')}</label>
        <input id="reply-name" required maxLength={80} value={form.name} onInput={(e) => patch({ name: e.currentTarget.value })} />
        <label for="reply-body">{t('repliesBody')}</label>
        <textarea id="reply-body" required rows={5} maxLength={10_000} value={form.body} onInput={(e) => patch({ body: e.currentTarget.value })} />
        <label for="reply-channel">{t('repliesChannel')}</label>
        <select id="reply-channel" value={form.channel} onChange={(e) => patch({ channel: e.currentTarget.value as Form['channel'] })}>
          <option value="">{t('repliesChannelAny')}</option>
          <option value="in_app">{t('repliesChannelInApp')}</option>
          <option value="email">{t('repliesChannelEmail')}</option>
        </select>
        <label for="reply-subject">{t('repliesSubject')}</label>
        <input id="reply-subject" maxLength={255} value={form.subject} onInput={(e) => patch({ subject: e.currentTarget.value })} />
        {(workspaces.length > 1 || form.workspace) && (
          <>
            <label for="reply-workspace">{t('repliesWorkspace')}</label>
            <select id="reply-workspace" value={form.workspace} onChange={(e) => patch({ workspace: e.currentTarget.value })}>
              <option value="">{t('repliesWorkspaceAll')}</option>
              {scopes.map((w) => (
                <option key={w.idCode} value={w.idCode}>
                  {w.name}
                </option>
              ))}
              {form.workspace && !scopes.some((w) => w.idCode === form.workspace) && <option value={form.workspace}>{form.workspace}</option>}
            </select>
          </>
        )}
        <button type="submit">{form.id ? t('repliesSave') : t('repliesAdd')}</button>
        {form.id && (
          <button type="button" onClick={() => setForm(emptyForm)}>
            {t('repliesCancelEdit')}
          </button>
        )}
      </form>

      <h3>{t('repliesShareHeading')}</h3>
      <label for="replies-import">{t('repliesImportLabel')}</label>
      <p id="replies-import-hint" class="hint">
        {t('repliesImportHint')}
      </p>
      <textarea id="replies-import" rows={4} aria-describedby="replies-import-hint" value={importText} onInput={(e) => setImportText(e.currentTarget.value)} />
      <button type="button" disabled={!importText.trim()} onClick={() => void importReplies()}>
        {t('repliesImport')}
      </button>{' '}
      <a href={`data:application/json;charset=utf-8,${encodeURIComponent(exportSavedRepliesJson(replies))}`} download="hailer-saved-replies.json">
        {t('repliesExport')}
      </a>
      <NoticeLine notice={notice} />
    </section>
  );
}
