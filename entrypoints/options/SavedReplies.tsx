// Saved replies in the options page: add, delete, import and export for the team.
import { useEffect, useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import {
  exportSavedRepliesJson,
  parseSavedRepliesJson,
  removeReply,
  savedRepliesItem,
  upsertReplies,
  type SavedReply,
} from '@/utils/saved-replies';

export function SavedReplies() {
  const [replies, setReplies] = useState<SavedReply[]>([]);
  const [name, setName] = useState('');
  const [body, setBody] = useState('');
  const [importText, setImportText] = useState('');
  const [notice, setNotice] = useState('');
  useEffect(() => {
    void savedRepliesItem.getValue().then(setReplies);
    return savedRepliesItem.watch((list) => setReplies(list ?? []));
  }, []);

  async function add(event: Event) {
    event.preventDefault();
    const parsed = parseSavedRepliesJson(JSON.stringify([{ id: `reply-${Date.now().toString(36)}`, name, body }]));
    if (!parsed.ok) return setNotice(parsed.problems.join(' '));
    await upsertReplies(parsed.replies);
    setName('');
    setBody('');
    setNotice(t('repliesSaved'));
  }

  async function importReplies() {
    const parsed = parseSavedRepliesJson(importText);
    if (!parsed.ok) return setNotice(parsed.problems.join(' '));
    await upsertReplies(parsed.replies);
    setImportText('');
    setNotice(t('repliesImported', String(parsed.replies.length)));
  }

  return (
    <section aria-labelledby="replies-heading">
      <h2 id="replies-heading">{t('repliesHeading')}</h2>
      <p class="hint">{t('repliesIntro')}</p>
      <ul aria-label={t('repliesHeading')}>
        {replies.map((r) => (
          <li key={r.id}>
            <strong>{r.name}</strong>{' '}
            <button type="button" aria-label={t('repliesDeleteNamed', r.name)} onClick={() => void removeReply(r.id)}>
              {t('repliesDelete')}
            </button>
          </li>
        ))}
        {replies.length === 0 && <li class="hint">{t('repliesNone')}</li>}
      </ul>
      <form onSubmit={add}>
        <label for="reply-name">{t('repliesName')}</label>
        <input id="reply-name" required maxLength={80} value={name} onInput={(e) => setName(e.currentTarget.value)} />
        <label for="reply-body">{t('repliesBody')}</label>
        <textarea id="reply-body" required rows={4} maxLength={10_000} value={body} onInput={(e) => setBody(e.currentTarget.value)} />
        <button type="submit">{t('repliesAdd')}</button>
      </form>
      <label for="replies-import">{t('repliesImportLabel')}</label>
      <textarea id="replies-import" rows={3} value={importText} onInput={(e) => setImportText(e.currentTarget.value)} />
      <button type="button" disabled={!importText.trim()} onClick={importReplies}>
        {t('repliesImport')}
      </button>
      <a href={`data:application/json;charset=utf-8,${encodeURIComponent(exportSavedRepliesJson(replies))}`} download="hailer-saved-replies.json">
        {t('repliesExport')}
      </a>
      <p role="status" aria-live="polite">
        {notice}
      </p>
    </section>
  );
}
