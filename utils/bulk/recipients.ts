// The "Recipients" box of a bulk send: pasted text or a CSV file, one identifier per line or in a
// column. A header row ("email", "user_id", "id", …) picks the column and says what its values are;
// without one, a line's only cell is read as the popup reads a typed recipient, and a line of several
// cells gives its email. Duplicates, the team (the agent, the admins, "Our domains") and malformed
// entries are dropped and counted, never guessed at: every recipient is a value the text holds.
import type { RecipientRef } from '../protocol';
import { parseRecipientInput } from '../compose/recipient-input';
import { isTeam, type Team } from '../scan/exclude';
import { refKey } from '../intercom/people';

export interface ParsedRecipients {
  recipients: RecipientRef[];
  dropped: { duplicate: number; team: number; malformed: number };
  /** The header the column was picked by, if the first row was one. */
  column: string | null;
}

/** Past this much text the rest is not read (5,000 recipients fit many times over). */
export const MAX_RECIPIENTS_TEXT = 2_000_000;

type Kind = RecipientRef['kind'];
const HEADERS: Record<string, Kind> = {
  email: 'email',
  'e-mail': 'email',
  'email address': 'email',
  mail: 'email',
  user_id: 'user_id',
  'user id': 'user_id',
  userid: 'user_id',
  external_id: 'user_id',
  'external id': 'user_id',
  id: 'contact_id',
  contact_id: 'contact_id',
  'contact id': 'contact_id',
  intercom_id: 'contact_id',
  'intercom id': 'contact_id',
};

export function parseRecipients(text: string, team: Team): ParsedRecipients {
  const rows = splitRows(String(text ?? '').slice(0, MAX_RECIPIENTS_TEXT)).filter((cells) => cells.some((c) => c.trim()));
  const dropped = { duplicate: 0, team: 0, malformed: 0 };
  const header = rows[0] ? headerOf(rows[0]) : null;
  const recipients: RecipientRef[] = [];
  const seen = new Set<string>();
  for (const cells of header ? rows.slice(1) : rows) {
    const ref = header ? readAs(cells[header.index] ?? '', header.kind) : readRow(cells);
    if (!ref) dropped.malformed++;
    else if (seen.has(refKey(ref))) dropped.duplicate++;
    else if (isTeam(ref, team)) {
      seen.add(refKey(ref));
      dropped.team++;
    } else {
      seen.add(refKey(ref));
      recipients.push(ref);
    }
  }
  return { recipients, dropped, column: header?.name ?? null };
}

function headerOf(cells: string[]): { index: number; kind: Kind; name: string } | null {
  // The first header cell Hailer knows, emails first (a CRM export often has both id and email).
  const names = cells.map((c) => c.trim().toLowerCase());
  for (const wanted of ['email', 'user_id', 'contact_id'] as const) {
    const index = names.findIndex((n) => HEADERS[n] === wanted);
    if (index >= 0) return { index, kind: wanted, name: cells[index]!.trim() };
  }
  return null;
}

/** A cell of a column whose header says what it holds. */
function readAs(cell: string, kind: Kind): RecipientRef | null {
  const ref = parseRecipientInput(cell);
  if ('error' in ref) return null;
  if (ref.kind === kind) return ref;
  // A user id column may hold ids that look like Intercom's; an id column holds nothing else.
  if (kind === 'user_id' && ref.kind === 'contact_id') return { kind: 'user_id', value: cell.trim() };
  return null;
}

function readRow(cells: string[]): RecipientRef | null {
  const filled = cells.map((c) => c.trim()).filter(Boolean);
  if (filled.length === 1) {
    const ref = parseRecipientInput(filled[0]!);
    return 'error' in ref ? null : ref;
  }
  for (const cell of filled) {
    const ref = parseRecipientInput(cell);
    if (!('error' in ref) && ref.kind === 'email') return ref;
  }
  return null;
}

/**
 * CSV rows (comma, semicolon or tab, whichever the first line uses; "quoted, fields" kept whole).
 * Text after a closing quote (`"a"b`) is not glued to the quoted part: the cell is read as written,
 * quotes and all, so it holds no identifier and counts as malformed instead of becoming one the
 * text never spelled.
 */
function splitRows(text: string): string[][] {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = [',', ';', '\t'].reduce((best, d) => (count(firstLine, d) > count(firstLine, best) ? d : best), ',');
  const rows: string[][] = [];
  let cells: string[] = [];
  let cell = '';
  let cellStart = 0;
  let quoted = false;
  let closed = false;
  let strayAfterQuote = false;
  const endCell = (end: number) => {
    cells.push(strayAfterQuote ? text.slice(cellStart, end) : cell);
    (cell = ''), (cellStart = end + 1), (closed = false), (strayAfterQuote = false);
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') (quoted = false), (closed = true);
      else cell += c;
    } else if (c === '"' && !closed && cell.trim() === '') (quoted = true), (cell = '');
    else if (c === delimiter) endCell(i);
    else if (c === '\n' || c === '\r') {
      const end = i;
      if (c === '\r' && text[i + 1] === '\n') i++;
      endCell(end);
      cellStart = i + 1;
      rows.push(cells), (cells = []);
    } else {
      if (closed && c.trim()) strayAfterQuote = true;
      cell += c;
    }
  }
  endCell(text.length);
  rows.push(cells);
  return rows;
}

const count = (s: string, d: string) => s.split(d).length - 1;
