// WebExtension match patterns (https://developer.chrome.com/docs/extensions/develop/concepts/match-patterns):
// `<scheme>://<host><path>`, scheme `*` = http or https, host `*` or `*.example.com` (the domain and
// its subdomains), path with `*` wildcards matched against path + query. A port in the pattern must
// match; without one any port matches, as in Chrome.

/**
 * The parts of a page's address detection reads. The content script passes `location` itself: a URL
 * object of its own would instantiate the URL interface in the extension's world (~4 KB of heap).
 */
export type PageUrl = Pick<URL, 'href' | 'protocol' | 'hostname' | 'port' | 'pathname' | 'search'> & { hash?: string };

export interface MatchPattern {
  scheme: string;
  host: string;
  /** Digits, `*`, or null when the pattern has none. */
  port: string | null;
  path: string;
}

// Parsed with string operations, not one regular expression: the content script parses its rules'
// patterns on every look at the page, and V8 compiles a regular expression it runs twice to machine
// code (about 12 KB of heap for the pattern grammar, on every page a team rule covers).
const SCHEMES = ['*', 'http', 'https', 'ws', 'wss', 'ftp', 'file'];
const LINE_BREAK = ['\n', '\r', '\u2028', '\u2029'];
const isDigits = (s: string) => s.length > 0 && [...s].every((c) => c >= '0' && c <= '9');

/** The host part: empty, `*`, `*.` + a name, a name, or a bracketed IPv6 address. */
function validHost(host: string): boolean {
  if (host === '' || host === '*') return true;
  if (host.startsWith('[')) return host.length > 2 && host.endsWith(']') && [...host.slice(1, -1)].every((c) => '0123456789abcdefABCDEF:.'.includes(c));
  const name = host.startsWith('*.') ? host.slice(2) : host;
  return name.length > 0 && ![...name].some((c) => '/*:[]'.includes(c));
}

export function parseMatchPattern(pattern: string): MatchPattern | null {
  if (pattern === '<all_urls>') return { scheme: '*', host: '*', port: null, path: '/*' };
  if (typeof pattern !== 'string') return null;
  const sep = pattern.indexOf('://');
  const scheme = pattern.slice(0, sep);
  if (sep < 0 || !SCHEMES.includes(scheme)) return null;
  const slash = pattern.indexOf('/', sep + 3);
  if (slash < 0) return null;
  const authority = pattern.slice(sep + 3, slash);
  // A bracketed IPv6 host has colons of its own: the port starts after its closing bracket.
  const colon = authority.indexOf(':', authority.startsWith('[') ? authority.indexOf(']') : 0);
  const host = colon < 0 ? authority : authority.slice(0, colon);
  const port = colon < 0 ? null : authority.slice(colon + 1);
  if (!validHost(host) || (port !== null && port !== '*' && !(port.length <= 5 && isDigits(port)))) return null;
  if ((scheme === 'file') !== (host === '')) return null;
  const path = pattern.slice(slash);
  // The path is one line, as the grammar always had it.
  if (LINE_BREAK.some((c) => path.includes(c))) return null;
  return { scheme, host: host.toLowerCase(), port, path };
}

/** Whether `text` matches a glob whose only wildcard is `*` (any run of characters, newlines included). */
function globMatches(glob: string, text: string): boolean {
  const parts = glob.split('*');
  const first = parts[0]!;
  if (parts.length === 1) return text === glob;
  const last = parts[parts.length - 1]!;
  const end = text.length - last.length;
  if (end < first.length || !text.startsWith(first) || !text.endsWith(last)) return false;
  // Leftmost placement of each middle part leaves the most room for the rest, so it finds a match if any exists.
  let at = first.length;
  for (const part of parts.slice(1, -1)) {
    const found = text.indexOf(part, at);
    if (found < 0 || found + part.length > end) return false;
    at = found + part.length;
  }
  return true;
}

export function matchesPattern(pattern: string, url: PageUrl | string): boolean {
  const p = parseMatchPattern(pattern);
  let u: PageUrl;
  try {
    u = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return false;
  }
  if (!p) return false;
  const scheme = u.protocol.slice(0, -1);
  if (p.scheme === '*' ? !['http', 'https', 'ws', 'wss'].includes(scheme) : p.scheme !== scheme) return false;
  if (!hostMatches(p.host, u.hostname)) return false;
  if (p.port !== null && p.port !== '*' && p.port !== (u.port || defaultPort(scheme))) return false;
  return globMatches(p.path, u.pathname + u.search);
}

/** Whether `host` (a hostname) is covered by a pattern's host part. */
export function hostMatches(patternHost: string, host: string): boolean {
  if (patternHost === '*') return true;
  if (patternHost.startsWith('*.')) {
    const domain = patternHost.slice(2);
    return host === domain || host.endsWith(`.${domain}`);
  }
  return patternHost === host.toLowerCase();
}

const defaultPort = (scheme: string) => ({ http: '80', ws: '80', https: '443', wss: '443' })[scheme] ?? '';
