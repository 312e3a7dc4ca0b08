// The in-page UI: a launcher in the corner and, when open, the compose panel above it.
import { useEffect, useRef } from 'preact/hooks';
import { ComposePanel } from '@/components/ComposePanel';
import { t } from '@/utils/i18n';
import type { DetectedRecipient } from '@/utils/protocol';

export function Hailer({ recipient, open, onToggle }: { recipient: DetectedRecipient; open: boolean; onToggle(open: boolean): void }) {
  const launcher = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(open);
  useEffect(() => {
    // Closing hands focus back to the launcher, so the keyboard never lands nowhere.
    if (wasOpen.current && !open) launcher.current?.focus();
    wasOpen.current = open;
  }, [open]);
  const name = recipient.displayName ?? recipient.ref.value;
  return (
    <div class="hailer-root">
      {open && <ComposePanel recipient={recipient} onClose={() => onToggle(false)} />}
      <button ref={launcher} type="button" class="launcher" aria-expanded={open} aria-label={t('panelLauncher', name)} onClick={() => onToggle(!open)}>
        <span aria-hidden="true">✉</span> {name.length > 28 ? `${name.slice(0, 27)}…` : name}
      </button>
    </div>
  );
}
