import { colorManipulator, GrafanaTheme2 } from '@grafana/data';

import type { AnnotationKind } from '../../shared/constants';

export interface ChartColors {
  value: string;
  expected: string;
  band: string;
  above: string;
  below: string;
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
    value: theme.isDark ? color('#E0E0E0') : color('#202226'),
    expected: color('blue'),
    band: colorManipulator.alpha(color('blue'), opacity),
    above: color('red'),
    below: color('purple'),
    axis: theme.colors.text.secondary,
    grid: theme.colors.border.weak,
    regions: {
      exclude: colorManipulator.alpha(theme.colors.text.disabled, theme.isDark ? 0.22 : 0.16),
      incident: colorManipulator.alpha(color('red'), 0.12),
      falseAlarm: colorManipulator.alpha(color('green'), 0.14),
    },
    regionEdge: colorManipulator.alpha(theme.colors.text.secondary, 0.5),
    selection: colorManipulator.alpha(theme.colors.primary.main, 0.18),
  };
}
