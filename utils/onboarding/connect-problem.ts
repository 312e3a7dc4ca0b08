// What the welcome page says when Connect finds no region for the token: what happened and what to
// check. The background's error words are written for a draft being sent; here there is none.
import { t } from '../i18n';
import type { WireError } from '../protocol';

export function connectProblem(error: WireError): string {
  switch (error.code) {
    case 'token_rejected':
      return t('welcomeProblem_token_rejected');
    case 'forbidden':
      return t('optionsProblem_forbidden');
    case 'rate_limited':
      return t('optionsProblem_rate_limited', new Date(error.retryAt ?? Date.now()).toLocaleTimeString());
    case 'timeout':
    case 'offline':
    case 'intercom_unavailable':
      return t('welcomeProblem_unreachable');
    case 'bad_request':
      return t('optionsProblem_token_shape');
    default:
      return t('optionsProblem_unexpected');
  }
}
