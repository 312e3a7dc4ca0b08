// `node scripts/bench-scan.mjs`: only the page-scan rows of `npm run bench` (issue 9), without the
// builds and the extension: precision per console family (happy-dom) and scan time on the two
// 5 MB DOMs in real Chromium (`--time-only`: those two rows alone), with the test build loaded as
// `npm run bench` has it (`HAILER_TEST_BUILD=1 npx wxt build` first). For working on the scanner.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchExtension } from '../test/e2e/chromium.mjs';
import { fixtureRows, scanTimeRow } from './bench-people.mjs';

const rows = [];
const row = (metric, value, budget = '') => rows.push({ metric, value, budget });
if (!process.argv.includes('--time-only')) await fixtureRows(row);
// The same browser as `npm run bench`: Chromium with the test build loaded (build it first).
const profile = mkdtempSync(join(tmpdir(), 'hailer-bench-scan-'));
const { context } = await launchExtension({ userDataDir: profile, inspectWorkerNetwork: false });
try {
  await scanTimeRow(context, row);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
const width = Math.max(...rows.map((r) => r.metric.length));
for (const r of rows) console.log(`${r.metric.padEnd(width)}  ${r.value.padEnd(12)}  ${r.budget}`);
