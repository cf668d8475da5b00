import { fitModel } from '../families/registry';
import { HOUR_MS, makeSeries, seededNormal } from '../testing/synthetic';
import { FALSE_ALARM_COST, INCIDENT_FOUND_GAIN, labelScore, rankByLabels } from './labelObjective';
import type { RankedCandidate } from './select';
import { selectModel } from './select';
import { decideSwap } from './swap';

const metrics = (found: number, onFalseAlarms: number) => ({
  incidents: 2,
  incidents_found: found,
  alarms: 5,
  alarms_on_false_alarms: onFalseAlarms,
  alarms_in_incidents: found,
  precision: found / 5,
  recall: found / 2,
});

describe('the label objective', () => {
  it('gains for incidents found and pays for alarms on false alarms, a found incident worth two repeats', () => {
    expect(labelScore(metrics(1, 0))).toBe(INCIDENT_FOUND_GAIN);
    expect(labelScore(metrics(0, 3))).toBe(-3 * FALSE_ALARM_COST);
    expect(labelScore(metrics(1, 2))).toBe(labelScore(metrics(0, 0)));
  });

  it('orders by label score first and keeps the service order among ties', () => {
    // Service order 2, 0, 1, 3; label scores by candidate index.
    expect(rankByLabels([2, 0, 1, 3], [0, 2, 0, -1])).toEqual([1, 2, 0, 3]);
  });
});

function candidate(objective: number, labelScoreValue: number): RankedCandidate {
  const combination = { changepoint_prior_scale: objective };
  return {
    family: 'decomposition',
    combination,
    params: combination,
    scores: {
      violationRate: objective,
      violationMagnitudeBand: 0.2,
      objective,
      mae: 1,
      rmse: 1,
      coverage: 0.8,
      n: 48,
      cutoffs: [1],
      perCutoff: [objective],
      label_metrics: metrics(0, 0),
      label_score: labelScoreValue,
    },
  };
}

describe('decideSwap with labels', () => {
  it('lets a higher label score decide whatever the objective, and a lower one never swap', () => {
    const incumbent = candidate(0.1, 0);
    const better = decideSwap(incumbent, candidate(0.2, 2), { at: 1 });
    expect(better.swapped).toBe(true);
    expect(better.trail.label_scores).toEqual({ incumbent: 0, challenger: 2 });
    expect(decideSwap(incumbent, candidate(0.01, -1), { at: 1 }).swapped).toBe(false);
    // Equal label scores: the objective and margin decide as without labels.
    expect(decideSwap(incumbent, candidate(0.05, 0), { at: 1 }).swapped).toBe(true);
    expect(decideSwap(incumbent, candidate(0.098, 0), { at: 1 }).swapped).toBe(false);
  });
});

describe('selectModel with labels', () => {
  it('scores every candidate against the labels and ranks by label score first, deterministically', () => {
    const noise = seededNormal(3);
    const s = makeSeries(21 * 24, HOUR_MS, (d) => 100 + 30 * Math.sin(2 * Math.PI * d) + 3 * noise());
    const start = s.timestamps[0];
    // A burst at 10:00 every fourth day, labelled a false alarm; an outage on day 20, labelled an incident.
    const falseAlarms: Array<[number, number]> = [];
    for (let day = 2; day < 21; day += 4) {
      const i = day * 24 + 10;
      s.values[i] += 25;
      falseAlarms.push([s.timestamps[i] - HOUR_MS, s.timestamps[i] + HOUR_MS]);
    }
    for (let i = 20 * 24 + 14; i < 20 * 24 + 17; i++) {
      s.values[i] -= 80;
    }
    const incident: [number, number] = [start + (20 * 24 + 14) * HOUR_MS, start + (20 * 24 + 16) * HOUR_MS];
    const options = {
      families: ['decomposition', 'past'] as const,
      labels: { incidents: [incident], false_alarms: falseAlarms },
    };
    const result = selectModel(s.timestamps, s.values, {}, options);
    const scores = result.ranking.map((c) => c.scores!.label_score!);
    expect(scores.every((v) => Number.isFinite(v))).toBe(true);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(result.winner.scores!.label_score).toBe(Math.max(...scores));
    expect(result.winner.scores!.label_metrics!.incidents_found).toBe(1);
    expect(selectModel(s.timestamps, s.values, {}, options).ranking).toEqual(result.ranking);
  });
});

describe('model auto with false alarms', () => {
  it('selects with them as labels and fits the winner with them', () => {
    const noise = seededNormal(9);
    const s = makeSeries(14 * 24, HOUR_MS, (d) => 100 + 30 * Math.sin(2 * Math.PI * d) + 3 * noise());
    const at = 12 * 24 + 10;
    s.values[at] += 25;
    const falseAlarms: Array<[number, number]> = [[s.timestamps[at], s.timestamps[at]]];
    const fitted = fitModel(s.timestamps, s.values, { model: 'auto', false_alarms: falseAlarms });
    expect(fitted.selection?.automatic).toBe(true);
    expect(fitted.params.false_alarms).toEqual(falseAlarms);
    expect(fitted.false_alarm_marks?.[0].raise).toBeGreaterThan(1);
  });
});
