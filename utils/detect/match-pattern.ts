// WebExtension match patterns (https://developer.chrome.com/docs/extensions/develop/concepts/match-patterns):
// `<scheme>://<host><path>`, scheme `*` = http or https, host `*` or `*.example.com` (the domain and
// its subdomains), path with `*` wildcards matched against path + query. A port in the pattern must
// match; without one any port matches, as in Chrome.

export interface MatchPattern {
  scheme: string;
  host: string;
  /** Digits, `*`, or null when the pattern has none. */
  port: string | null;
  path: string;
}

const PATTERN = /^(\*|https?|wss?|ftp|file):\/\/(\*|(?:\*\.)?[^/*:[\]]+|\[[0-9A-Fa-f:.]+\])?(?::(\*|\d{1,5}))?(\/.*)$/;

export function parseMatchPattern(pattern: string): MatchPattern | null {
  if (pattern === '<all_urls>') return { scheme: '*', host: '*', port: null, path: '/*' };
  const m = typeof pattern === 'string' ? PATTERN.exec(pattern) : null;
  if (!m) return null;
  const [, scheme = '', host = '', port, path = '/'] = m;
  if ((scheme === 'file') !== (host === '')) return null;
  return { scheme, host: host.toLowerCase(), port: port ?? null, path };
}

const globToRegExp = (glob: string) =>
  new RegExp(`^${glob.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 's');

export function matchesPattern(pattern: string, url: URL | string): boolean {
  const p = parseMatchPattern(pattern);
  let u: URL;
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
  return globToRegExp(p.path).test(u.pathname + u.search);
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
