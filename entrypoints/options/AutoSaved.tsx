// Where an options section that saves as the agent changes it says so: a hint before the first
// change, "Saved automatically" (or an alert) after each. Its live regions are always in the page.
import { useState } from 'preact/hooks';
import { t } from '@/utils/i18n';

export type AutoSave = (write: () => Promise<unknown>) => void;

/** `save` runs a section's write and reports it in that section's `line`. */
export function useAutoSave(): { save: AutoSave; line: preact.JSX.Element } {
  const [state, setState] = useState<'idle' | 'saved' | 'failed'>('idle');
  const save: AutoSave = (write) => void write().then(() => setState('saved'), () => setState('failed'));
  const line = (
    <>
      <p role="status" aria-live="polite" class="notice ok">
        {state === 'saved' ? t('optionsAutoSaved') : ''}
      </p>
      <p role="alert" class="notice error">
        {state === 'failed' ? t('optionsSaveFailed') : ''}
      </p>
      {state === 'idle' && <p class="hint">{t('optionsAutoSaveHint')}</p>}
    </>
  );
  return { save, line };
}
