import { describe, expect, it } from 'vitest';
import { t } from '../../utils/i18n';

describe('t', () => {
  it('reads text from the English catalogue', () => {
    expect(t('error_offline')).toBe('You are offline.');
  });
  it('fills placeholders', () => {
    expect(t('error_rate_limited_action', '10:42')).toBe('Wait until 10:42 and send again. Nothing was sent.');
  });
});
