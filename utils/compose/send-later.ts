// The times "Send later" offers, in the agent's own time zone (the browser's): an hour from now,
// tomorrow at 9:00, or a time the agent picks (a datetime-local value, which is local time too).
export const inAnHour = (now: number) => now + 60 * 60 * 1000;

export function tomorrowAtNine(now: number): number {
  const at = new Date(now);
  at.setDate(at.getDate() + 1); // calendar day, so a daylight-saving change does not shift it
  at.setHours(9, 0, 0, 0);
  return at.getTime();
}

/** `2026-11-26T14:30` (local) → epoch ms; null when empty or not a time. */
export function fromLocalInput(value: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const at = new Date(value).getTime();
  return Number.isNaN(at) ? null : at;
}

/** epoch ms → the value a datetime-local input shows for it, in local time. */
export function toLocalInput(at: number): string {
  const d = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
