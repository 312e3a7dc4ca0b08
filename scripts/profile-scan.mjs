// `node scripts/profile-scan.mjs [--kind list|customer] [--loads 7] [--profile] [ref ...]`: the 5 MB
// page's first scan (the `npm run bench` row), A/B between git commits in one browser, their loads
// interleaved so a shared machine's noise falls on each alike. Each ref's utils/ is bundled as the
// bench bundles the working tree's (`.` is the working tree). Prints the scan's thread time (from a
// trace: what the renderer's main thread spent, not the other processes' share of the CPU) and its
// wall time. `--profile` takes a CPU profile (CDP Profiler) of the working tree's first scans instead
// and prints the functions with the most self time. `--extension`: in Chromium with the test build
// loaded, as `npm run bench` runs it (wall time only).
import { execSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { chromiumPath, launchExtension } from '../test/e2e/chromium.mjs';
import { bigPage } from './bench-people.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args.splice(args.indexOf(name), 2)[1] : fallback);
const kind = option('--kind', 'list');
const loads = Number(option('--loads', '7'));
const flag = (name) => (args.includes(name) ? (args.splice(args.indexOf(name), 1), true) : false);
const profile = flag('--profile');
// As `npm run bench` has it: the test build loaded (build it first). Wall time only then (no trace).
const withExtension = flag('--extension');
const refs = args.length ? args : ['.'];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const temp = mkdtempSync(join(tmpdir(), 'hailer-profile-scan-'));
async function bundleRef(ref, i) {
  let dir = root;
  if (ref !== '.') {
    dir = join(temp, `ref${i}`);
    execSync(`mkdir -p ${dir} && git -C ${root} archive ${ref} utils | tar -x -C ${dir}`);
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  }
  const outDir = join(temp, `out${i}`);
  await build({ configFile: false, logLevel: 'silent', build: { outDir, minify: false, lib: { entry: join(dir, 'utils/scan/scan.ts'), formats: ['iife'], name: 'HailerScan', fileName: () => 'out.js' } } });
  return readFileSync(join(outDir, 'out.js'), 'utf8');
}

const bundles = [];
for (const [i, ref] of refs.entries()) bundles.push(await bundleRef(ref, i));
const html = bigPage(5 * 1024 * 1024, kind);
const profileDir = mkdtempSync(join(tmpdir(), 'hailer-profile-scan-browser-'));
const browser = withExtension ? null : await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu'] });
const context = withExtension ? (await launchExtension({ userDataDir: profileDir, inspectWorkerNetwork: false })).context : null;
const times = refs.map(() => []);
const walls = refs.map(() => []);
const self = new Map();
try {
  for (let load = 0; load < loads; load++) {
    for (const [i, code] of bundles.entries()) {
      const page = await (context ?? browser).newPage();
      await page.setContent(html);
      await page.addScriptTag({ content: code });
      const cdp = profile && refs[i] === '.' ? await page.context().newCDPSession(page) : null;
      if (cdp) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
        await cdp.send('Profiler.start');
      }
      const traced = !cdp && browser !== null;
      if (traced) await browser.startTracing(page, { categories: ['devtools.timeline'] });
      // In a timer, so the trace has the scan as one task with its thread time (the machine is shared:
      // wall time counts the other engineers' builds too).
      const wall = await page.evaluate(
        () =>
          new Promise((resolve, reject) =>
            setTimeout(() => {
              const start = performance.now();
              const found = globalThis.HailerScan.scanPage(document, new URL(location.href), { limit: globalThis.HailerScan.PEOPLE_LIMIT });
              const took = performance.now() - start;
              if (found[0]?.ref.value !== 'jane@big.test') reject(new Error(`ranked ${found[0]?.ref.value} first`));
              resolve(took);
            }, 0),
          ),
      );
      let ms = wall;
      if (traced) {
        const { traceEvents } = JSON.parse((await browser.stopTracing()).toString());
        const task = traceEvents.filter((e) => ['TimerFire', 'FunctionCall'].includes(e.name) && e.tdur).sort((a, b) => b.dur - a.dur)[0];
        if (!task) console.warn(`${refs[i]}: the trace has no timer task with a thread time; this load is left out`);
        ms = task ? task.tdur / 1000 : NaN;
        walls[i].push(wall);
      }
      if (cdp) {
        const { profile: p } = await cdp.send('Profiler.stop');
        const dt = new Map(p.nodes.map((n) => [n.id, 0]));
        for (let s = 0; s < p.samples.length; s++) dt.set(p.samples[s], dt.get(p.samples[s]) + (p.timeDeltas[s] ?? 0));
        for (const n of p.nodes) {
          const f = n.callFrame;
          const key = `${f.functionName || '(anon)'} ${f.url ? 'L' + (f.lineNumber + 1) : ''}`;
          self.set(key, (self.get(key) ?? 0) + dt.get(n.id) / 1000);
        }
      }
      if (!Number.isNaN(ms)) times[i].push(ms);
      await page.close();
    }
  }
} finally {
  await (context ?? browser).close();
  rmSync(temp, { recursive: true, force: true });
  rmSync(profileDir, { recursive: true, force: true });
}
const list = (xs) => xs.map((t) => t.toFixed(1)).join(', ');
for (const [i, ref] of refs.entries()) {
  const what = profile && ref === '.' ? 'wall time (profiled)' : withExtension ? 'wall time (test build loaded)' : 'thread time';
  console.log(`${kind} first scan, ${ref}: ${what} median ${median(times[i]).toFixed(1)} ms, min ${Math.min(...times[i]).toFixed(1)} ms of [${list(times[i])}]`);
  if (walls[i].length) console.log(`    wall time median ${median(walls[i]).toFixed(1)} ms of [${list(walls[i])}]`);
}
if (profile) {
  console.log(`self time over ${loads} profiled first scans (ms):`);
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${v.toFixed(1).padStart(7)}  ${k}`);
}
