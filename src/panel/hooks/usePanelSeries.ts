import { DataFrame } from '@grafana/data';
import { useMemo } from 'react';

import type { PanelLocation } from '../data/annotationScope';
import { Region, regionsFromAnnotations, regionsFromExcludedField, mergeRegions } from '../data/exclusions';
import { FrameGap, splitForesightFrames } from '../data/foresightFrames';
import { SeriesView, toSeriesViews } from '../data/seriesView';

const NO_REGIONS: Region[] = [];
const NO_REF_IDS: string[] = [];

export interface PanelSeries {
  all: SeriesView[];
  gaps: FrameGap[];
  /** Regions per series key: annotation regions plus that series' own `excluded` runs, merged. */
  regionsByKey: Map<string, Region[]>;
}

/**
 * Frames and annotations → drawable series and their regions, recomputed only when the data changes. Regions
 * come from the dashboard's annotation frames (those that apply to the panel at `location`), from the Foresight annotations the panel listed itself (so a new
 * or organisation-wide exclusion shows without an annotation query), and from each series' `excluded` field.
 */
export function usePanelSeries(
  frames: DataFrame[],
  annotations: DataFrame[] | undefined,
  location: PanelLocation,
  listed: readonly Region[] = NO_REGIONS,
  /** refIds of queries with exclusion annotations off: the backend trained on their annotated ranges. */
  ignoring: readonly string[] = NO_REF_IDS
): PanelSeries {
  const { dashboardUID, panelId } = location;
  return useMemo(() => {
    const { usable, gaps } = splitForesightFrames(frames);
    const all = toSeriesViews(usable);
    const shared = [...regionsFromAnnotations(annotations, { dashboardUID, panelId }), ...listed];
    // Their exclusion annotations were not applied, so they are not drawn as excluded; the labels still are.
    const labelsOnly = shared.filter((r) => r.kind !== 'exclude');
    const regionsByKey = new Map<string, Region[]>();
    for (const series of all) {
      const annotated = series.refId !== undefined && ignoring.includes(series.refId) ? labelsOnly : shared;
      regionsByKey.set(
        series.key,
        mergeRegions([...annotated, ...regionsFromExcludedField(series.times, series.excluded)])
      );
    }
    return { all, gaps, regionsByKey };
  }, [frames, annotations, dashboardUID, panelId, listed, ignoring]);
}
