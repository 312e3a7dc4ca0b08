// The popup's "Scheduled" list: every send waiting in the queue (Send later, and undo windows,
// also those a restart left waiting), soonest first, with Send now, Edit (time and text) and Cancel.
// It reads the queue from storage and follows its changes, so what went out leaves the list.
import { useEffect, useState } from 'preact/hooks';
import { Folded } from './Folded';
import { t } from '@/utils/i18n';
import { callBackground } from '@/utils/messaging';
import { queueItem, type QueuedSend } from '@/utils/compose/queue';
import { fromLocalInput, toLocalInput } from '@/utils/compose/send-later';
import { htmlToMarkup, markupToHtml } from '@/utils/compose/markup';

// A formatted draft is queued as the HTML it will send; the agent reads and edits it as the panel
// shows it (the same light markup), never as tags.
const asText = (draft: QueuedSend['draft']) => (draft.bodyFormat === 'html' ? htmlToMarkup(draft.body) : draft.body);

const when = (at: number) => new Date(at).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
const domId = (id: string) => `q-${id.replace(/[^A-Za-z0-9_-]/g, '_')}`;

export function ScheduledSends() {
  const [queue, setQueue] = useState<QueuedSend[]>([]);
  const [editing, setEditing] = useState<{ id: string; at: string; body: string; html: boolean } | null>(null);
  const [problem, setProblem] = useState('');
  const [unfolded, setUnfolded] = useState(false);
  useEffect(() => {
    const show = (all: Record<string, QueuedSend> | null) => {
      const waiting = Object.values(all ?? {}).sort((a, b) => a.dueAt - b.dueAt);
      setQueue(waiting);
      // Something new to see: unfold it (it stays open after it went out, until the agent folds it).
      if (waiting.length > 0) setUnfolded(true);
    };
    void queueItem.getValue().then(show);
    return queueItem.watch(show);
  }, []);

  async function act(call: 'queue.sendNow' | 'queue.cancel', id: string) {
    const reply = await callBackground(call, { id });
    const done = reply.ok && ('done' in reply.data ? reply.data.done : reply.data.cancelled);
    setProblem(done ? '' : t('scheduledGone'));
  }

  async function saveEdit(event: Event) {
    event.preventDefault();
    if (!editing) return;
    const sendAt = fromLocalInput(editing.at);
    if (sendAt === null || sendAt < Date.now() - 60_000) return setProblem(t('sendLaterTimeInvalid'));
    const body = editing.html ? markupToHtml(editing.body) : editing.body;
    const reply = await callBackground('queue.edit', { id: editing.id, sendAt, body });
    if (!reply.ok) return setProblem(`${reply.error.message} ${reply.error.detail ?? ''}`.trim());
    setProblem(reply.data.edited ? '' : t('scheduledGone'));
    setEditing(null);
  }

  return (
    // Folded under the customer until something is waiting.
    <Folded id="scheduled-heading" class="history" title={t('scheduledHeading')} open={unfolded} onToggle={setUnfolded}>
      <ul aria-labelledby="scheduled-heading">
        {queue.map((q) => (
          <li key={q.id}>
            <span id={domId(q.id)}>
              {t('scheduledTo', [q.to, when(q.dueAt)])}
              {q.kind === 'undo' && ` · ${t('scheduledUndoWindow')}`}
              {q.state === 'sending' && ` · ${t('scheduledSending')}`}
              {' · '}
              {asText(q.draft).slice(0, 80)}
            </span>{' '}
            {q.state === 'waiting' && (
              <>
                <button type="button" aria-describedby={domId(q.id)} onClick={() => void act('queue.sendNow', q.id)}>
                  {t('scheduledSendNow')}
                </button>
                {q.kind === 'scheduled' && (
                  <button type="button" aria-describedby={domId(q.id)} onClick={() => setEditing({ id: q.id, at: toLocalInput(q.dueAt), body: asText(q.draft), html: q.draft.bodyFormat === 'html' })}>
                    {t('scheduledEdit')}
                  </button>
                )}
                <button type="button" aria-describedby={domId(q.id)} onClick={() => void act('queue.cancel', q.id)}>
                  {t('scheduledCancel')}
                </button>
              </>
            )}
            {editing?.id === q.id && (
              <form onSubmit={saveEdit}>
                <label for="scheduled-at">{t('sendLaterAt')}</label>
                <input id="scheduled-at" type="datetime-local" value={editing.at} onInput={(e) => setEditing({ ...editing, at: e.currentTarget.value })} />
                <label for="scheduled-body">{t('panelMessage')}</label>
                <textarea id="scheduled-body" rows={3} value={editing.body} onInput={(e) => setEditing({ ...editing, body: e.currentTarget.value })} />
                <button type="submit">{t('scheduledSave')}</button>
              </form>
            )}
          </li>
        ))}
        {queue.length === 0 && <li class="hint">{t('scheduledNone')}</li>}
      </ul>
      <p role="alert" class="error">
        {problem}
      </p>
    </Folded>
  );
}
