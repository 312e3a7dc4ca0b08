// The compose panel as a chunk of its own (issue 13): the content script that runs on every
// console page carries only the launcher, and imports `content-scripts/panel.js` from the extension
// the first time the agent opens the panel. WXT builds content scripts as single IIFE files, so the
// panel is a second Vite build (an ES module, as in WXT's esm-content-script-ui example), made with
// the content script's own Vite config once WXT has built everything else. The team-rule engine
// (labels, shapes, shadow roots and frames, issue 22) is a chunk the same way, `content-scripts/rules.js`,
// imported at start only on pages a rule names.
import { resolve } from 'node:path';
import { build, type InlineConfig } from 'vite';
import { defineWxtModule } from 'wxt/modules';

export const PANEL_CHUNK = 'content-scripts/panel.js';
export const RULES_CHUNK = 'content-scripts/rules.js';
const CHUNKS: [entry: string, file: string][] = [
  ['content/panel.tsx', PANEL_CHUNK],
  ['content/rules-chunk.ts', RULES_CHUNK],
];

export default defineWxtModule((wxt) => {
  let contentConfig: InlineConfig | undefined;
  wxt.hooks.hook('vite:build:extendConfig', ([entrypoint], config) => {
    if (entrypoint?.name === 'content') contentConfig = config;
  });

  wxt.hooks.hook('build:done', async () => {
    if (!contentConfig) throw new Error('[panel-chunk] the content script was not built, so there is no config to build its panel with');
    // The content script's plugins, aliases and defines; its own IIFE output settings replaced.
    const { build: contentBuild, ...shared } = contentConfig;
    for (const [entry, file] of CHUNKS) {
      await build({
        ...shared,
        logLevel: 'warn',
        build: {
          sourcemap: contentBuild?.sourcemap,
          emptyOutDir: false,
          copyPublicDir: false,
          outDir: wxt.config.outDir,
          rollupOptions: {
            input: resolve(wxt.config.entrypointsDir, entry),
            // Keep the module's exports: the content script calls them.
            preserveEntrySignatures: 'exports-only',
            // One file: the content script imports exactly this module, nothing it would have to discover.
            output: { format: 'es', entryFileNames: file, inlineDynamicImports: true },
          },
        },
      });
    }
  });

  // The content script runs on any site a team rule names, so the chunk is web-accessible on all of
  // them; `use_dynamic_url` (Chrome) serves it only under a per-session id that runtime.getURL gives
  // the content script, so a page cannot probe for the extension by its static URL. Firefox's
  // moz-extension ids are random per install already.
  wxt.hooks.hook('build:manifestGenerated', (_, manifest) => {
    manifest.web_accessible_resources ??= [];
    // @ts-expect-error MV2 and MV3 shapes differ in the types; WXT turns this into the MV2 list for Firefox.
    manifest.web_accessible_resources.push({ matches: ['<all_urls>'], resources: CHUNKS.map(([, file]) => file), use_dynamic_url: true });
  });

  wxt.hooks.hook('prepare:publicPaths', (_, paths) => {
    paths.push(...CHUNKS.map(([, file]) => file));
  });
});
