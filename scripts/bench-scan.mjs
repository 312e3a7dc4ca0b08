// `node scripts/bench-scan.mjs`: only the page-scan rows of `npm run bench` (issue 9), without the
// builds and the extension: precision per console family (happy-dom) and scan time on the two
// 5 MB DOMs in real Chromium (`--time-only`: those two rows alone). For working on the scanner;
// `npm run bench` prints the same rows, with the extension loaded.
import { chromium } from 'playwright-core';
import { chromiumPath } from '../test/e2e/chromium.mjs';
import { fixtureRows, scanTimeRow } from './bench-people.mjs';

const rows = [];
const row = (metric, value, budget = '') => rows.push({ metric, value, budget });
if (!process.argv.includes('--time-only')) await fixtureRows(row);
const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu'] });
try {
  await scanTimeRow(await browser.newContext(), row);
} finally {
  await browser.close();
}
const width = Math.max(...rows.map((r) => r.metric.length));
for (const r of rows) console.log(`${r.metric.padEnd(width)}  ${r.value.padEnd(12)}  ${r.budget}`);
