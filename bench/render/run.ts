/**
 * Render benchmark: the real panel in Debian's Chromium drawing 10 series × 10,000 points with bands, forecast
 * lines and outlier markers (frames fitted by the model), timed over repeated full redraws; plus the size of the
 * panel bundle. Writes bench/results/render.md. Run with `npm run bench:render` (runs the production build first).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { max, median, quantile } from 'd3-array';

import { launchChromium } from '../../tests/harness/browser';
import { buildHarness } from '../../tests/harness/build';
import { startHarnessServer } from '../../tests/harness/server';
import { measureRedraws } from './measure';

const ROOT = path.resolve(__dirname, '../..');
const RESULTS = path.join(ROOT, 'bench/results/render.md');
const PANEL_BUNDLE = path.join(ROOT, 'dist/panel/module.js');
const SERIES = 10;
const POINTS = 10_000;
const REPEATS = 50;
const WARMUP = 5;
const TARGET_MS = 50;

/** Builds the production bundles (so the size is of the current source) and measures the panel's. */
function bundleSize(): { bytes: number; gzip: number } {
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const content = readFileSync(PANEL_BUNDLE);
  return { bytes: statSync(PANEL_BUNDLE).size, gzip: gzipSync(content).length };
}

function cpuModel(): string {
  return os.cpus()[0]?.model.trim() ?? 'unknown CPU';
}

async function main() {
  const bundle = bundleSize();
  const dir = await buildHarness();
  const server = await startHarnessServer(dir);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1216, height: 900 } });
    await page.addInitScript('window.__name = (fn) => fn;');
    const opened = Date.now();
    await page.goto(`${server.url}/?scenario=bench&series=${SERIES}&points=${POINTS}&height=1600`);
    await page.waitForFunction(() => window.foresightHarness?.ready || window.foresightHarness?.error, undefined, {
      timeout: 300_000,
    });
    const error = await page.evaluate(() => window.foresightHarness.error);
    if (error) {
      throw new Error(`harness failed: ${error}`);
    }
    const loadMs = Date.now() - opened;
    const fitMs = await page.evaluate(() => window.foresightHarness.fitMs);
    const result = await page.evaluate(measureRedraws, { repeats: REPEATS, warmup: WARMUP });
    const med = median(result.samplesMs) ?? NaN;
    const report = [
      '# Render benchmark',
      '',
      `The Foresight panel (\`src/panel\`, drawn with uPlot) in headless Chromium ${browser.version()}, mounted by`,
      'the browser-test harness (`tests/harness/`) with frames the model fitted on demo metrics. One draw = every',
      `chart of the panel redrawn with paths rebuilt and axes recomputed (\`uPlot.redraw(true, true)\`), from the call`,
      `to the last chart's draw hook; median of ${REPEATS} after ${WARMUP} warm-up draws.`,
      '',
      '| what | figure |',
      '|---|---|',
      `| series × points | ${result.charts} × ${Math.round(result.points / result.charts).toLocaleString('en-US')} (${result.points.toLocaleString('en-US')} points; value, expected, forecast, band edges each) |`,
      `| outlier markers drawn | ${result.markers.toLocaleString('en-US')} |`,
      `| draw, median | **${med.toFixed(1)} ms** (target ≤ ${TARGET_MS} ms: ${med <= TARGET_MS ? 'met' : 'NOT met'}) |`,
      `| draw, p90 / max | ${(quantile(result.samplesMs, 0.9) ?? NaN).toFixed(1)} ms / ${(max(result.samplesMs) ?? NaN).toFixed(1)} ms |`,
      `| page load to all charts drawn (includes fitting ${SERIES} models in the page) | ${loadMs} ms (fits: ${fitMs.toFixed(0)} ms) |`,
      `| panel bundle \`dist/panel/module.js\` | ${(bundle.bytes / 1024).toFixed(1)} KiB (${(bundle.gzip / 1024).toFixed(1)} KiB gzip); uPlot is bundled, React and @grafana/* are Grafana's |`,
      '',
      `Machine: ${os.cpus().length} × ${cpuModel()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()},`,
      `Node ${process.version}, Chromium flags \`--headless --no-sandbox --disable-gpu\` (software rendering).`,
      'The machine is shared with other jobs, so the tail (p90, max) moves between runs more than the median.',
      `Run on ${new Date().toISOString().slice(0, 10)} with \`npm run bench:render\`.`,
      '',
    ].join('\n');
    writeFileSync(RESULTS, report);
    console.log(report);
    if (med > TARGET_MS) {
      process.exitCode = 1;
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
