// Only the side panel's warm-open rows of `npm run bench` (scripts/bench-sidepanel.mjs), set up as
// scripts/bench.mjs does (simulator with BENCH_RTT_MS latency, the demo console, its team rule),
// for a quick A/B: BENCH_EXTENSION names another build of the extension (a test build's
// chrome-mv3 folder) to measure instead of this one's; BENCH_RUNS repeats the rows, each run
// measuring the open with no debugger on the page (in a browser of its own, one for all runs) and
// then with Playwright's.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectThroughOptions, launchExtension, presetTeamRules } from '../test/e2e/chromium.mjs';
import { startSimulator } from '../test/intercom-simulator/index.mjs';
import { startDemoConsole } from '../test/demo-console/server.mjs';
import { demoTeamRules } from '../test/demo-console/rules.mjs';
import { customerTab, measuredRtt, playwrightOpen, UNDEBUGGED, undebuggedSidePanel, warmOpenRows, warmOpenSettings } from './bench-sidepanel.mjs';

const RTT_MS = Number(process.env.BENCH_RTT_MS ?? 50);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const extensionPath = process.env.BENCH_EXTENSION;

const sim = await startSimulator({ port: 0, latencyMs: RTT_MS });
const demo = await startDemoConsole({ port: 0 });
// The browser with no debugger on the page first, so it has settled by the time it is measured.
const undebugged = await undebuggedSidePanel({ sim, demoUrl: demo.url, extensionPath });
const profile = mkdtempSync(join(tmpdir(), 'hailer-bench-'));
const { context, worker, extensionId } = await launchExtension({ userDataDir: profile, inspectWorkerNetwork: false, ...(extensionPath ? { extensionPath } : {}) });
try {
  const page = await connectThroughOptions(context, extensionId, sim);
  const rtt = await measuredRtt(page, sim);
  console.log(`simulated round trip (median of 10 GET /me): ${rtt.toFixed(1)} ms (latency set to ${RTT_MS} ms)`);
  await page.close();
  const background = context.serviceWorkers()[0] ?? worker;
  await presetTeamRules(background, demoTeamRules(demo.url));
  const { openSidePanel } = await customerTab({ context, worker: background, extensionId, demoUrl: demo.url });
  await warmOpenSettings(background);
  for (let run = 1; run <= RUNS; run++) {
    const row = (metric, value, budget = '') => console.log(`run ${run}: ${metric}: ${value}  (${budget})`);
    await warmOpenRows({ sim, rtt, row, how: UNDEBUGGED }, undebugged.open);
    await warmOpenRows({ sim, rtt, row, how: 'Playwright attached to the page', budget: false }, playwrightOpen(openSidePanel));
  }
} finally {
  await context.close();
  await undebugged.close();
  await Promise.all([sim.close(), demo.close()]);
  rmSync(profile, { recursive: true, force: true });
}
