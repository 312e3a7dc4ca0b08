// `npm test`: typecheck, unit and contract tests, release and test builds, then end-to-end tests in
// real Chromium and in Firefox ESR. Ends with one line `N passed, N failed` counting every test of every suite (the
// typecheck and each build count as one check each).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let passed = 0;
let failed = 0;

function step(name, command, env = {}) {
  console.log(`\n▶ ${name}: ${command}`);
  const result = spawnSync(command, { shell: true, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status === 0) passed++;
  else {
    failed++;
    console.log(`✖ ${name} failed (exit ${result.status})`);
  }
  return result.status === 0;
}

spawnSync('node scripts/check-node.mjs --verbose', { shell: true, stdio: 'inherit' });
step('typecheck', 'npx tsc --noEmit');
const built =
  step('release build', 'npx wxt build') &
  step('Firefox build and web-ext lint (0 errors)', 'npm run --silent lint:firefox -- --output text') &
  step('test build', 'npx wxt build', { HAILER_TEST_BUILD: '1' }) &
  step('Firefox test build', 'npx wxt build -b firefox', { HAILER_TEST_BUILD: '1' });

const report = join(mkdtempSync(join(tmpdir(), 'hailer-test-')), 'vitest.json');
const projects = built ? '' : '--project unit --project contract';
console.log(`\n▶ vitest ${projects || '(unit, contract, e2e, firefox)'}`);
const vitest = spawnSync(`npx vitest run ${projects} --reporter=default --reporter=json --outputFile.json=${report}`, {
  shell: true,
  stdio: 'inherit',
  env: { ...process.env, FORCE_COLOR: '0' },
});
try {
  const results = JSON.parse(readFileSync(report, 'utf8'));
  passed += results.numPassedTests;
  const counted = results.numFailedTests + results.numPendingTests + results.numTodoTests;
  // A test file that fails to load has no tests to count: count it as a failure.
  const unloaded = results.testResults.filter((file) => file.status === 'failed' && file.assertionResults.length === 0).length;
  failed += counted + unloaded;
  // Vitest's own verdict counts too: unhandled errors or rejections fail a run whose tests all passed.
  if (vitest.status !== 0 && counted + unloaded === 0) {
    failed++;
    console.log(`✖ vitest failed the run (exit ${vitest.status}) with every test passing: unhandled errors, see "Errors" above`);
  }
} catch {
  failed++;
  console.log('✖ vitest produced no report');
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
