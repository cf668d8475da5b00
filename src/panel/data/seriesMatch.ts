import type { SeriesIdentity } from './seriesView';

/** A series in a resource answer, as modelResources reads it. */
export interface ResourceSeries {
  labels: Record<string, string>;
  /** The backend's series name ('' when it gave none). */
  sourceName: string;
}

function sameLabels(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => b[k] === a[k]);
}

/**
 * The resource answer's entry for a panel series: the one with the same labels, the name settling a tie. Display
 * text is no key (overrides and legend formats change it), and no match gives undefined, never another series.
 */
export function matchSeries<T extends ResourceSeries>(items: readonly T[], series: SeriesIdentity): T | undefined {
  const sameSet = items.filter((item) => sameLabels(item.labels, series.labels));
  if (sameSet.length <= 1) {
    return sameSet[0];
  }
  const named = sameSet.filter((item) => item.sourceName === series.name);
  return named.length === 1 ? named[0] : undefined;
}
