/**
 * Readers for the datasource's resource answers (pkg/plugin/handler_call_resource.go): `{ series: [{ name,
 * labels, times, components: {trend, daily, ...}, report, error }], notices }`. Anything malformed is dropped
 * or reported, never drawn.
 */

import type { ResourceSeries } from './seriesMatch';

/** One series' decomposition: times and each component (trend, seasonalities, holidays) in y units. */
export interface Decomposition extends ResourceSeries {
  name: string;
  times: number[];
  components: Array<{ name: string; values: Array<number | null> }>;
  /** Set when the backend could not decompose this series. */
  error?: string;
}

export interface MetricRow {
  /** 'overall' or the horizon, e.g. '1h'. */
  label: string;
  metrics: Record<string, number>;
}

export interface CrossValidation extends ResourceSeries {
  name: string;
  overall: MetricRow | null;
  byHorizon: MetricRow[];
  /** How the held-out alarms met the series' incident and false-alarm labels; null when it has none. */
  labelMetrics: LabelMetrics | null;
  error?: string;
}

/** The engine's `label_metrics`: alarms are runs of flagged held-out points, counted against the labels. */
export interface LabelMetrics {
  incidents: number;
  incidentsFound: number;
  alarms: number;
  alarmsInIncidents: number;
  alarmsOnFalseAlarms: number;
  /** alarmsInIncidents / alarms; null without alarms. */
  precision: number | null;
  /** incidentsFound / incidents; null without incidents. */
  recall: number | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function finiteOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function numbersOrNull(value: unknown): Array<number | null> | null {
  if (!Array.isArray(value)) {
    return null;
  }
  return value.map((v) => (typeof v === 'number' && Number.isFinite(v) ? v : null));
}

function seriesList(body: unknown): Array<Record<string, unknown>> {
  const list = isRecord(body) && Array.isArray(body.series) ? body.series : Array.isArray(body) ? body : [];
  return list.filter(isRecord);
}

function seriesName(entry: Record<string, unknown>, index: number): string {
  if (isRecord(entry.labels) && Object.keys(entry.labels).length > 0) {
    return Object.entries(entry.labels)
      .map(([key, value]) => `${key}=${String(value)}`)
      .join(', ');
  }
  return typeof entry.name === 'string' && entry.name ? entry.name : `series ${index + 1}`;
}

/** A series' heading and what it is matched to the panel's series by. */
function identity(entry: Record<string, unknown>, index: number): ResourceSeries & { name: string } {
  const labels = isRecord(entry.labels)
    ? Object.fromEntries(Object.entries(entry.labels).map(([key, value]) => [key, String(value)]))
    : {};
  return { name: seriesName(entry, index), labels, sourceName: typeof entry.name === 'string' ? entry.name : '' };
}

/** Backend notices (e.g. "only the first 20 of 31 series were evaluated"). */
export function parseNotices(body: unknown): string[] {
  return isRecord(body) && Array.isArray(body.notices)
    ? body.notices.filter((n): n is string => typeof n === 'string')
    : [];
}

/** Reads the `components` resource. Components of the wrong length are dropped. */
export function parseDecomposition(body: unknown): Decomposition[] {
  return seriesList(body).map((entry, index) => {
    const id = identity(entry, index);
    if (typeof entry.error === 'string' && entry.error) {
      return { ...id, times: [], components: [], error: entry.error };
    }
    const rawTimes = numbersOrNull(entry.times ?? entry.time);
    if (!rawTimes || rawTimes.some((t) => t === null)) {
      return { ...id, times: [], components: [], error: 'the answer has no valid times' };
    }
    const times = rawTimes as number[];
    const components: Decomposition['components'] = [];
    const raw = isRecord(entry.components) ? entry.components : {};
    for (const [key, value] of Object.entries(raw)) {
      const values = numbersOrNull(value);
      if (values && values.length === times.length) {
        components.push({ name: key, values });
      }
    }
    return { ...id, times, components };
  });
}

function metricRow(label: string, raw: Record<string, unknown>): MetricRow | null {
  const metrics: Record<string, number> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value === 'number' && Number.isFinite(value) && key !== 'horizon') {
      metrics[key] = value;
    }
  }
  return Object.keys(metrics).length > 0 ? { label, metrics } : null;
}

export function formatHorizon(ms: number): string {
  const hours = ms / 3_600_000;
  if (hours >= 48 && Number.isInteger(hours / 24)) {
    return `${hours / 24}d`;
  }
  return hours >= 1 ? `${Number(hours.toFixed(2))}h` : `${Math.round(ms / 60_000)}m`;
}

/** Per-horizon metrics arrive as columns ({horizon: [...], mse: [...]}); turn them into rows. */
function horizonRows(raw: unknown): MetricRow[] {
  if (!isRecord(raw) || !Array.isArray(raw.horizon)) {
    return [];
  }
  const horizons = raw.horizon as unknown[];
  const rows: MetricRow[] = [];
  horizons.forEach((h, i) => {
    if (typeof h !== 'number') {
      return;
    }
    const cells: Record<string, unknown> = {};
    for (const [key, column] of Object.entries(raw)) {
      if (Array.isArray(column)) {
        cells[key] = column[i];
      }
    }
    const row = metricRow(formatHorizon(h), cells);
    if (row) {
      rows.push(row);
    }
  });
  return rows;
}

const LABEL_COUNTS = {
  incidents: 'incidents',
  incidentsFound: 'incidents_found',
  alarms: 'alarms',
  alarmsInIncidents: 'alarms_in_incidents',
  alarmsOnFalseAlarms: 'alarms_on_false_alarms',
} as const;

/** Reads a report's `label_metrics`; null when it is missing or any count is not a whole number ≥ 0. */
export function parseLabelMetrics(raw: unknown): LabelMetrics | null {
  if (!isRecord(raw)) {
    return null;
  }
  const counts: Partial<Record<keyof typeof LABEL_COUNTS, number>> = {};
  for (const [key, wire] of Object.entries(LABEL_COUNTS) as Array<[keyof typeof LABEL_COUNTS, string]>) {
    const value = raw[wire];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      return null;
    }
    counts[key] = value;
  }
  return {
    ...(counts as Record<keyof typeof LABEL_COUNTS, number>),
    precision: finiteOrNull(raw.precision),
    recall: finiteOrNull(raw.recall),
  };
}

/**
 * Reads the `cv` resource: each series' report is Prophet's performance metrics, overall and by horizon, and
 * `label_metrics` when the series has labels.
 */
export function parseCrossValidation(body: unknown): CrossValidation[] {
  return seriesList(body).map((entry, index) => {
    const id = identity(entry, index);
    if (typeof entry.error === 'string' && entry.error) {
      return { ...id, overall: null, byHorizon: [], labelMetrics: null, error: entry.error };
    }
    const report = isRecord(entry.report) ? entry.report : {};
    return {
      ...id,
      overall: isRecord(report.overall) ? metricRow('overall', report.overall) : null,
      byHorizon: horizonRows(report.byHorizon),
      labelMetrics: parseLabelMetrics(report.label_metrics),
    };
  });
}

/** One candidate of a model ranking: a family with the parameters its grid set, and its cross-validated scores. */
export interface RankedModel {
  label: string;
  /** The selection objective (lower is better); null when the candidate could not be scored. */
  objective: number | null;
  violationRate: number | null;
  mae: number | null;
  coverage: number | null;
  error?: string;
}

export interface ModelRanking extends ResourceSeries {
  name: string;
  objective: string;
  /** The label of the model that would serve (the best, unless the defaults are within the margin of it). */
  winner: string | null;
  /** The model the winner serves inside (a winning decomposition serves in the ensemble), null when it serves alone. */
  servedInside: string | null;
  models: RankedModel[];
  /** How the tuned model's held-out alarms met the series' labels; null when it has none. */
  labelMetrics: LabelMetrics | null;
  error?: string;
}

/** "past {past_period: day}": a family and the parameters its grid set. */
export function modelLabel(candidate: Record<string, unknown>): string {
  const family = typeof candidate.family === 'string' ? candidate.family : 'model';
  const combination = isRecord(candidate.combination) ? Object.entries(candidate.combination) : [];
  return combination.length === 0
    ? family
    : `${family} {${combination.map(([k, v]) => `${k}: ${String(v)}`).join(', ')}}`;
}

/** The `model` of a selection's `overrides` when it differs from the chosen family (the ensemble). */
function insideOf(overrides: unknown, family: unknown): string | null {
  const model = isRecord(overrides) ? overrides.model : undefined;
  return typeof model === 'string' && model !== family ? model : null;
}

/** Reads the `tune` resource asked with `families`: each series' report is a selection (ranking and winner). */
export function parseModelRanking(body: unknown): ModelRanking[] {
  return seriesList(body).map((entry, index) => {
    const id = identity(entry, index);
    const report = isRecord(entry.report) ? entry.report : {};
    const ranking = Array.isArray(report.ranking) ? report.ranking.filter(isRecord) : [];
    const base = {
      ...id,
      objective: typeof report.objective === 'string' ? report.objective : 'violations',
      winner: isRecord(report.winner) ? modelLabel(report.winner) : null,
      servedInside: insideOf(report.overrides, isRecord(report.winner) ? report.winner.family : undefined),
      labelMetrics: parseLabelMetrics(report.label_metrics),
    };
    if (typeof entry.error === 'string' && entry.error) {
      return { ...base, models: [], error: entry.error };
    }
    return {
      ...base,
      models: ranking.map((candidate) => {
        const scores = isRecord(candidate.scores) ? candidate.scores : {};
        return {
          label: modelLabel(candidate),
          objective: finiteOrNull(scores.objective),
          violationRate: finiteOrNull(scores.violationRate),
          mae: finiteOrNull(scores.mae),
          coverage: finiteOrNull(scores.coverage),
          ...(typeof candidate.error === 'string' ? { error: candidate.error } : {}),
        };
      }),
    };
  });
}

/** The model a `model: auto` query's series is served by in the backend, and its swaps. */
export interface ServingModel extends ResourceSeries {
  name: string;
  /** Null while the series has no selection yet (the default ensemble serves meanwhile). */
  serving: {
    label: string;
    score: number | null;
    at: number;
    due: boolean;
    trail: Array<{ at: number; from: string; to: string; fromScore: number | null; toScore: number | null }>;
    /** When every candidate was last ranked (null: not yet), and the challengers compared daily until the next. */
    rankedAt: number | null;
    shortlist: string[];
  } | null;
  error?: string;
}

/** Reads the `selection` resource. */
export function parseServing(body: unknown): ServingModel[] {
  return seriesList(body).map((entry, index) => {
    const id = identity(entry, index);
    if (typeof entry.error === 'string' && entry.error) {
      return { ...id, serving: null, error: entry.error };
    }
    const report = isRecord(entry.report) ? entry.report : {};
    const s = isRecord(report.serving) ? report.serving : null;
    if (s === null) {
      return { ...id, serving: null };
    }
    const overrides = isRecord(s.overrides) ? { ...s.overrides } : {};
    delete overrides.model;
    const inside = insideOf(s.overrides, s.family);
    const trail = Array.isArray(s.trail) ? s.trail.filter(isRecord) : [];
    const shortlist = Array.isArray(s.shortlist) ? s.shortlist.filter(isRecord) : [];
    return {
      ...id,
      serving: {
        label: modelLabel({ family: s.family, combination: overrides }) + (inside ? ` inside the ${inside}` : ''),
        score: finiteOrNull(s.score),
        at: finiteOrNull(s.at) ?? 0,
        due: s.due === true,
        trail: trail.map((t) => ({
          at: finiteOrNull(t.at) ?? 0,
          from: String(t.from ?? ''),
          to: String(t.to ?? ''),
          fromScore: finiteOrNull(t.fromScore),
          toScore: finiteOrNull(t.toScore),
        })),
        rankedAt: finiteOrNull(s.rankedAt),
        shortlist: shortlist.map((c) => modelLabel({ family: c.family, combination: c.combination })),
      },
    };
  });
}
