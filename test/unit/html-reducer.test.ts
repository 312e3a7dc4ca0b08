// The HTML reducer (utils/compose/html-reducer.ts): whatever comes in (pasted rich text, a macro
// body, a draft sent as HTML), what goes to Intercom is only p, b/strong, i/em, a href, ul, ol, li,
// well-formed, with links only to http(s) or mailto. 10,000 generated inputs per property.
import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { reduceHtml } from '../../utils/compose/html-reducer';

const runs = Number(process.env.FUZZ_RUNS ?? 10_000);
vi.setConfig({ testTimeout: 120_000 });

/** Checks `html` is in the allowed set and balanced; returns the problem, or null. */
function problemWith(html: string): string | null {
  const stack: string[] = [];
  const token = /<(\/?)([a-z]+)((?: href="[^"]*")?)>|<|>|&(?!(?:amp|lt|gt|quot|#39);)/g;
  for (const m of html.matchAll(token)) {
    if (!m[2]) return `stray ${JSON.stringify(m[0])} at ${m.index}`;
    const [, closing, name, attrs] = m;
    if (!['p', 'b', 'strong', 'i', 'em', 'a', 'ul', 'ol', 'li'].includes(name!)) return `tag ${name}`;
    if (closing) {
      if (stack.pop() !== name) return `unbalanced </${name}>`;
      continue;
    }
    if (name === 'a') {
      const href = /href="([^"]*)"/.exec(attrs!)?.[1];
      if (!href) return 'a without href';
      const url = new URL(href.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>'));
      if (!['http:', 'https:', 'mailto:'].includes(url.protocol)) return `href ${href}`;
    } else if (attrs) return `attributes on ${name}`;
    stack.push(name!);
  }
  return stack.length ? `unclosed ${stack.join(',')}` : null;
}

const tagNames = fc.constantFrom('p', 'b', 'strong', 'i', 'em', 'a', 'ul', 'ol', 'li', 'div', 'span', 'br', 'script', 'style', 'img', 'iframe', 'svg', 'h1', 'table', 'td', 'A', 'SCRIPT', 'textarea', 'template', 'font');
const hrefs = fc.constantFrom('https://acme.test/a?b=1&c=2', 'http://x.test', 'mailto:jane@acme.test', 'javascript:alert(1)', ' jAvAsCrIpT:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<b>x</b>', 'vbscript:x', '/relative', '#top', 'https://"onmouseover="x', 'ftp://files.test', '&#106;avascript:alert(1)', 'https://ok.test/"><script>alert(1)</script>');
const attribute = fc.oneof(
  hrefs.map((h) => ` href="${h}"`),
  hrefs.map((h) => ` href='${h}'`),
  hrefs.map((h) => ` href=${h.replace(/\s/g, '')}`),
  fc.constantFrom(' onclick="alert(1)"', ' style="color:red"', ' class=x', ' src=x onerror=alert(1)', ' title=">"', ''),
);
const tag = fc.tuple(tagNames, fc.boolean(), attribute).map(([name, closing, attrs]) => (closing ? `</${name}>` : `<${name}${attrs}>`));
const textPiece = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('&amp;', '&lt;', '&#60;', '&#x3c;', '&nbsp;', '&bogus;', '<!-- c -->', '<!doctype html>', '"', "'", '<', '>', '&'));
const htmlish = fc.array(fc.oneof(tag, textPiece), { maxLength: 30 }).map((parts) => parts.join(''));

describe('reduceHtml', () => {
  it('keeps the allowed set as it is', () => {
    const html = '<p>Hi <b>Jane</b>, <strong>really</strong> <i>soon</i> <em>now</em></p><ul><li>one</li><li><a href="https://acme.test/x?a=1&amp;b=2">two</a></li></ul><ol><li>first</li></ol>';
    expect(reduceHtml(html)).toBe(html);
  });

  it('drops other tags but keeps their text, and drops scripts with their text', () => {
    expect(reduceHtml('<div><span style="x">Hi</span> <font>there</font></div><script>alert(1)</script><style>p{}</style>')).toBe('Hi there');
  });

  it('refuses every link that is not http, https or mailto, keeping its text', () => {
    expect(reduceHtml('<a href="javascript:alert(1)">click</a> <a href=" JaVaScRiPt:x">two</a> <a href="data:text/html,x">three</a> <a>four</a>')).toBe('click two three four');
    expect(reduceHtml('<a href="mailto:jane@acme.test" onclick="x">mail</a>')).toBe('<a href="mailto:jane@acme.test">mail</a>');
  });

  it('escapes text and decodes entities once', () => {
    expect(reduceHtml('<p>1 &lt; 2 &amp;&amp; "x" <b>&#x3c;b&#62;</b></p>')).toBe('<p>1 &lt; 2 &amp;&amp; &quot;x&quot; <b>&lt;b&gt;</b></p>');
  });

  it('closes what is left open and does not nest paragraphs or links', () => {
    expect(reduceHtml('<p>one<p>two')).toBe('<p>one</p><p>two</p>');
    expect(reduceHtml('<b><i>x</b>y</i>')).toBe('<b><i>x</i></b>y');
    expect(reduceHtml('<a href="https://a.test">a<a href="https://b.test">b</a>c</a>')).toBe('<a href="https://a.test/">ab</a>c');
    expect(reduceHtml('<ul>loose<li>a<li>b</ul>')).toBe('<ul><li>loose</li><li>a</li><li>b</li></ul>');
  });

  it(`always answers the allowed set, balanced, with safe links (${runs} generated inputs)`, () => {
    fc.assert(
      fc.property(htmlish, (input) => {
        const out = reduceHtml(input);
        expect(problemWith(out), `${JSON.stringify(input)} → ${JSON.stringify(out)}`).toBeNull();
      }),
      { numRuns: runs },
    );
  });

  it('closes an open item, and what is open inside it, when the next item starts (found by the property below)', () => {
    const input = `<ul onclick="alert(1)">!<p href='https://acme.test/a?b=1&c=2'><li href='https://acme.test/a?b=1&c=2'> `;
    expect(reduceHtml(input)).toBe('<ul><li>!</li><li> </li></ul>');
    expect(reduceHtml('<ul><li>one<p>two<li>three</ul>')).toBe('<ul><li>one<p>two</p></li><li>three</li></ul>');
  });

  it(`is stable: reducing its own output changes nothing (${runs} generated inputs)`, () => {
    fc.assert(
      fc.property(fc.oneof(htmlish, fc.string()), (input) => {
        const once = reduceHtml(input);
        expect(reduceHtml(once)).toBe(once);
      }),
      { numRuns: runs },
    );
  });
});
