/** Metrics per method and bucket, the target checks, and their Markdown for bench/results/accuracy.md. */
import { formatMs } from '../speed/report-speed';
import type { AccuracyDataset } from './datasets';
import { bucketMetrics, Metrics } from './metrics';
import { scoreForecasts, WindowForecast } from './window-forecasts';

/** `foresight` is the default family (the decomposition); other families run with `--model`. */
export const METHODS = ['foresight', 'prophet', 'seasonal-naive', 'holt_winters'] as const;
export type Method = (typeof METHODS)[number];

export const NOMINAL_COVERAGE = 0.8;
/** Foresight's MAE may exceed Prophet's by at most this factor. */
export const MAE_TOLERANCE = 1.05;

export interface DatasetResult {
  dataset: AccuracyDataset;
  cutoffs: number[];
  forecasts: Partial<Record<Method, WindowForecast[]>>;
  /** metrics[method][bucket label] */
  metrics: Partial<Record<Method, Record<string, Metrics | undefined>>>;
}

export function evaluate(
  dataset: AccuracyDataset,
  cutoffs: number[],
  forecasts: Partial<Record<Method, WindowForecast[]>>,
  truth: Map<number, number>
): DatasetResult {
  const metrics: DatasetResult['metrics'] = {};
  for (const method of METHODS) {
    const windows = forecasts[method];
    if (!windows) {
      continue;
    }
    const points = scoreForecasts(windows, truth);
    metrics[method] = Object.fromEntries(dataset.buckets.map((b) => [b.label, bucketMetrics(points, b.upTo)]));
  }
  return { dataset, cutoffs, forecasts, metrics };
}

export interface TargetCheck {
  name: string;
  met: boolean;
  detail: string;
}

/** The three targets: MAE within 5% of Prophet's, coverage nearer 0.8 than Prophet's, beating seasonal-naive on sub-daily data. */
export function targetChecks(result: DatasetResult): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const ours = result.metrics.foresight;
  const prophet = result.metrics.prophet;
  const naive = result.metrics['seasonal-naive'];
  if (!ours) {
    return checks;
  }
  const full = result.dataset.buckets[result.dataset.buckets.length - 1].label;
  if (prophet) {
    for (const bucket of result.dataset.buckets) {
      const f = ours[bucket.label];
      const p = prophet[bucket.label];
      if (f && p) {
        const ratio = f.mae / p.mae;
        checks.push({
          name: `MAE ≤ 1.05 × Prophet (${bucket.label})`,
          met: ratio <= MAE_TOLERANCE,
          detail: `${fmt(f.mae)} vs ${fmt(p.mae)} (${ratio.toFixed(3)}×)`,
        });
      }
    }
    const f = ours[full]?.coverage;
    const p = prophet[full]?.coverage;
    if (f !== undefined && p !== undefined) {
      checks.push({
        name: `coverage nearer 0.8 than Prophet's (${full})`,
        met: Math.abs(f - NOMINAL_COVERAGE) < Math.abs(p - NOMINAL_COVERAGE),
        detail: `${f.toFixed(3)} vs ${p.toFixed(3)}`,
      });
    }
  }
  if (result.dataset.cadence === 'sub-daily' && naive) {
    for (const bucket of result.dataset.buckets) {
      const f = ours[bucket.label];
      const n = naive[bucket.label];
      if (f && n) {
        checks.push({
          name: `MAE below seasonal-naive (${bucket.label})`,
          met: f.mae < n.mae,
          detail: `${fmt(f.mae)} vs ${fmt(n.mae)} (${(f.mae / n.mae).toFixed(3)}×)`,
        });
      }
    }
  }
  return checks;
}

function fmt(x: number | undefined, digits = 4): string {
  if (x === undefined || Number.isNaN(x)) {
    return '–';
  }
  return Math.abs(x) >= 1000 ? x.toFixed(0) : Number(x.toPrecision(digits)).toString();
}

function totalMs(windows: WindowForecast[] | undefined): number | undefined {
  if (!windows) {
    return undefined;
  }
  return windows.reduce((sum, w) => sum + (w.fit_ms ?? 0) + (w.predict_ms ?? 0), 0);
}

const DAY = 86_400_000;

function durationText(ms: number): string {
  return ms % DAY === 0 || ms >= 30 * DAY ? `${+(ms / DAY).toFixed(1)} d` : `${+(ms / 3_600_000).toFixed(1)} h`;
}

export function datasetSection(result: DatasetResult): string[] {
  const { dataset, cutoffs } = result;
  const first = new Date(cutoffs[0]).toISOString().slice(0, 16).replace('T', ' ');
  const last = new Date(cutoffs[cutoffs.length - 1]).toISOString().slice(0, 16).replace('T', ' ');
  const lines = [
    `### ${dataset.label}`,
    '',
    `\`${dataset.file}\`${dataset.valueColumn ? ` (column ${dataset.valueColumn})` : ''}, ${dataset.cadence}; ` +
      `initial ${durationText(dataset.initial)}, period ${durationText(dataset.period)}, horizon ${durationText(dataset.horizon)}; ` +
      `${cutoffs.length} cutoffs ${first} … ${last}; seasonal-naive season ${dataset.seasonLabel}` +
      (Object.keys(dataset.params).length ? `; params ${JSON.stringify(dataset.params)} for both models` : '') +
      (dataset.truthFile ? `; scored against the clean \`${dataset.truthFile}\`` : '') +
      '.',
    '',
  ];
  if (dataset.note) {
    lines.push(dataset.note, '');
  }
  const failures = (result.forecasts.foresight ?? []).filter((w) => w.error !== undefined);
  if (failures.length > 0) {
    lines.push(`Foresight failed on ${failures.length} window(s): ${failures[0].error}`, '');
  }
  lines.push('| horizon | method | points | MAE | RMSE | sMAPE | coverage |', '|---|---|---|---|---|---|---|');
  for (const bucket of dataset.buckets) {
    for (const method of METHODS) {
      const m = result.metrics[method]?.[bucket.label];
      if (!result.metrics[method]) {
        continue;
      }
      lines.push(
        `| ${bucket.label} | ${method} | ${m?.count ?? 0} | ${fmt(m?.mae)} | ${fmt(m?.rmse)} | ${fmt(m?.smape, 3)} | ${m?.coverage === undefined ? '–' : m.coverage.toFixed(3)} |`
      );
    }
  }
  const ours = totalMs(result.forecasts.foresight);
  const prophet = totalMs(result.forecasts.prophet);
  if (ours !== undefined && prophet !== undefined) {
    lines.push('', `Fit + predict over all cutoffs: Foresight ${formatMs(ours)}, Prophet ${formatMs(prophet)}.`);
  }
  const checks = targetChecks(result);
  if (checks.length) {
    lines.push('', ...checks.map((c) => `- ${c.met ? 'met' : '**missed**'}: ${c.name}: ${c.detail}`));
  }
  lines.push('');
  return lines;
}

export function summaryTable(results: DatasetResult[]): string[] {
  const lines = [
    '| file | cutoffs | Foresight / Prophet MAE by horizon | coverage Foresight | coverage Prophet | Foresight / naive MAE (sub-daily) | targets missed |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    const ratios = r.dataset.buckets
      .map((b) => {
        const f = r.metrics.foresight?.[b.label];
        const p = r.metrics.prophet?.[b.label];
        return f && p ? `${b.label}: ${(f.mae / p.mae).toFixed(2)}` : `${b.label}: –`;
      })
      .join('; ');
    const full = r.dataset.buckets[r.dataset.buckets.length - 1].label;
    const naive =
      r.dataset.cadence === 'sub-daily'
        ? r.dataset.buckets
            .map((b) => {
              const f = r.metrics.foresight?.[b.label];
              const n = r.metrics['seasonal-naive']?.[b.label];
              return f && n ? `${b.label}: ${(f.mae / n.mae).toFixed(2)}` : `${b.label}: –`;
            })
            .join('; ')
        : '';
    const missed = targetChecks(r).filter((c) => !c.met).length;
    const cov = (m: Method) => r.metrics[m]?.[full]?.coverage?.toFixed(3) ?? '–';
    lines.push(
      `| ${r.dataset.label} | ${r.cutoffs.length} | ${ratios} | ${cov('foresight')} | ${cov('prophet')} | ${naive} | ${r.metrics.foresight ? missed : 'n/a'} |`
    );
  }
  return lines;
}
