// Issue 13: only the launcher is resident on console pages. The built release manifest names the
// content script; that file (gzip) must stay within the launcher's 6 KB budget and must not carry
// the panel (Preact), which is a separate, web-accessible chunk the launcher imports on first open,
// nor the team-rule engine (issue 22), a chunk it imports at start on pages a rule names.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const release = fileURLToPath(new URL('../../.output/chrome-mv3/', import.meta.url));
const manifest = JSON.parse(readFileSync(join(release, 'manifest.json'), 'utf8'));
const LAUNCHER_BUDGET_BYTES = 6 * 1024;

describe('the content script is a launcher only', () => {
  const [launcherFile] = manifest.content_scripts[0].js as string[];
  const launcher = readFileSync(join(release, launcherFile!));

  it(`is at most 6 KB gzip`, () => {
    expect(gzipSync(launcher).length).toBeLessThanOrEqual(LAUNCHER_BUDGET_BYTES);
  });

  it('leaves Preact and the panel to the chunk it imports on first open', () => {
    const code = launcher.toString('utf8');
    expect(code).toContain('content-scripts/panel.js');
    // Preact keeps this property name through minification; the panel's root class is ours.
    expect(code).not.toMatch(/hailer-panel|dangerouslySetInnerHTML/);
    const panel = readFileSync(join(release, 'content-scripts/panel.js'), 'utf8');
    expect(panel).toMatch(/hailer-panel/);
    expect(panel).toContain('dangerouslySetInnerHTML');
    expect(panel).toMatch(/export\s*\{[^}]*renderPanel/);
  });

  it('leaves the team-rule engine (labels, shapes, shadow roots, frames) to the chunk it imports where a rule applies', () => {
    const code = launcher.toString('utf8');
    expect(code).toContain('content-scripts/rules.js');
    // The label search's layouts are named only there.
    expect(code).not.toContain('aria-labelledby~=');
    const rules = readFileSync(join(release, 'content-scripts/rules.js'), 'utf8');
    expect(rules).toContain('aria-labelledby~=');
    expect(rules).toMatch(/export\s*\{[^}]*applyRule/);
  });

  it('exposes the panel and rules chunks and the teaching page (shown by the on-demand picker), and nothing else, to pages', () => {
    expect(manifest.web_accessible_resources).toEqual([
      { matches: ['http://*/*', 'https://*/*'], resources: ['teach.html'], use_dynamic_url: true },
      { matches: ['<all_urls>'], resources: ['content-scripts/panel.js', 'content-scripts/rules.js'], use_dynamic_url: true },
    ]);
  });
});

describe('the side panel page', () => {
  const html = readFileSync(join(release, 'sidepanel.html'), 'utf8');
  const entry = html.match(/<script type="module"[^>]* src="\/([^"]+)"/)?.[1];

  it('preloads the compose panel chunk its entry imports beside its first call (modules/preload-lazy-chunks.ts)', () => {
    expect(entry).toBeDefined();
    // Vite names a dynamic import's chunk and the chunks it imports in one list in the entry.
    const lazy = [...readFileSync(join(release, entry!), 'utf8').matchAll(/"(chunks\/[^"]+\.js)"/g)].map((m) => m[1]!);
    expect(lazy.some((file) => file.includes('ComposePanel'))).toBe(true);
    const preloaded = [...html.matchAll(/<link rel="modulepreload"[^>]* href="\/([^"]+)"/g)].map((m) => m[1]);
    for (const file of lazy) expect(preloaded).toContain(file);
  });
});
