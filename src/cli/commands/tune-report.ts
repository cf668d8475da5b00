/** What `tune --format json` prints and `tune --plot` draws, for a grid and for `--families`. */
import { resolveParams } from '../../model';
import type { TuneCandidate, TuneResult } from '../../model/evaluation';
import type { RankedCandidate, SelectionResult } from '../../model/selection';
import { formatCount, formatValue } from '../format';
import { renderRankingSvg } from '../plot/ranking-plot';
import { isoTimes, jsonNumber, JSON_FORMAT_VERSION, metricsJson } from '../report-format';

/** The `tune --format json` document for a grid search (see the README). */
export function tuneJson(input: string, result: TuneResult): object {
  return {
    command: 'tune',
    format_version: JSON_FORMAT_VERSION,
    input,
    mode: 'grid',
    metric: result.metric,
    cutoffs: isoTimes(result.cutoffs),
    cutoffs_available: result.cutoffsAvailable,
    fits: result.fits,
    ranking: result.ranking.map((c, i) => ({
      rank: i + 1,
      combination: c.combination,
      metrics: metricsJson(c.metrics),
      ...(c.label_metrics === undefined ? {} : { label_metrics: c.label_metrics }),
    })),
    best: { combination: result.best.combination, params: result.best.params },
  };
}

/** The `tune --families --format json` document (see the README). */
export function familiesJson(input: string, result: SelectionResult): object {
  return {
    command: 'tune',
    format_version: JSON_FORMAT_VERSION,
    input,
    mode: 'families',
    objective: result.objective,
    cutoffs: isoTimes(result.cutoffs),
    fits: result.fits,
    ranking: result.ranking.map((c, i) => ({
      rank: i + 1,
      family: c.family,
      combination: c.combination,
      scores: c.scores === null ? null : candidateScoresJson(c),
      ...(c.error === undefined ? {} : { error: c.error }),
    })),
    winner: { family: result.winner.family, combination: result.winner.combination },
  };
}

function candidateScoresJson(c: RankedCandidate): object {
  const s = c.scores!;
  return {
    objective: jsonNumber(s.objective),
    outside_band: jsonNumber(s.violationRate),
    distance_band_widths: jsonNumber(s.violationMagnitudeBand),
    mae: jsonNumber(s.mae),
    rmse: jsonNumber(s.rmse),
    coverage: jsonNumber(s.coverage),
    points: s.n,
    ...(s.label_score === undefined ? {} : { label_score: s.label_score, label_metrics: s.label_metrics }),
  };
}

/** Bar labels longer than this use initials for the parameter names (changepoint_prior_scale → cps). */
const WIDE_LABEL = 48;

/** The ranking of a grid search as bars of the number it was ranked by, top `top`. */
export function tunePlot(name: string, result: TuneResult, top: number): string {
  const measure = rankedMeasure(result);
  const shown = result.ranking.slice(0, top);
  const { labels, legend } = barLabels(shown.map((c) => ({ prefix: '', combination: c.combination })));
  return renderRankingSvg({
    title: `${name}: tuning, ${result.ranking.length} combinations ranked by ${result.metric}`,
    subtitle:
      `${shownOf(shown.length, result.ranking.length)} on ${result.cutoffs.length} cutoffs ` +
      `(${formatCount(result.fits)} fits)`,
    legend,
    valueName: `${measure.name} (lower is better)`,
    bars: shown.map((c, i) => ({ label: labels[i], value: measure.value(c) })),
  });
}

/** The ranking of model families (tune --families) as bars of their objective. */
export function familiesPlot(name: string, result: SelectionResult, top: number): string {
  const shown = result.ranking.slice(0, top);
  const labelled = result.ranking.some((c) => c.scores?.label_score !== undefined);
  const { labels, legend } = barLabels(shown.map((c) => ({ prefix: `${c.family} `, combination: c.combination })));
  return renderRankingSvg({
    title: `${name}: model families ranked by ${result.objective}`,
    subtitle:
      `${shownOf(shown.length, result.ranking.length)} on ${result.cutoffs.length} cutoffs ` +
      `(${formatCount(result.fits)} fits)${labelled ? ', by the label score first' : ''}; ` +
      `in colour: the model that serves${servingNote(result)}`,
    legend,
    valueName: `objective ${result.objective} (lower is better)`,
    bars: shown.map((c, i) => ({ label: labels[i], value: c.scores?.objective ?? null })),
    winner: shown.indexOf(result.winner),
  });
}

/**
 * "cps=0.01  sps=10" per candidate: full parameter names while every label is short enough, else
 * their initials where those are unambiguous, with a legend for the subtitle.
 */
function barLabels(candidates: Array<{ prefix: string; combination: object }>): {
  labels: string[];
  legend: string | undefined;
} {
  const keys = [...new Set(candidates.flatMap((c) => Object.keys(c.combination)))];
  const short = new Map(keys.map((k) => [k, initials(k)]));
  const text = (c: { prefix: string; combination: object }, name: (key: string) => string): string =>
    c.prefix +
    Object.entries(c.combination)
      .map(([k, v]) => `${name(k)}=${formatValue(v)}`)
      .join('  ');
  const full = candidates.map((c) => text(c, (k) => k));
  if (full.every((label) => label.length <= WIDE_LABEL) || new Set(short.values()).size < keys.length) {
    return { labels: full, legend: undefined };
  }
  return {
    labels: candidates.map((c) => text(c, (k) => short.get(k) ?? k)),
    legend: keys.map((k) => `${short.get(k)} = ${k}`).join(', '),
  };
}

/** Why the serving model is not the best-ranked one, when it is not. */
function servingNote(result: SelectionResult): string {
  const d = result.decision;
  return result.winner === result.ranking[0] || d === undefined
    ? ''
    : ` (the defaults: the best is not ${Math.round(d.margin * 100)}% better)`;
}

function shownOf(shown: number, all: number): string {
  return shown < all ? `best ${shown} of ${all} shown (--top for more)` : `all ${all} shown`;
}

/** What a grid ranking went by, as one number per candidate. */
function rankedMeasure(result: TuneResult): { name: string; value: (c: TuneCandidate) => number | null } {
  switch (result.metric) {
    case 'coverage':
      return {
        name: 'distance of coverage from the nominal interval width',
        value: (c) => Math.abs(c.metrics.coverage - resolveParams(c.params).interval_width),
      };
    case 'violations':
      return { name: 'share of points outside the band', value: (c) => c.metrics.violationRate };
    case 'violationMagnitude':
      // The ranking reads the distance in band widths (serviceScore.ts); in the series' units it can order otherwise.
      return {
        name: 'mean distance outside the band, in band widths',
        value: (c) => c.metrics.violationMagnitudeBand,
      };
    default: {
      const metric = result.metric;
      return { name: metric, value: (c) => c.metrics[metric] };
    }
  }
}

/** changepoint_prior_scale → cps */
function initials(key: string): string {
  return key
    .split('_')
    .map((word) => word[0])
    .join('');
}
