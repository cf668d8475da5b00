/** Turns speed measurements into the Markdown of bench/results/speed.md. */
import { summarize } from '../lib/summary';
import type { PeerRun } from './node-peers';
import type { PeerPlan } from './plan';

export interface PeerMeasurement {
  peer: string;
  n: number;
  runs: PeerRun[];
  rssBaseline: number;
  peakRss: number;
}

export type Outcome = { plan: PeerPlan; size: number } & (
  { ok: true; measurement: PeerMeasurement } | { ok: false; error: string }
);

const MB = 2 ** 20;

export function formatMs(ms: number): string {
  if (ms >= 10_000) {
    return `${(ms / 1000).toFixed(1)} s`;
  }
  if (ms >= 1000) {
    return `${(ms / 1000).toFixed(2)} s`;
  }
  return ms >= 10 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(2)} ms`;
}

function totals(m: PeerMeasurement): number[] {
  return m.runs.map((r) => r.fitMs + r.predictMs);
}

/** Median total time (fit + predict) for a peer at a size, or undefined when it did not run. */
export function medianTotal(outcomes: Outcome[], peer: string, size: number): number | undefined {
  const o = outcomes.find((x) => x.plan.name === peer && x.size === size);
  return o && o.ok ? summarize(totals(o.measurement)).median : undefined;
}

/** Median CPU time for a peer at a size, or undefined when it did not run or was not measured. */
export function medianCpu(outcomes: Outcome[], peer: string, size: number): number | undefined {
  const o = outcomes.find((x) => x.plan.name === peer && x.size === size);
  if (!o || !o.ok || o.measurement.runs.some((r) => r.cpuMs === undefined)) {
    return undefined;
  }
  return summarize(o.measurement.runs.map((r) => r.cpuMs!)).median;
}

export function speedTable(outcomes: Outcome[], size: number): string[] {
  const lines = [
    `| peer | reps | fit + predict median | min | max | fit median | predict median | CPU median | × Foresight | peak RSS | RSS Δ | band width |`,
    `|---|---|---|---|---|---|---|---|---|---|---|---|`,
  ];
  const reference = medianTotal(outcomes, 'foresight', size);
  for (const o of outcomes.filter((x) => x.size === size)) {
    if (!o.ok) {
      lines.push(`| ${o.plan.label} | – | ${o.error} | | | | | | | | | |`);
      continue;
    }
    const m = o.measurement;
    const total = summarize(totals(m));
    const fit = summarize(m.runs.map((r) => r.fitMs));
    const predict = summarize(m.runs.map((r) => r.predictMs));
    const cpu = m.runs.every((r) => r.cpuMs !== undefined)
      ? formatMs(summarize(m.runs.map((r) => r.cpuMs!)).median)
      : '–';
    const ratio =
      reference === undefined
        ? 'n/a'
        : `${(total.median / reference).toFixed(total.median / reference >= 10 ? 0 : 1)}×`;
    const width = m.runs[0].meanBandWidth;
    lines.push(
      `| ${o.plan.label} | ${total.count} | **${formatMs(total.median)}** | ${formatMs(total.min)} | ${formatMs(total.max)} | ` +
        `${formatMs(fit.median)} | ${formatMs(predict.median)} | ${cpu} | ${ratio} | ${(m.peakRss / MB).toFixed(0)} MB | ` +
        `${(Math.max(0, m.peakRss - m.rssBaseline) / MB).toFixed(0)} MB | ${width === null || Number.isNaN(width) ? 'none' : width.toFixed(2)} |`
    );
  }
  return lines;
}

export function targetLines(outcomes: Outcome[]): string[] {
  const size = 4032;
  const ours = medianTotal(outcomes, 'foresight', size);
  const prophet = medianTotal(outcomes, 'prophet', size);
  if (ours === undefined) {
    return ['- Foresight did not run, so neither target can be judged.'];
  }
  const oursCpu = medianCpu(outcomes, 'foresight', size);
  const prophetCpu = medianCpu(outcomes, 'prophet', size);
  const cpuNote = oursCpu === undefined ? '' : ` (CPU time median ${formatMs(oursCpu)})`;
  const lines = [
    `- 4,032 points, fit + predict with band ≤ 10 ms median: ${formatMs(ours)}${cpuNote} → **${ours <= 10 ? 'met' : 'missed'}**`,
  ];
  if (prophet !== undefined) {
    const ratio = prophet / ours;
    const cpuRatio =
      oursCpu !== undefined && prophetCpu !== undefined ? ` (by CPU time ${(prophetCpu / oursCpu).toFixed(0)}×)` : '';
    lines.push(
      `- ≥ 100× faster than Prophet with defaults at 4,032 points: ${ratio.toFixed(0)}×${cpuRatio} → **${ratio >= 100 ? 'met' : 'missed'}**`
    );
  }
  return lines;
}
