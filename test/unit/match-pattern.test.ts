// The match-pattern parser and path glob are string code (so the content script carries no compiled
// grammar, see utils/detect/match-pattern.ts); they must answer exactly as the regular expressions
// they replaced. Those are kept here as the reference, and both are run on generated patterns.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { matchesPattern, parseMatchPattern } from '../../utils/detect';

const runs = Number(process.env.FUZZ_RUNS ?? 10_000);

const REFERENCE = /^(\*|https?|wss?|ftp|file):\/\/(\*|(?:\*\.)?[^/*:[\]]+|\[[0-9A-Fa-f:.]+\])?(?::(\*|\d{1,5}))?(\/.*)$/;
function referenceParse(pattern: string) {
  if (pattern === '<all_urls>') return { scheme: '*', host: '*', port: null, path: '/*' };
  const m = REFERENCE.exec(pattern);
  if (!m) return null;
  const [, scheme = '', host = '', port, path = '/'] = m;
  if ((scheme === 'file') !== (host === '')) return null;
  return { scheme, host: host.toLowerCase(), port: port ?? null, path };
}
const referenceGlob = (glob: string, text: string) =>
  new RegExp(`^${glob.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 's').test(text);

// Patterns built from the pieces the grammar cares about, so most land near its edges.
const piece = fc.constantFrom(
  '*', 'http', 'https', 'ws', 'wss', 'ftp', 'file', 'chrome', '://', ':/', '/', '//', ':', '.', '*.', '[', ']', '::1',
  'a', 'B', 'acme.com', '127.0.0.1', '0', '8080', '123456', '?', '#', '@', ' ', '\n', '\r', '\u2028', '-', '%', 'é', '<all_urls>',
);
const pattern = fc.oneof(
  fc.array(piece, { maxLength: 10 }).map((parts) => parts.join('')),
  fc.tuple(fc.constantFrom('*', 'http', 'https', 'file', 'ftp', 'wss'), fc.array(piece, { maxLength: 4 }), fc.array(piece, { maxLength: 4 }), fc.array(piece, { maxLength: 5 }))
    .map(([scheme, host, port, path]) => `${scheme}://${host.join('')}${port.length ? `:${port.join('')}` : ''}/${path.join('')}`),
  fc.string({ maxLength: 30 }),
);
const glob = fc.array(fc.constantFrom('*', 'a', 'b', 'ab', '/', '?', '.', '%0A', '$', '(', '\\'), { maxLength: 8 }).map((parts) => parts.join(''));
const text = fc.array(fc.constantFrom('a', 'b', '/', '?', '.', '\n', '$', '(', '\\', 'x'), { maxLength: 10 }).map((parts) => parts.join(''));

describe('match patterns without regular expressions', () => {
  it('parse exactly as the grammar does', () => {
    fc.assert(
      fc.property(pattern, (p) => {
        expect(parseMatchPattern(p)).toEqual(referenceParse(p));
      }),
      { numRuns: runs },
    );
  });

  it('match paths exactly as the glob regular expression does', () => {
    fc.assert(
      fc.property(glob, text, (g, t) => {
        const url = new URL(`http://h/${t}`);
        expect(matchesPattern(`http://h/${g}`, url)).toBe(referenceGlob(`/${g}`, url.pathname + url.search));
      }),
      { numRuns: runs },
    );
  });

  it('keep the edges the grammar had', () => {
    expect(parseMatchPattern('http://[::1]:8080/x')).toEqual({ scheme: 'http', host: '[::1]', port: '8080', path: '/x' });
    expect(parseMatchPattern('http://[::1/x')).toBeNull();
    expect(parseMatchPattern('http://*./x')).toBeNull();
    expect(parseMatchPattern('http://host:/x')).toBeNull();
    expect(parseMatchPattern('http://host:123456/x')).toBeNull();
    expect(parseMatchPattern('file://:80/x')).toEqual({ scheme: 'file', host: '', port: '80', path: '/x' });
    expect(parseMatchPattern('http://host/a\nb')).toBeNull();
  });
});
