// "Pages like this one": the URL pattern a taught rule applies to, generalised from the page the agent
// taught it on. Path segments that look like ids (numbers, UUIDs, hex, prefixed ids such as
// cus_Q2h8sL0xY1, slugs such as sam-rivera) become wildcards; fixed words (customers, admin, change)
// stay. The query string is dropped unless a parameter carries an id (Retool-style `?id=…`).
// Pure: a URL in, a match pattern, a path regex and the plain-words form out.

export interface UrlPattern {
  /** The site, as a match pattern: `https://admin.acme.com/*` (no port: patterns apply to every port). */
  matches: string;
  /** Regular expression over path + query (the team-rule field `urlIncludes`). */
  urlIncludes: string;
  /** What the agent reads: `admin.acme.com/customers/*`. */
  words: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX = /^[0-9a-f]{8,}$/i;
const NUMBER = /^\d+$/;
/** cus_Q2h8sL0xY1, usr_1001, ORD-20931, auth0|5f3c…, google-oauth2|1043…: letters and digits mixed, joined by _ - | or :. */
const PREFIXED = /^(?=.*\d)[A-Za-z0-9]+(?:[_|:-][A-Za-z0-9]+)+$/;
/** Shopify's global ids: gid://shopify/Customer/123 (one segment when encoded). */
const GID = /^gid:\/\/[^/]+\/[^/]+\/[^/]+$/;
const EMAIL = /^[^\s@/]+@[^\s@/]+\.[A-Za-z]{2,}$/;
/** base64url (a token's payload, an encoded key): long, no separators but _ and -, padding optional. */
const BASE64URL = /^[A-Za-z0-9_-]{12,}={0,2}$/;
/** A run of letters and digits mixed, long enough not to be a word (a1b2c3d4, Q2h8sL0xY1). */
const MIXED = /^(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9]{6,}$/;
/** sam-rivera, jane-cooper-2: lowercase words joined by dashes, where a collection name comes before. */
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)+$/;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * Random base64 has as many capitals as small letters; a CamelCase word ("CustomerProfileSettings")
 * one per word. A digit in a long token says id as well.
 */
function looksLikeBase64(s: string): boolean {
  if (!BASE64URL.test(s)) return false;
  const upper = s.replace(/[^A-Z]/g, '').length;
  const lower = s.replace(/[^a-z]/g, '').length;
  return (/\d/.test(s) && upper + lower > 0) || (upper >= 3 && lower >= 3 && upper / (upper + lower) >= 0.25);
}

/** Does this path segment (or query value) name one record rather than a kind of page? */
export function looksLikeId(segment: string, previous?: string, value?: string): boolean {
  const decoded = safeDecode(segment);
  if (!decoded) return false;
  if (value && decoded.toLowerCase() === value.toLowerCase()) return true;
  if (NUMBER.test(decoded) || UUID.test(decoded) || PREFIXED.test(decoded) || MIXED.test(decoded)) return true;
  if (HEX.test(decoded) && /\d/.test(decoded)) return true;
  if (GID.test(decoded) || EMAIL.test(decoded) || looksLikeBase64(decoded)) return true;
  // A slug after a collection ("/leads/sam-rivera"): many pages share the collection, one has the slug.
  return SLUG.test(decoded) && previous !== undefined && /s$/.test(previous);
}

/** Path segments as a pattern: ids become wildcards, words stay (a trailing empty segment is dropped). */
function generalizeSegments(segments: string[], value: string | undefined): { regex: string[]; words: string[] } {
  const regex: string[] = [];
  const words: string[] = [];
  segments.forEach((segment, i) => {
    if (i === 0) return;
    if (segment === '') {
      // A trailing slash: kept, optional.
      if (i === segments.length - 1) return;
      regex.push('');
      words.push('');
      return;
    }
    if (looksLikeId(segment, segments[i - 1], value)) {
      regex.push('[^/?#]+');
      words.push('*');
    } else {
      regex.push(escapeRegExp(segment));
      words.push(safeDecode(segment));
    }
  });
  return { regex, words };
}

/**
 * A single-page app's route in the fragment (`/admin/#/member/42`, `#!/users/7`): there the path is
 * the same for every page of the app, and the route says which record. Plain anchors (`#top`) are not routes.
 */
function hashRoute(url: Pick<URL, 'hash'>): { bang: string; path: string } | null {
  const route = /^#(!?)(\/[^?]*)/.exec(url.hash ?? '');
  return route ? { bang: route[1]!, path: route[2]! } : null;
}

/** A query string before a hash route, written without a negated class or ".+" (appliesToThisPageOnly reads those as wildcards). */
const QUERY_BEFORE_ROUTE = '(?:\\?[\\w%=&+.,:;~/-]*)?';

/**
 * @param value the identifier the agent picked, if any: a segment or query value equal to it is an id
 *   even when it does not look like one.
 */
export function generalizeUrl(url: URL, value?: string): UrlPattern {
  const { regex: regexParts, words: wordParts } = generalizeSegments(url.pathname.split('/'), value);
  const trailingSlash = url.pathname.length > 1 && url.pathname.endsWith('/');
  let urlIncludes = `^/${regexParts.join('/')}`;
  let words = `${url.hostname}/${wordParts.join('/')}${trailingSlash ? '/' : ''}`;
  const scheme = url.protocol === 'http:' ? 'http' : 'https';

  // A hash-routed app: the route is generalised as a path is, and the path must be this one.
  const route = hashRoute(url);
  if (route) {
    const inRoute = generalizeSegments(route.path.split('/'), value);
    urlIncludes += `/?${QUERY_BEFORE_ROUTE}#${escapeRegExp(route.bang)}/${inRoute.regex.join('/')}/?(?:\\?|$)`;
    words += `#${route.bang}/${inRoute.words.join('/')}`;
    return { matches: `${scheme}://${url.hostname}/*`, urlIncludes, words };
  }

  // Query parameters that carry an id stay in the pattern (their name, any value); others are dropped.
  const idParams = [...url.searchParams].filter(([, v]) => looksLikeId(encodeURIComponent(v), undefined, value) || (value !== undefined && v === value));
  if (idParams.length) {
    urlIncludes += `${trailingSlash ? '/' : ''}\\?${idParams.map(([name]) => `(?=(?:.*&)?${escapeRegExp(encodeURIComponent(name))}=[^&#]+)`).join('')}`;
    words += `?${idParams.map(([name]) => `${name}=*`).join('&')}`;
  } else {
    // Nothing more in the path after this, a trailing slash or not (a query string is fine).
    urlIncludes += '/?(?:[?#]|$)';
  }
  return { matches: `${scheme}://${url.hostname}/*`, urlIncludes, words };
}
