// All user-visible text lives in public/_locales/<lang>/messages.json; adding a language is adding a
// file. `t` is the one way code reads it, typed by the English file so a missing key fails typecheck.
import { browser } from 'wxt/browser';
import type en from '../public/_locales/en/messages.json';

export type MessageKey = keyof typeof en;

type GetMessage = (key: string, substitutions?: string | string[]) => string;

export function t(key: MessageKey, substitutions?: string | string[]): string {
  // WXT types getMessage from the catalogue as of its last `wxt prepare`; MessageKey reads the file itself.
  return (browser.i18n.getMessage as GetMessage)(key, substitutions) || key;
}

/** What happened and what to do about it, for an error code (`error_<code>` and `error_<code>_action`). */
export const errorWords = (code: string): string[] => [t(`error_${code}` as MessageKey), t(`error_${code}_action` as MessageKey)];
