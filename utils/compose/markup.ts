// The panel's formatting, kept as light markup in the message box itself (so drafts keep it, and
// the box stays a plain, accessible text field): **bold**, _italic_, [text](https://link), lines
// starting "- " (bulleted list) or "1. " (numbered list). Each other line is a paragraph. What is
// sent is markupToHtml's output, always reduced to Intercom's allowed set; pasted rich text and
// macro bodies come in through htmlToMarkup. Content-script code: no zod.
import { decodeEntities, escapeHtml, reduceHtml, safeHref } from './html-reducer';

const BULLET = /^\s*[-*•]\s+(.*)$/;
const NUMBERED = /^\s*\d{1,3}[.)]\s+(.*)$/;
const INLINE = /\[([^\]\n]+)\]\(([^)\s]+)\)|\*\*(?=\S)([^\n]*?\S)\*\*|(?<![\p{L}\p{N}_])_(?=\S)([^\n_]*?\S)_(?![\p{L}\p{N}_])/gu;

function inline(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    out += escapeHtml(text.slice(last, m.index));
    last = m.index + m[0].length;
    if (m[1] !== undefined) {
      const href = safeHref(m[2]!);
      out += href ? `<a href="${escapeHtml(href)}">${inline(m[1])}</a>` : escapeHtml(m[0]);
    } else if (m[3] !== undefined) out += `<b>${inline(m[3])}</b>`;
    else out += `<i>${inline(m[4]!)}</i>`;
  }
  return out + escapeHtml(text.slice(last));
}

/** The HTML Intercom gets for a formatted message (and the preview shows). */
export function markupToHtml(text: string): string {
  const out: string[] = [];
  let list: 'ul' | 'ol' | null = null;
  const endList = () => {
    if (list) out.push(`</${list}>`);
    list = null;
  };
  for (const line of String(text ?? '').replace(/\r\n?/g, '\n').split('\n')) {
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    const item = bullet ?? numbered;
    if (item && item[1]!.trim()) {
      const kind = bullet ? 'ul' : 'ol';
      if (list !== kind) {
        endList();
        out.push(`<${kind}>`);
        list = kind;
      }
      out.push(`<li>${inline(item[1]!.trim())}</li>`);
      continue;
    }
    endList();
    if (line.trim()) out.push(`<p>${inline(line.trim())}</p>`);
  }
  endList();
  return reduceHtml(out.join(''));
}

/** Plain text as Intercom gets it: paragraphs at blank lines, line breaks within, all escaped. */
export function textToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .trim()
    .split(/\n[ \t]*\n+/)
    .map((para) => `<p>${para.split('\n').map(escapeHtml).join('<br>')}</p>`)
    .join('');
}

const TAG = /<(\/?)(p|b|strong|i|em|a|ul|ol|li)(?: href="([^"]*)")?>/g;

/** Any HTML (pasted, a macro body) as markup: reduced to the allowed set first. */
export function htmlToMarkup(html: string): string {
  const reduced = reduceHtml(html);
  const lines: string[] = [];
  let line = '';
  const lists: { kind: string; n: number }[] = [];
  const hrefs: string[] = [];
  const flush = () => {
    if (line.trim()) lines.push(line.replace(/\s+/g, ' ').trim());
    line = '';
  };
  let last = 0;
  for (const m of reduced.matchAll(TAG)) {
    line += decodeEntities(reduced.slice(last, m.index)).replace(/\n/g, ' ');
    last = m.index + m[0].length;
    const [, closing, name, href] = m;
    if (name === 'b' || name === 'strong') line += '**';
    else if (name === 'i' || name === 'em') line += '_';
    else if (name === 'a') {
      if (closing) line += `](${hrefs.pop() ?? ''})`;
      else {
        hrefs.push(decodeEntities(href ?? ''));
        line += '[';
      }
    } else if (name === 'p') flush();
    else if (name === 'ul' || name === 'ol') {
      flush();
      if (closing) lists.pop();
      else lists.push({ kind: name, n: 0 });
    } else if (name === 'li') {
      flush();
      const list = lists.at(-1);
      if (!closing && list) line = list.kind === 'ol' ? `${++list.n}. ` : '- ';
    }
  }
  line += decodeEntities(reduced.slice(last));
  flush();
  // Markers around nothing (an empty <b></b> the reducer removed) cannot occur; `- ` alone can.
  return lines.filter((l) => !/^(- |\d+\. )$/.test(l)).join('\n');
}

// ---- editing the message box (textarea value + selection)

export interface Edit {
  value: string;
  start: number;
  end: number;
}

/** Bold/italic: wraps the selection (or places the cursor between the markers). */
export function wrapSelection({ value, start, end }: Edit, marker: '**' | '_'): Edit {
  const selected = value.slice(start, end);
  const next = value.slice(0, start) + marker + selected + marker + value.slice(end);
  return { value: next, start: start + marker.length, end: end + marker.length };
}

/** Link: `[selection](https://)` with the URL part selected, ready to be typed over. */
export function insertLink({ value, start, end }: Edit): Edit {
  const text = value.slice(start, end) || 'link';
  const before = `${value.slice(0, start)}[${text}](`;
  const next = `${before}https://)${value.slice(end)}`;
  return { value: next, start: before.length, end: before.length + 'https://'.length };
}

/** Lists: prefixes every line the selection touches ("- " or "1. ", "2. ", …). */
export function toggleList({ value, start, end }: Edit, ordered: boolean): Edit {
  const from = value.lastIndexOf('\n', start - 1) + 1;
  const toBreak = value.indexOf('\n', end);
  const to = toBreak < 0 ? value.length : toBreak;
  const lines = value.slice(from, to).split('\n');
  const already = lines.every((l) => (ordered ? NUMBERED : BULLET).test(l));
  const changed = lines
    .map((l, i) => {
      const bare = l.replace(BULLET, '$1').replace(NUMBERED, '$1');
      return already ? bare : `${ordered ? `${i + 1}. ` : '- '}${bare}`;
    })
    .join('\n');
  const next = value.slice(0, from) + changed + value.slice(to);
  return { value: next, start: from, end: from + changed.length };
}

/** Inserts text at the selection, replacing it. */
export function insertAt({ value, start, end }: Edit, text: string): Edit {
  const next = value.slice(0, start) + text + value.slice(end);
  return { value: next, start: start + text.length, end: start + text.length };
}
