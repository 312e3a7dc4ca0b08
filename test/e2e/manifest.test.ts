// The built manifests (npm test builds the release and the test build before this runs).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { manifestReport } from '../../scripts/manifest-report.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const release = join(root, '.output/chrome-mv3');
const testBuild = join(root, '.output-test/chrome-mv3');
const read = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
const intercomHost = /^https:\/\/(api(\.eu|\.au)?\.intercom\.io|app(\.eu|\.au)?\.intercom\.com)\/\*$/;

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? jsFiles(join(dir, e.name)) : e.name.endsWith('.js') ? [join(dir, e.name)] : [],
  );
}

describe('release manifest (Chrome)', () => {
  const m = read(release);

  it('is MV3 with a service worker, content script, popup, options page and the permissions it needs', () => {
    expect(m.manifest_version).toBe(3);
    expect(m.background.service_worker).toBe('background.js');
    expect(m.content_scripts[0].js).toEqual(['content-scripts/content.js']);
    expect(m.action.default_popup).toBe('popup.html');
    expect(m.options_ui.page).toBe('options.html');
    expect(m.permissions).toEqual(expect.arrayContaining(['storage', 'contextMenus', 'alarms']));
  });

  it('asks at install time only for Intercom hosts; everything else is optional', () => {
    for (const p of [...m.host_permissions, ...m.content_scripts.flatMap((c: { matches: string[] }) => c.matches)]) {
      expect(p).toMatch(intercomHost);
    }
    expect(m.optional_host_permissions).toEqual(['*://*/*']);
  });

  it('defines every message it names', () => {
    const messages = JSON.parse(readFileSync(join(release, '_locales/en/messages.json'), 'utf8'));
    const named = [...JSON.stringify(m).matchAll(/__MSG_(\w+)__/g)].map((x) => x[1]!);
    expect(named.length).toBeGreaterThan(0);
    for (const key of named) expect(messages).toHaveProperty(key);
  });

  it('has no test hooks or loopback hosts compiled in', () => {
    for (const file of jsFiles(release)) {
      const code = readFileSync(file, 'utf8');
      expect(code, file).not.toMatch(/127\.0\.0\.1|localhost|hailerTest|simulatedRegions/);
    }
  });

  it('causes exactly these install-time warnings', () => {
    expect(manifestReport(m).warnings).toEqual(['Read and change your data on api.intercom.io and 5 other websites', 'Display notifications']);
  });
});

describe('test build', () => {
  it('adds the loopback hosts the simulator and demo console use', () => {
    expect(read(testBuild).host_permissions).toEqual(expect.arrayContaining(['http://127.0.0.1/*', 'http://localhost/*']));
  });
});

describe('Firefox build', () => {
  it('has a gecko id and no install-time access beyond Intercom', () => {
    const m = read(join(root, '.output/firefox-mv2'));
    expect(m.browser_specific_settings.gecko.id).toBe('hailer@hailer.dev');
    for (const p of m.permissions.filter((p: string) => p.includes('://'))) expect(p).toMatch(intercomHost);
    expect(m.optional_permissions).toEqual(['*://*/*']);
  });
});
