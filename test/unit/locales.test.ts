// Every translation must say the same things as English: same keys, same placeholders, same tokens.
// Locales are read from the directory, so a newly added language is checked without touching this file.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

type Entry = { message: string; description?: string; placeholders?: Record<string, { content: string; example?: string }> };
type Catalogue = Record<string, Entry>;

// A path string: under happy-dom, `URL` is the DOM's class, which node:fs does not take.
const localesDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'public', '_locales');
const read = (locale: string): Catalogue => JSON.parse(readFileSync(join(localesDir, locale, 'messages.json'), 'utf8'));

const en = read('en');
const locales = readdirSync(localesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'en')
  .map((d) => d.name)
  .sort();

// Chrome matches $NAME$ against placeholder names case-insensitively.
const placeholderTokens = (message: string) =>
  [...new Set([...message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((m) => m[1]!.toLowerCase()))].sort();
// Saved-reply variables such as {{first_name | there}} are code the agent types; they must not be translated.
const templateTokens = (message: string) => [...message.matchAll(/\{\{[^{}]*\}\}/g)].map((m) => m[0]).sort();
// contextMenus replaces %s with the selected text.
const selectionTokens = (message: string) => message.split('%s').length - 1;

/** Keys of English whose translation differs from English by `view`. */
function mismatches(catalogue: Catalogue, view: (entry: Entry) => unknown): string[] {
  return Object.keys(en).filter((key) => {
    const entry = catalogue[key];
    return entry !== undefined && JSON.stringify(view(entry)) !== JSON.stringify(view(en[key]!));
  });
}

it('finds the shipped translations', () => {
  expect(locales).toEqual(expect.arrayContaining(['de', 'es', 'fr', 'ja', 'pt_BR']));
});

describe.each(locales)('locale %s', (locale) => {
  const catalogue = read(locale);

  it('has a folder name Chrome accepts (such as pt_BR, not pt-BR)', () => {
    expect(locale).toMatch(/^[a-z]{2,3}(_[A-Z]{2})?$/);
  });

  it('has every English key and no other', () => {
    const missing = Object.keys(en).filter((key) => !(key in catalogue));
    const extra = Object.keys(catalogue).filter((key) => !(key in en));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  it('has the same fields per message as English (no added descriptions)', () => {
    expect(mismatches(catalogue, (entry) => Object.keys(entry).sort())).toEqual([]);
  });

  it('has no empty message', () => {
    const empty = Object.keys(catalogue).filter((key) => typeof catalogue[key]?.message !== 'string' || !catalogue[key]!.message.trim());
    expect(empty).toEqual([]);
  });

  it('keeps placeholder names and their content', () => {
    expect(mismatches(catalogue, (entry) => entry.placeholders ?? null)).toEqual([]);
  });

  it('uses the same $NAME$ placeholders as English', () => {
    expect(mismatches(catalogue, (entry) => placeholderTokens(entry.message))).toEqual([]);
  });

  it('keeps {{…}} template variables unchanged', () => {
    expect(mismatches(catalogue, (entry) => templateTokens(entry.message))).toEqual([]);
  });

  it('keeps the %s of context-menu titles', () => {
    expect(mismatches(catalogue, (entry) => selectionTokens(entry.message))).toEqual([]);
  });

  it('keeps the product name', () => {
    expect(catalogue.extName?.message).toBe(en.extName!.message);
  });

  it('keeps the extension description within the 132 characters Chrome allows', () => {
    expect(catalogue.extDescription?.message.length).toBeLessThanOrEqual(132);
  });
});
