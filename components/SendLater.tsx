// "Send later" beside Send: a menu button offering in 1 hour, tomorrow at 9:00 (the agent's time
// zone), or a picked time. Keyboard: Enter/Space/↓ opens it on the first choice, ↑ ↓ move, Esc
// closes it and gives focus back to the button (without closing the panel).
import { useRef, useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import { fromLocalInput, inAnHour, toLocalInput, tomorrowAtNine } from '@/utils/compose/send-later';

/** `onSchedule` gets whether the click was the agent's own (trusted), as sends require. */
export function SendLater({ disabled, onSchedule }: { disabled: boolean; onSchedule(sendAt: number, trusted: boolean): void }) {
  const [open, setOpen] = useState(false);
  const [picking, setPicking] = useState(false);
  const [picked, setPicked] = useState('');
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const choose = (sendAt: number, e: Event) => {
    setOpen(false);
    setPicking(false);
    onSchedule(sendAt, e.isTrusted);
  };
  const items = () => [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
  const openMenu = () => {
    setOpen(true);
    setTimeout(() => items()[0]?.focus(), 0);
  };

  function onMenuKey(e: KeyboardEvent) {
    const all = items();
    const at = all.indexOf(e.target as HTMLElement);
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      all[(at + (e.key === 'ArrowDown' ? 1 : all.length - 1)) % all.length]?.focus();
    }
  }

  const pickedAt = fromLocalInput(picked);
  return (
    <span class="send-later">
      <button
        ref={button}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        disabled={disabled}
        onClick={() => (open ? close() : openMenu())}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault();
            openMenu();
          }
        }}
      >
        {t('sendLater')}
      </button>
      {open && (
        <div ref={menu} role="menu" aria-label={t('sendLater')} onKeyDown={onMenuKey}>
          <button type="button" role="menuitem" tabIndex={-1} onClick={(e) => choose(inAnHour(Date.now()), e)}>
            {t('sendLaterInAnHour')}
          </button>
          <button type="button" role="menuitem" tabIndex={-1} onClick={(e) => choose(tomorrowAtNine(Date.now()), e)}>
            {t('sendLaterTomorrow')}
          </button>
          <button
            type="button"
            role="menuitem"
            tabIndex={-1}
            onClick={() => {
              setOpen(false);
              setPicking(true);
              setPicked(toLocalInput(inAnHour(Date.now())));
            }}
          >
            {t('sendLaterPick')}
          </button>
        </div>
      )}
      {picking && (
        <span class="send-later-pick">
          <label for="hailer-send-at">{t('sendLaterAt')}</label>
          <input id="hailer-send-at" type="datetime-local" value={picked} min={toLocalInput(Date.now())} onInput={(e) => setPicked(e.currentTarget.value)} />
          <button type="button" disabled={disabled || pickedAt === null} onClick={(e) => pickedAt !== null && choose(pickedAt, e)}>
            {t('sendLaterSchedule')}
          </button>
        </span>
      )}
    </span>
  );
}
