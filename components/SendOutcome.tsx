// What became of the send, under the Send button: sending, waiting out the undo window, undone,
// scheduled, sent (with the link into the conversation), a reply that met newer parts, or failed
// (with Retry, or "Send again" when it may have gone out). And how the panel states a problem.
import { t } from '@/utils/i18n';
import type { WireError } from '@/utils/protocol';
import { CollisionNotice } from './ConversationPicker';
import type { Phase } from './phase';

export interface SendOutcomeProps {
  phase: Phase;
  undoSeconds: number;
  /** `confirmResend`: the agent was told it may have been sent and sends again anyway. */
  onRetry(event: Event, confirmResend: boolean): void;
  /** A reply whose conversation moved on since the agent read it: send it anyway. */
  onSendAnyway(event: Event): void;
  onOpenOptions?: () => void;
}

export function SendOutcome({ phase, undoSeconds, onRetry, onSendAnyway, onOpenOptions }: SendOutcomeProps) {
  return (
    <>
      <div class="outcome" role="status" aria-live="polite">
        {phase.name === 'sending' && t('panelSending')}
        {phase.name === 'waiting' && t('panelWaiting', String(undoSeconds))}
        {phase.name === 'undone' && t('error_cancelled')}
        {phase.name === 'scheduled' && t('sendLaterScheduled', new Date(phase.at).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' }))}
        {phase.name === 'sent' && (
          <>
            {phase.words ?? t('panelSent')}{' '}
            <a href={phase.url} target="_blank" rel="noopener noreferrer">
              {t('panelOpenConversation')}
            </a>
          </>
        )}
      </div>
      {phase.name === 'sent' && phase.followUpError && (
        <p class="problem" role="alert">
          {t('panelFollowUpFailed', [phase.followUpError.message, phase.followUpError.action])}
        </p>
      )}
      {phase.name === 'sent' && phase.copies && (
        <p class="problem" role="alert">
          {t('panelReplyCopies', String(phase.copies))}
        </p>
      )}
      {phase.name === 'collision' && <CollisionNotice parts={phase.parts} onSendAnyway={onSendAnyway} />}
      {phase.name === 'failed' && (
        <div class="failed">
          <Problem error={phase.error} onOpenOptions={onOpenOptions} />
          {!phase.later && (
            <button type="button" onClick={(e) => onRetry(e, phase.error.code === 'maybe_sent')}>
              {phase.error.code === 'maybe_sent' ? t('panelSendAgain') : t('panelRetry')}
            </button>
          )}
        </div>
      )}
    </>
  );
}

export function Problem({ error, onOpenOptions }: { error: WireError; onOpenOptions?: () => void }) {
  const setup = error.code === 'not_configured' || error.code === 'token_rejected';
  return (
    <div class="problem" role="alert">
      <strong>{error.message}</strong> {error.detail && <span>{error.detail} </span>}
      <span>{error.action}</span>
      {setup && onOpenOptions && (
        <button type="button" onClick={onOpenOptions}>
          {t('panelOpenOptions')}
        </button>
      )}
    </div>
  );
}
