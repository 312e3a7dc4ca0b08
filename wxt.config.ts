import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// Test and demo builds (HAILER_TEST_BUILD=1) grant the loopback hosts the Intercom simulator and the
// demo console run on, because headless Chromium cannot answer a permission prompt. Release builds
// never contain them.
const testBuild = process.env.HAILER_TEST_BUILD === '1';
const loopbackHosts = ['http://127.0.0.1/*', 'http://localhost/*'];

export const intercomApiHosts = [
  'https://api.intercom.io/*',
  'https://api.eu.intercom.io/*',
  'https://api.au.intercom.io/*',
];
export const intercomAppHosts = [
  'https://app.intercom.com/*',
  'https://app.eu.intercom.com/*',
  'https://app.au.intercom.com/*',
];

export default defineConfig({
  hooks: {
    // The content script (the launcher) runs on every console page, with a 6 KB budget; the panel
    // chunk (modules/panel-chunk.ts) is built with the same config. Both only use
    // runtime messaging and storage.local, which are promise-based natively in Chrome MV3 and in
    // Firefox, so they take WXT's plain `browser` and leave webextension-polyfill (~3 KB gzip) to
    // the background and extension pages.
    'vite:build:extendConfig'(entrypoints, config) {
      if (!entrypoints.every((e) => e.type === 'content-script')) return;
      const alias = config.resolve?.alias;
      if (Array.isArray(alias)) {
        config.resolve!.alias = alias.filter((a: { find: unknown }) => a.find !== 'wxt/browser');
      } else if (alias) delete (alias as Record<string, string>)['wxt/browser'];
    },
  },
  outDir: testBuild ? '.output-test' : '.output',
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    plugins: [preact()],
    define: { __HAILER_TEST_BUILD__: JSON.stringify(testBuild) },
    build: { sourcemap: process.env.HAILER_SOURCEMAP === '1' },
  }),
  manifest: ({ browser, manifestVersion }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'contextMenus', 'scripting', 'activeTab', 'notifications', 'alarms'],
    host_permissions: [...intercomApiHosts, ...intercomAppHosts, ...(testBuild ? loopbackHosts : [])],
    // Team rules and custom Intercom URLs ask for their own site at run time, one origin at a time.
    // (Firefox's default MV2 build names them optional_permissions.)
    ...(manifestVersion === 3 ? { optional_host_permissions: ['*://*/*'] } : { optional_permissions: ['*://*/*'] }),
    storage: { managed_schema: 'managed-schema.json' },
    // "Teach Hailer this page": the picker (injected on demand) shows this extension page over the
    // console, because only an extension page may ask for the site's permission in the Save click.
    web_accessible_resources:
      // use_dynamic_url: served only under a per-session id, so a page cannot probe for the extension.
      manifestVersion === 3 ? [{ resources: ['teach.html'], matches: ['http://*/*', 'https://*/*'], use_dynamic_url: true }] : ['teach.html'],
    commands: {
      'toggle-panel': {
        suggested_key: { default: 'Alt+Shift+H' },
        description: '__MSG_commandTogglePanel__',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'hailer@hailer.dev',
              strict_min_version: '140.0',
              // Messages the agent writes go to the agent's own Intercom workspace, nowhere else.
              data_collection_permissions: { required: ['personalCommunications'] },
            },
          },
        }
      : {}),
  }),
});
