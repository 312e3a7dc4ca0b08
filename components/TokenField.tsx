// The access-token field of Options and of the first run: a password box that browsers neither
// autofill nor spell-check, so the token is not kept in a form history or sent to a spelling service.
import { t } from '@/utils/i18n';

export function TokenField(props: { value: string; onInput(value: string): void; describedBy: string; placeholder?: string }) {
  return (
    <>
      <label for="token">{t('optionsToken')}</label>
      <input
        id="token"
        type="password"
        autocomplete="off"
        spellcheck={false}
        value={props.value}
        aria-describedby={props.describedBy}
        placeholder={props.placeholder}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
    </>
  );
}
