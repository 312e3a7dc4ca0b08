// Renders the console families of test/fixtures/consoles/ that real UI frameworks draw: each family
// file renders its record pages server-side with the framework's own packages (installed in this
// folder only), and this script saves the pages and rendered.json (who each page is about). The
// saved pages need none of these packages. Run: `npm install && node render.mjs` in this folder.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { team } from './people.mjs';

process.env.NODE_ENV ??= 'production';
const out = fileURLToPath(new URL('../../test/fixtures/consoles/', import.meta.url));
const names = ['mui-refine', 'antd-descriptions', 'bootstrap-dl', 'element-plus', 'lit-shadow', 'mantine-table', 'lwc-record', 'chakra-datalist'];

const manifest = { team, families: [] };
for (const name of names) {
  const mod = await import(`./families/${name}.mjs`);
  const pages = await mod.render();
  mkdirSync(`${out}${name}`, { recursive: true });
  manifest.families.push({
    ...mod.family,
    pages: pages.map((p, i) => {
      const file = `${name}/page-${String.fromCharCode(97 + i)}.html`;
      writeFileSync(`${out}${file}`, p.html);
      return { file, url: p.url, expect: p.expect, ...(p.userId ? { userId: p.userId } : {}) };
    }),
  });
}
writeFileSync(`${out}rendered.json`, `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`${manifest.families.length} families, ${manifest.families.reduce((n, f) => n + f.pages.length, 0)} pages`);
