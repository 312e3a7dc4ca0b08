// The panel's formatting markup (utils/compose/markup.ts): what is sent for each construct, what
// pasted HTML becomes, and the toolbar's edits.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { htmlToMarkup, insertLink, markupToHtml, toggleList, wrapSelection } from '../../utils/compose/markup';
import { reduceHtml } from '../../utils/compose/html-reducer';

describe('markupToHtml', () => {
  it('sends plain lines as paragraphs, escaped', () => {
    expect(markupToHtml('Hi Jane, your export is ready.')).toBe('<p>Hi Jane, your export is ready.</p>');
    expect(markupToHtml('a < b & "c"\n\nnext')).toBe('<p>a &lt; b &amp; &quot;c&quot;</p><p>next</p>');
  });

  it('bold, italic, links and lists', () => {
    expect(markupToHtml('**Hi** _there_, see [the docs](https://acme.test/docs?a=1&b=2)\n- one\n- **two**\n1. first\n2. second')).toBe(
      '<p><b>Hi</b> <i>there</i>, see <a href="https://acme.test/docs?a=1&amp;b=2">the docs</a></p><ul><li>one</li><li><b>two</b></li></ul><ol><li>first</li><li>second</li></ol>',
    );
  });

  it('refuses links that are not http(s) or mailto, leaving the text as typed', () => {
    expect(markupToHtml('[x](javascript:alert(1)) [m](mailto:a@b.test)')).toBe('<p>[x](javascript:alert(1)) <a href="mailto:a@b.test">m</a></p>');
  });

  it('leaves snake_case and lone markers alone', () => {
    expect(markupToHtml('user_id and 2 * 3 ** 4')).toBe('<p>user_id and 2 * 3 ** 4</p>');
  });

  it('always answers the allowed set (10,000 generated messages)', () => {
    const piece = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('**', '_', '[', '](', ')', '- ', '1. ', '\n', 'https://a.test', 'javascript:x', '<b>', '&amp;'));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 25 }), (parts) => {
        const html = markupToHtml(parts.join(''));
        expect(reduceHtml(html)).toBe(html);
      }),
      { numRuns: 10_000 },
    );
  });
});

describe('htmlToMarkup (pasted rich text, macro bodies)', () => {
  it('keeps the allowed formatting and drops the rest', () => {
    const pasted = '<meta charset="utf-8"><div style="x"><h1>Title</h1><p>Hi <strong>Jane</strong> <span>and</span> <em>team</em></p><ul><li>a</li><li>b</li></ul><ol><li>c</li></ol><a href="javascript:x">bad</a> <a href="https://ok.test/">good</a><script>x()</script></div>';
    const markup = htmlToMarkup(pasted);
    expect(markup).toBe('Title\nHi **Jane** and _team_\n- a\n- b\n1. c\nbad [good](https://ok.test/)');
    expect(markupToHtml(markup)).toBe(
      '<p>Title</p><p>Hi <b>Jane</b> and <i>team</i></p><ul><li>a</li><li>b</li></ul><ol><li>c</li></ol><p>bad <a href="https://ok.test/">good</a></p>',
    );
  });
});

describe('toolbar edits', () => {
  it('wraps the selection', () => {
    expect(wrapSelection({ value: 'say hi now', start: 4, end: 6 }, '**')).toEqual({ value: 'say **hi** now', start: 6, end: 8 });
    expect(wrapSelection({ value: 'x', start: 1, end: 1 }, '_')).toEqual({ value: 'x__', start: 2, end: 2 });
  });

  it('links the selection with the URL selected', () => {
    const edit = insertLink({ value: 'see docs', start: 4, end: 8 });
    expect(edit.value).toBe('see [docs](https://)');
    expect(edit.value.slice(edit.start, edit.end)).toBe('https://');
  });

  it('turns the selected lines into a list and back', () => {
    const on = toggleList({ value: 'intro\none\ntwo', start: 6, end: 13 }, true);
    expect(on.value).toBe('intro\n1. one\n2. two');
    expect(toggleList({ value: on.value, start: 7, end: 8 }, true).value).toBe('intro\none\n2. two');
    expect(toggleList({ value: 'a\nb', start: 0, end: 3 }, false).value).toBe('- a\n- b');
  });
});
