// The side panel asks the background who the customer is as soon as its script runs, and imports the
// compose panel beside that question (entrypoints/sidepanel/main.tsx), so the compose panel is a
// chunk of its own that Vite fetches only once the entry has run. Its page names that chunk (and
// what it imports) for preloading, so the browser fetches it with the entry's own scripts while the
// page loads; it is still evaluated only when imported, after the question went out.
import type { Plugin } from 'vite';
import { addViteConfig, defineWxtModule } from 'wxt/modules';

/** The pages whose entry's lazy imports are preloaded. */
const PAGES = ['sidepanel'];

function preloadLazyChunks(): Plugin {
  return {
    name: 'hailer:preload-lazy-chunks',
    transformIndexHtml(html, { filename, bundle, chunk }) {
      if (!bundle || !chunk || !PAGES.some((page) => filename.replace(/\\/g, '/').endsWith(`/entrypoints/${page}/index.html`))) return html;
      const preloaded = new Set([chunk.fileName, ...chunk.imports]);
      const wanted: string[] = [];
      const add = (file: string) => {
        if (preloaded.has(file)) return;
        preloaded.add(file);
        wanted.push(file);
        const imported = bundle[file];
        if (imported?.type === 'chunk') imported.imports.forEach(add);
      };
      chunk.dynamicImports.forEach(add);
      return wanted.map((file) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `/${file}` }, injectTo: 'head' as const }));
    },
  };
}

export default defineWxtModule((wxt) => {
  addViteConfig(wxt, () => ({ plugins: [preloadLazyChunks()] }));
});
