import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

import type { AnnotationKind } from '../../../shared/constants';
import type { ChartColors } from '../../chart/colors';
import { TEST_IDS } from '../../constants';
import type { Direction, LayerOptions } from '../../types';

export interface LegendProps {
  colors: ChartColors;
  layers: LayerOptions;
  /** Kinds of region on the charts drawn: incidents and false alarms get an entry only where there are some. */
  regionKinds?: readonly AnnotationKind[];
  /** Which outliers the charts mark (the panel's direction option). */
  direction?: Direction;
}

type Swatch = 'line' | 'dash' | 'area' | 'dot' | 'hatch';

/** What each mark on the chart means, for the layers that are on. */
export function Legend({ colors, layers, regionKinds = [], direction = 'both' }: LegendProps) {
  const styles = useStyles2(getStyles);
  const items: Array<{ on: boolean; label: string; color: string; swatch: Swatch }> = [
    { on: layers.value, label: 'Value', color: colors.value, swatch: 'line' },
    { on: layers.expected, label: 'Expected', color: colors.expected, swatch: 'line' },
    { on: layers.band, label: 'Band', color: colors.band, swatch: 'area' },
    { on: layers.forecast, label: 'Forecast', color: colors.expected, swatch: 'dash' },
    { on: layers.outliers && direction !== 'below', label: 'Outlier, high', color: colors.above, swatch: 'dot' },
    { on: layers.outliers && direction !== 'above', label: 'Outlier, low', color: colors.below, swatch: 'dot' },
    { on: layers.exclusions, label: 'Excluded', color: colors.regions.exclude, swatch: 'hatch' },
    {
      on: layers.exclusions && regionKinds.includes('incident'),
      label: 'Incident',
      color: colors.regions.incident,
      swatch: 'area',
    },
    {
      on: layers.exclusions && regionKinds.includes('falseAlarm'),
      label: 'False alarm',
      color: colors.regions.falseAlarm,
      swatch: 'area',
    },
  ];
  return (
    <div className={styles.legend} data-testid={TEST_IDS.legend}>
      {items
        .filter((item) => item.on)
        .map((item) => (
          <span key={item.label} className={styles.item}>
            <span
              className={styles[item.swatch]}
              style={{
                color: item.color,
                backgroundColor: item.swatch === 'area' || item.swatch === 'hatch' ? item.color : undefined,
              }}
            />
            {item.label}
          </span>
        ))}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => {
  const swatch = { display: 'inline-block', width: 16, marginRight: theme.spacing(0.5), verticalAlign: 'middle' };
  return {
    legend: css({
      display: 'flex',
      flexWrap: 'wrap',
      gap: theme.spacing(1.5),
      fontSize: theme.typography.bodySmall.fontSize,
      color: theme.colors.text.secondary,
      paddingTop: theme.spacing(0.5),
    }),
    item: css({ whiteSpace: 'nowrap' }),
    line: css({ ...swatch, borderTop: '2px solid currentColor' }),
    dash: css({ ...swatch, borderTop: '2px dashed currentColor' }),
    area: css({ ...swatch, height: 10 }),
    dot: css({ ...swatch, width: 9, height: 9, borderRadius: '50%', background: 'currentColor' }),
    hatch: css({
      ...swatch,
      height: 10,
      backgroundImage: `repeating-linear-gradient(45deg, ${theme.colors.text.disabled} 0 1px, transparent 1px 5px)`,
    }),
  };
};
