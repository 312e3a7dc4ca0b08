// The times Send later offers, in the agent's time zone (the test process runs in the machine's).
import { describe, expect, it } from 'vitest';
import { fromLocalInput, inAnHour, toLocalInput, tomorrowAtNine } from '../../utils/compose/send-later';

describe('Send later times', () => {
  it('in 1 hour is exactly an hour on', () => {
    expect(inAnHour(Date.UTC(2026, 10, 25, 22, 15))).toBe(Date.UTC(2026, 10, 25, 23, 15));
  });

  it('tomorrow 9:00 is the next calendar day at 9:00 local time, also late at night and at a month end', () => {
    for (const [now, day, month] of [
      [new Date(2026, 10, 25, 23, 59), 26, 10],
      [new Date(2026, 10, 30, 0, 5), 1, 11],
      [new Date(2026, 11, 31, 12, 0), 1, 0],
    ] as const) {
      const at = new Date(tomorrowAtNine(now.getTime()));
      expect([at.getDate(), at.getMonth(), at.getHours(), at.getMinutes(), at.getSeconds()]).toEqual([day, month, 9, 0, 0]);
    }
  });

  it('a picked time round-trips through the datetime-local value, and junk is refused', () => {
    const at = new Date(2026, 10, 26, 14, 30).getTime();
    expect(toLocalInput(at)).toBe('2026-11-26T14:30');
    expect(fromLocalInput('2026-11-26T14:30')).toBe(at);
    for (const junk of ['', '2026-11-26', 'tomorrow', '2026-11-26T14:30:00Z']) expect(fromLocalInput(junk)).toBeNull();
  });
});
