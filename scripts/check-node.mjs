// Says, in one line, whether this Node.js is one Hailer's tools support. WXT 0.21 asks for Node.js
// 22 or later (package.json "engines"); on an older one the build and the tests still run today,
// so this warns instead of failing, and `.ci/run` brings Node.js 22 when the machine has less.
// Usage: `node scripts/check-node.mjs` (prints a warning, exits 0), `--strict` (exits 1 if too old).
import { readFileSync } from 'node:fs';

const NEEDED_MAJOR = 22;
const major = Number(process.versions.node.split('.')[0]);
const engines = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).engines?.node ?? `>=${NEEDED_MAJOR}`;

if (major >= NEEDED_MAJOR) {
  if (process.argv.includes('--verbose')) console.log(`Node.js ${process.version}: supported (needs ${engines}).`);
} else {
  console.warn(
    `⚠ Hailer needs Node.js ${engines} (WXT 0.21 asks for it); this is Node.js ${process.version}. ` +
      `Install Node.js ${NEEDED_MAJOR} or later (nvm install ${NEEDED_MAJOR}, or your system's package); ` +
      `\`bash .ci/run\` fetches it by itself.`,
  );
  if (process.argv.includes('--strict')) process.exit(1);
}
