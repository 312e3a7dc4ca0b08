// "Export results": one CSV row per recipient of a bulk send, as the page lists them.
import type { BulkRow } from '../protocol';

const cell = (value: string) => (/[",\r\n]/.test(value) || /^[=+\-@]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** `label(row)` words the reason; values that a spreadsheet would run as a formula are quoted. */
export function resultsCsv(rows: readonly BulkRow[], reasonText: (row: BulkRow) => string): string {
  const lines = [['recipient', 'kind', 'contact_id', 'name', 'state', 'reason', 'conversation_url']];
  for (const row of rows) {
    const contact = row.contacts.length === 1 ? row.contacts[0]! : null;
    lines.push([row.ref.value, row.ref.kind, contact?.id ?? '', contact?.name ?? '', row.state, row.reason || row.followUpError ? reasonText(row) : '', row.conversationUrl ?? '']);
  }
  return lines.map((l) => l.map((v) => cell(String(v))).join(',')).join('\r\n') + '\r\n';
}
