// Reduces any HTML (pasted rich text, a macro's body, a draft sent as HTML) to the set Intercom's
// message `body` gets from Hailer: p, b/strong, i/em, a href, ul, ol, li. Links keep only an
// http(s) or mailto href; everything else loses its tags (their text stays, escaped), and the text of
// script, style and the like is dropped. A tokenizer of its own rather than DOMParser: the background
// service worker has no DOM, and the result must not depend on a browser's parser being lenient.
// Output is always well-formed: every allowed tag opened is closed, in order.

export const ALLOWED_TAGS = ['p', 'b', 'strong', 'i', 'em', 'a', 'ul', 'ol', 'li'] as const;
type Allowed = (typeof ALLOWED_TAGS)[number];

const allowed = new Set<string>(ALLOWED_TAGS);
/** Elements whose content is not text a customer should see. */
const DROPPED_CONTENT = new Set(['script', 'style', 'template', 'noscript', 'textarea', 'title', 'head', 'iframe', 'object', 'svg', 'math', 'select']);
/** Elements that end a paragraph where they stand (block boundaries in pasted HTML). */
const BLOCKS = new Set(['p', 'div', 'br', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'tr', 'table', 'section', 'article', 'header', 'footer', 'hr', 'ul', 'ol', 'li']);
const SAFE_SCHEMES = /^(https?:|mailto:)/i;
const MAX_INPUT = 200_000;

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', '#39': "'" };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8}|#39);?/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '\ufffd';
    }
    return NAMED[name.toLowerCase()] ?? whole;
  });
}

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => escapes[c]!);

/** An http(s) or mailto URL, or null. Control characters and spaces are what browsers strip. */
export function safeHref(raw: string): string | null {
  // eslint-disable-next-line no-control-regex
  const href = decodeEntities(raw).replace(/[\u0000-\u0020\u007f-\u009f]+/g, '');
  if (!SAFE_SCHEMES.test(href)) return null;
  try {
    const url = new URL(href);
    return url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'mailto:' ? url.href : null;
  } catch {
    return null;
  }
}

// A tag: `<name attrs…>` or `</name>`; comments, doctypes and processing instructions as one token.
const TOKEN = /<!--[\s\S]*?(?:-->|$)|<![^>]*>?|<\?[^>]*>?|<\/?([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|<[^<]*$/g;
const HREF = /(?:^|\s)href\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/i;

export function reduceHtml(input: string): string {
  const html = String(input ?? '').slice(0, MAX_INPUT);
  const out: string[] = [];
  /** Allowed tags open in `out`, innermost last. */
  const open: Allowed[] = [];
  let dropping: string | null = null;
  let last = 0;

  const text = (raw: string) => {
    if (dropping || !raw) return;
    const decoded = decodeEntities(raw);
    // Text directly inside a list belongs in an item.
    const top = open.at(-1);
    if ((top === 'ul' || top === 'ol') && decoded.trim()) openTag('li');
    out.push(escapeHtml(decoded));
  };
  const closeTo = (index: number) => {
    while (open.length > index) out.push(`</${open.pop()}>`);
  };
  function openTag(name: Allowed, href?: string) {
    // Paragraphs and list items do not nest in themselves; links do not nest at all.
    // A new item also closes the open item of its list and whatever is open inside it (say a
    // paragraph), as an HTML parser does; only a list opened in between starts a new level.
    if (name === 'p' || name === 'li') {
      const lastList = Math.max(open.lastIndexOf('ul'), open.lastIndexOf('ol'));
      const at = open.findIndex((t, i) => i > lastList && (t === 'p' || (name === 'li' && t === 'li')));
      if (at >= 0) closeTo(at);
    }
    if (name === 'a' && open.includes('a')) return;
    if (name === 'li' && !open.some((t) => t === 'ul' || t === 'ol')) name = 'p';
    if ((name === 'ul' || name === 'ol') && open.at(-1) === 'p') closeTo(open.lastIndexOf('p'));
    out.push(href ? `<a href="${escapeHtml(href)}">` : `<${name}>`);
    open.push(name);
  }

  for (const match of html.matchAll(TOKEN)) {
    text(html.slice(last, match.index));
    last = match.index + match[0].length;
    const name = match[1]?.toLowerCase();
    if (!name) continue; // comment, doctype, processing instruction, or a tag cut off at the end
    const closing = match[0][1] === '/';
    if (dropping) {
      if (closing && name === dropping) dropping = null;
      continue;
    }
    if (DROPPED_CONTENT.has(name)) {
      if (!closing && !/\/\s*$/.test(match[2] ?? '')) dropping = name;
      continue;
    }
    if (closing) {
      if (allowed.has(name)) {
        const at = open.lastIndexOf(name as Allowed);
        if (at >= 0) closeTo(at);
      } else if (BLOCKS.has(name)) {
        const at = open.lastIndexOf('p');
        if (at >= 0) closeTo(at);
      }
      continue;
    }
    if (name === 'a') {
      const m = HREF.exec(match[2] ?? '');
      const href = m ? safeHref(m[1] ?? m[2] ?? m[3] ?? '') : null;
      if (href) openTag('a', href);
      continue;
    }
    if (allowed.has(name)) openTag(name as Allowed);
    else if (BLOCKS.has(name)) {
      const at = open.lastIndexOf('p');
      if (at >= 0) closeTo(at);
    }
  }
  text(html.slice(last));
  closeTo(0);
  // Empty elements say nothing (an <a> with no text would be an invisible link).
  let result = out.join('');
  for (let before = ''; before !== result; ) {
    before = result;
    result = result.replace(/<(p|b|strong|i|em|ul|ol|li)><\/\1>|<a href="[^"]*"><\/a>/g, '');
  }
  return result;
}
