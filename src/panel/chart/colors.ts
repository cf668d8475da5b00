import { colorManipulator, GrafanaTheme2 } from '@grafana/data';

import type { AnnotationKind } from '../../shared/constants';
import { CHART_COLOR_NAMES, REGION_ALPHA } from '../../shared/palette';

export interface ChartColors {
  value: string;
  expected: string;
  band: string;
  above: string;
  below: string;
  /** Line and fill of the outside-band strip. */
  outside: string;
  outsideFill: string;
  axis: string;
  grid: string;
  regions: Record<AnnotationKind, string>;
  regionEdge: string;
  selection: string;
}

/** Every colour the chart draws with, from the Grafana theme so light and dark both read well. */
export function chartColors(theme: GrafanaTheme2, bandOpacity: number): ChartColors {
  const color = (name: string) => theme.visualization.getColorByName(name);
  const opacity = Math.min(1, Math.max(0, Number.isFinite(bandOpacity) ? bandOpacity : 0.25));
  return {
    value: theme.isDark ? color('#E0E0E0') : color(CHART_COLOR_NAMES.value),
    expected: color(CHART_COLOR_NAMES.expected),
    band: colorManipulator.alpha(color(CHART_COLOR_NAMES.expected), opacity),
    above: color(CHART_COLOR_NAMES.above),
    below: color(CHART_COLOR_NAMES.below),
    outside: color(CHART_COLOR_NAMES.outside),
    outsideFill: colorManipulator.alpha(color(CHART_COLOR_NAMES.outside), 0.45),
    axis: theme.colors.text.secondary,
    grid: theme.colors.border.weak,
    regions: {
      exclude: colorManipulator.alpha(theme.colors.text.disabled, theme.isDark ? 0.22 : REGION_ALPHA.exclude),
      incident: colorManipulator.alpha(color(CHART_COLOR_NAMES.incident), REGION_ALPHA.incident),
      falseAlarm: colorManipulator.alpha(color(CHART_COLOR_NAMES.falseAlarm), REGION_ALPHA.falseAlarm),
    },
    regionEdge: colorManipulator.alpha(theme.colors.text.secondary, 0.5),
    selection: colorManipulator.alpha(theme.colors.primary.main, 0.18),
  };
}
