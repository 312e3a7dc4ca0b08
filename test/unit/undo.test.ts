import { afterEach, describe, expect, it, vi } from 'vitest';
import { cancelSend, waitForUndo } from '../../utils/undo';

afterEach(() => vi.useRealTimers());

describe('undo window', () => {
  it('lets the send go after the window', async () => {
    vi.useFakeTimers();
    let gone = false;
    const wait = waitForUndo('d1', 5).then(() => (gone = true));
    await vi.advanceTimersByTimeAsync(4_999);
    expect(gone).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await wait;
    expect(gone).toBe(true);
    expect(cancelSend('d1')).toBe(false); // too late to undo
  });

  it('cancels inside the window, and a second send of the same draft shares the outcome', async () => {
    vi.useFakeTimers();
    const first = waitForUndo('d2', 5);
    const second = waitForUndo('d2', 5);
    expect(cancelSend('d2')).toBe(true);
    await expect(first).rejects.toMatchObject({ code: 'cancelled' });
    await expect(second).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('sends at once when the window is 0', async () => {
    await expect(waitForUndo('d3', 0)).resolves.toBeUndefined();
    expect(cancelSend('d3')).toBe(false);
  });
});
