// The design tokens (styles/tokens.css) read by parsing the stylesheet itself: every pair of colours
// Hailer draws text with passes WCAG AA (4.5:1) in the light and the dark theme, and the borders and
// focus ring that show a control's edge pass 3:1 (WCAG 1.4.11).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const css = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'styles', 'tokens.css'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');

/** The `--name: #hex` declarations of the first `:root, .hailer-root { … }` block after `from`. */
function colours(from: number): Record<string, string> {
  const start = css.indexOf(':root, .hailer-root {', from);
  const body = css.slice(css.indexOf('{', start) + 1, css.indexOf('}', start));
  return Object.fromEntries([...body.matchAll(/--([a-z-]+):\s*(#[0-9a-f]{6})\b/gi)].map((m) => [m[1]!, m[2]!.toLowerCase()]));
}
const themes = { light: colours(0), dark: colours(css.indexOf('@media (prefers-color-scheme: dark)')) };

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

// [text, background]: body text, hints, links, the primary button, problems and successes, on every background.
const textPairs = [
  ...['fg', 'muted', 'accent', 'bad', 'good'].flatMap((text) => ['bg', 'surface', 'field'].map((bg) => [text, bg] as const)),
  ['accent-fg', 'accent'] as const,
];
// [edge, background]: input and card borders, the focus ring.
const edgePairs = ['line', 'accent'].flatMap((edge) => ['bg', 'surface', 'field'].map((bg) => [edge, bg] as const));

describe('design tokens', () => {
  it('the parser found both themes, with the same colour tokens', () => {
    expect(Object.keys(themes.light).length).toBeGreaterThanOrEqual(10);
    expect(Object.keys(themes.dark).sort()).toEqual(Object.keys(themes.light).sort());
  });

  it('the contrast formula matches WCAG: black on white is 21:1, a colour on itself 1:1', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#777777')).toBe(1);
    expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });

  for (const [theme, tokens] of Object.entries(themes)) {
    it.each(textPairs)(`${theme}: text --%s on --%s is at least 4.5:1`, (text, bg) => {
      expect(contrast(tokens[text]!, tokens[bg]!)).toBeGreaterThanOrEqual(4.5);
    });
    it.each(edgePairs)(`${theme}: edge --%s on --%s is at least 3:1`, (edge, bg) => {
      expect(contrast(tokens[edge]!, tokens[bg]!)).toBeGreaterThanOrEqual(3);
    });
  }
});
