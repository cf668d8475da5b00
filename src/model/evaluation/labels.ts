/**
 * Labels people gave a series (incidents, false alarms) in evaluation: what they change in the fits that
 * cross-validation makes, and how the alarms on held-out points meet them (precision and recall).
 */
import { ModelInputError } from '../index';
import type { ModelParams, TimeRange } from '../index';

/** Labelled ranges, [start_ms, end_ms] inclusive (the engine's `labels` option). */
export interface EvaluationLabels {
  incidents: TimeRange[];
  false_alarms: TimeRange[];
}

/**
 * Alarms on held-out points against the labels. An alarm is a run of consecutive outlier points (either side)
 * within one cutoff's held-out window; it is in an incident (on a false alarm) when any of its points is.
 */
export interface LabelMetrics {
  /** Labelled incidents with at least one held-out point: the ones cross-validation could find. */
  incidents: number;
  /** Of those, the ones with a flagged held-out point. */
  incidents_found: number;
  alarms: number;
  alarms_on_false_alarms: number;
  alarms_in_incidents: number;
  /** alarms_in_incidents / alarms; null without alarms. */
  precision: number | null;
  /** incidents_found / incidents; null without incidents. */
  recall: number | null;
}

/** One cutoff's held-out points as the fitted model judged them (time order). */
export interface JudgedFold {
  ds: Float64Array;
  outlier: ArrayLike<number>;
}

function checkRanges(value: unknown, name: string): TimeRange[] {
  if (value === undefined) {
    return [];
  }
  if (!Array.isArray(value)) {
    throw new ModelInputError(`${name} must be a list of [from_ms, to_ms] pairs`);
  }
  return value.map((range: unknown, i): TimeRange => {
    if (!Array.isArray(range) || range.length !== 2 || !range.every((v) => Number.isFinite(v))) {
      throw new ModelInputError(`${name}[${i}] must be a [from_ms, to_ms] pair of numbers`);
    }
    const [from, to] = range as [number, number];
    if (to < from) {
      throw new ModelInputError(`${name}[${i}] ends before it starts`);
    }
    return [from, to];
  });
}

/** Validates the `labels` option; ModelInputError naming the first bad entry. */
export function checkLabels(value: unknown): EvaluationLabels {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ModelInputError('labels must be an object with "incidents" and "false_alarms" lists');
  }
  const o = value as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (key !== 'incidents' && key !== 'false_alarms') {
      throw new ModelInputError(`labels has an unknown field "${key}" (known: incidents, false_alarms)`);
    }
  }
  return {
    incidents: checkRanges(o.incidents, 'labels.incidents'),
    false_alarms: checkRanges(o.false_alarms, 'labels.false_alarms'),
  };
}

/**
 * The parameters a fit under labels uses: incidents left out of training like exclusions, false alarms added
 * to `false_alarms` (a fit uses only those among its own training points, so a label after a cutoff never
 * reaches the fit before it).
 */
export function labelledParams(params: Partial<ModelParams>, labels: EvaluationLabels): Partial<ModelParams> {
  return {
    ...params,
    exclude: [...(params.exclude ?? []), ...labels.incidents],
    false_alarms: [...(params.false_alarms ?? []), ...labels.false_alarms],
  };
}

function touches(ranges: TimeRange[], ms: number): number[] {
  const hits: number[] = [];
  ranges.forEach((r, k) => {
    if (ms >= r[0] && ms <= r[1]) {
      hits.push(k);
    }
  });
  return hits;
}

/** Counts alarms (runs of outlier points per fold) and incidents over the folds. */
export function labelMetrics(folds: JudgedFold[], labels: EvaluationLabels): LabelMetrics {
  const heldOut = new Uint8Array(labels.incidents.length);
  const found = new Uint8Array(labels.incidents.length);
  let alarms = 0;
  let onFalseAlarms = 0;
  let inIncidents = 0;
  for (const fold of folds) {
    let inRun = false;
    let runInIncident = false;
    let runOnFalseAlarm = false;
    const closeRun = () => {
      if (inRun) {
        alarms++;
        inIncidents += runInIncident ? 1 : 0;
        onFalseAlarms += runOnFalseAlarm ? 1 : 0;
      }
      inRun = runInIncident = runOnFalseAlarm = false;
    };
    for (let i = 0; i < fold.ds.length; i++) {
      const incidents = touches(labels.incidents, fold.ds[i]);
      incidents.forEach((k) => (heldOut[k] = 1));
      if (fold.outlier[i] === 0) {
        closeRun();
        continue;
      }
      inRun = true;
      incidents.forEach((k) => (found[k] = 1));
      runInIncident ||= incidents.length > 0;
      runOnFalseAlarm ||= touches(labels.false_alarms, fold.ds[i]).length > 0;
    }
    closeRun();
  }
  const incidents = heldOut.reduce((s, v) => s + v, 0);
  const incidentsFound = found.reduce((s, v) => s + v, 0);
  return {
    incidents,
    incidents_found: incidentsFound,
    alarms,
    alarms_on_false_alarms: onFalseAlarms,
    alarms_in_incidents: inIncidents,
    precision: alarms > 0 ? inIncidents / alarms : null,
    recall: incidents > 0 ? incidentsFound / incidents : null,
  };
}
