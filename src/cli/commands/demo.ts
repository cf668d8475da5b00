import { generateDemoSeries, DEMO_ALERT_RULE, demoModelParams, findEpisodes, matchIncidents } from '../../demo';
import type { DemoSeries, IncidentReport } from '../../demo';
import { DEFAULT_PARAMS } from '../../model';
import { detectBatch, detectOnline, type Detection } from '../../model/online';
import { integerOption, parseArgs, stringOption, type OptionSpec } from '../args';
import { detectionCsv } from '../detection-csv';
import { formatCount, formatUtc } from '../format';
import type { CliIO } from '../io';
import { plotHolidays } from '../plot/holidays';
import { renderPlotSvg } from '../plot/svg';
import { PLOT_WINDOW_OPTIONS, readPlotWindow, windowSpan } from '../plot/window';
import { prepareFiles } from '../outputs';
import type { Command } from './command';

const OPTIONS: OptionSpec[] = [
  {
    name: 'output-dir',
    kind: 'value',
    valueName: 'DIR',
    help: 'where to write demo.csv and demo.svg (default out/demo)',
  },
  { name: 'seed', kind: 'value', valueName: 'N', help: 'noise seed (default 20251020)' },
  ...PLOT_WINDOW_OPTIONS,
];

const KST_MS = 9 * 3_600_000;

export const demoCommand: Command = {
  name: 'demo',
  summary: 'generate a messaging metric with incidents, detect them and draw the result',
  usage: 'demo [--output-dir DIR] [--seed N] [--from TIME] [--to TIME]',
  description: `Generates 8 weeks of "messages sent per 5 minutes" for a Korean service (daily and
weekly cycles, growth, Chuseok 2025, noise) with three injected incidents and judges it twice with
the model's defaults and the Korean holidays: once with one fit on the whole history, once streaming
(every point by a model fitted only on the 28 days before it, as the backend judges live data). It
prints which incidents raised an alert in each, and writes the offline verdicts (CSV) and a picture
(SVG) that shades the injected incidents and the Korean holidays the model uses; --from/--to draw a
stretch.`,
  options: OPTIONS,
  run(argv: string[], io: CliIO): number {
    const args = parseArgs(argv, OPTIONS, 'demo');
    const dir = (stringOption(args, 'output-dir') ?? 'out/demo').replace(/[\\/]+$/, '');
    const seed = integerOption(args, 'seed', 0);
    const window = readPlotWindow(args, true, 'a plot');
    const csvPath = `${dir}/demo.csv`;
    const svgPath = `${dir}/demo.svg`;
    prepareFiles(
      io,
      [],
      [
        { option: '--output-dir', path: csvPath },
        { option: '--output-dir', path: svgPath },
      ]
    );
    const series = generateDemoSeries(seed === undefined ? {} : { seed });
    const params = demoModelParams(series);
    const plotSpan = windowSpan(series.timestamps, window, 'the demo series');
    let started = io.now();
    const detection = detectBatch(series.timestamps, series.values, params);
    const elapsed = io.now() - started;
    started = io.now();
    const streaming = detectOnline(series.timestamps, series.values, params);
    const streamingElapsed = io.now() - started;

    const timestampText = Array.from(series.timestamps, (t) => new Date(t).toISOString().replace('.000Z', 'Z'));
    const valueText = Array.from(series.values, String);
    io.writeFile(csvPath, detectionCsv({ timestampText, values: series.values, valueText }, detection));
    io.writeFile(
      svgPath,
      renderPlotSvg({
        title: `Messages sent per 5 minutes (demo): offline fit, ${formatPercent(DEFAULT_PARAMS.interval_width)} band, outliers at ${formatPercent(DEFAULT_PARAMS.outlier_width)}`,
        values: series.values,
        ...detection,
        marked: series.incidents.map((incident) => ({ range: [incident.start, incident.end], label: incident.kind })),
        holidays: plotHolidays(params, ...plotSpan),
        window,
      })
    );
    io.stdout(
      [
        ...header(series),
        `  offline: one fit on the whole history with KR holidays, ${formatPercent(DEFAULT_PARAMS.interval_width)} band drawn, outliers outside the ${formatPercent(DEFAULT_PARAMS.outlier_width)} band; fit + judge took ${Math.round(elapsed)} ms`,
        ...verdicts(series, detection),
        `  streaming: each point judged by a model of the 28 days before it (${formatCount(streaming.refits)} fits, ${formatCount(streaming.judged)} points judged, ${Math.round(streamingElapsed)} ms)`,
        ...verdicts(series, streaming),
      ].join('\n') + '\n'
    );
    io.stdout(`wrote ${csvPath} and ${svgPath}\n`);
    return 0;
  },
};

function header(series: DemoSeries): string[] {
  const n = series.timestamps.length;
  return [
    'Foresight demo: messages sent per 5 minutes',
    `  ${formatCount(n)} points from ${formatUtc(series.timestamps[0])} to ${formatUtc(series.timestamps[n - 1])}`,
    `  Korean holidays inside: ${describeHolidays(series)}`,
  ];
}

/** Outliers, alerts, incidents caught and false alarms (named when on a holiday) of one detection. */
function verdicts(series: DemoSeries, detection: Detection): string[] {
  const episodes = findEpisodes(series.timestamps, detection.outlier, detection.score, DEMO_ALERT_RULE.maxGapMs);
  const report: IncidentReport = matchIncidents(series.incidents, episodes, DEMO_ALERT_RULE);
  let above = 0;
  let below = 0;
  let judged = 0;
  let lowest = Infinity;
  for (let i = 0; i < detection.outlier.length; i++) {
    above += detection.outlier[i] === 1 ? 1 : 0;
    below += detection.outlier[i] === -1 ? 1 : 0;
    if (Number.isFinite(detection.yhat[i])) {
      judged++;
      lowest = Math.min(lowest, detection.yhat[i]);
    }
  }
  const detected = report.incidents.filter((x) => x.alert !== null).length;
  return [
    `    outliers: ${formatCount(above + below)} (${(((above + below) / judged) * 100).toFixed(1)}% of judged points), ${formatCount(above)} above, ${formatCount(below)} below; lowest expectation ${formatCount(Math.round(lowest))}`,
    `    alerts (outliers ${DEMO_RULE_TEXT}): ${report.alerts.length}; injected incidents detected: ${detected} of ${report.incidents.length}`,
    ...report.incidents.map(({ incident, alert }) => {
      const verdict = alert ? `detected at ${formatUtc(alert.start)}, ${alert.points} points flagged` : 'missed';
      return `      ${incident.kind.padEnd(11)} ${formatUtc(incident.start)} (${kst(incident.start)} KST)  ${verdict}  [${incident.description}]`;
    }),
    `    false alarms: ${report.falseAlarms.length}${report.falseAlarms.length > 0 ? ':' : ''}`,
    ...report.falseAlarms.map(
      (e) =>
        `      ${formatUtc(e.start)} (${kst(e.start)} KST, ${weekdayKst(e.start)})  ${e.points} points ${e.direction > 0 ? 'above' : 'below'}${holidayNote(series, e.start)}`
    ),
  ];
}

const DEMO_RULE_TEXT = `for ${DEMO_ALERT_RULE.minPoints}+ points, gaps up to ${DEMO_ALERT_RULE.maxGapMs / 60_000} min`;

function describeHolidays(series: DemoSeries): string {
  if (series.holidays.length === 0) {
    return 'none';
  }
  return series.holidays.map((h) => `${h.name} ${h.date.slice(5)}`).join(', ');
}

function kst(ms: number): string {
  return new Date(ms + KST_MS).toISOString().slice(5, 16).replace('T', ' ');
}

function weekdayKst(ms: number): string {
  return ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][new Date(ms + KST_MS).getUTCDay()];
}

function holidayNote(series: DemoSeries, ms: number): string {
  const date = new Date(ms + KST_MS).toISOString().slice(0, 10);
  const names = series.holidays.filter((h) => h.date === date).map((h) => h.name);
  return names.length > 0 ? ` on ${names.join(' / ')}` : '';
}

function formatPercent(width: number | undefined): string {
  return `${Number((100 * (width ?? 0.8)).toPrecision(4))}%`;
}
