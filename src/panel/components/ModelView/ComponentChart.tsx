import { css } from '@emotion/css';
import { formattedValueToString, getValueFormat, GrafanaTheme2, TimeZone } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';

import { yRange } from '../../chart/chartOptions';
import { formatTicks } from '../../chart/timeAxis';
import { uplotLayout } from '../../chart/uplotLayout';

export interface ComponentChartProps {
  name: string;
  times: number[];
  values: Array<number | null>;
  width: number;
  /** The dashboard's, so the times read as on the panel's charts (uPlot alone labels them in the browser's). */
  timeZone: TimeZone;
}

const HEIGHT = 110;

/** A small line chart of one model component (trend, a seasonality, holidays). */
export function ComponentChart({ name, times, values, width, timeZone }: ComponentChartProps) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) {
      return;
    }
    const short = getValueFormat('short');
    const axis = {
      stroke: theme.colors.text.secondary,
      grid: { stroke: theme.colors.border.weak, width: 1 },
      size: 60,
    };
    const plot = new uPlot(
      {
        width,
        height: HEIGHT,
        ms: 1,
        legend: { show: false },
        cursor: { show: false },
        scales: { y: { range: (_u, min, max) => yRange(min, max) } },
        axes: [
          {
            ...axis,
            size: 28,
            values: (u, splits) => formatTicks(splits, (u.scales.x.max ?? 0) - (u.scales.x.min ?? 0), timeZone),
          },
          { ...axis, values: (_u, splits) => splits.map((v) => formattedValueToString(short(v))) },
        ],
        series: [{}, { label: name, stroke: theme.visualization.getColorByName('blue'), width: 1.5 }],
      },
      [times, values],
      ref.current
    );
    return () => plot.destroy();
  }, [name, times, values, width, theme, timeZone]);
  return (
    <div className={styles.item}>
      <strong>{name}</strong>
      <div ref={ref} className={styles.chart} />
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  item: css({ marginTop: theme.spacing(1) }),
  chart: css(uplotLayout(theme)),
});
