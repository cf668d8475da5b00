import { cx } from '@emotion/css';
import { EventBus, TimeZone } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';
import { useCallback, useContext, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import uPlot from 'uplot';

import { buildChartOptions, chartData, chartXMax } from '../../chart/chartOptions';
import { chartColors } from '../../chart/colors';
import { takeSelection } from '../../chart/selection';
import { valueFormatter } from '../../chart/valueFormat';
import { TEST_IDS } from '../../constants';
import type { Region } from '../../data/exclusions';
import { outlierIndexes } from '../../data/outliers';
import { pointDetails } from '../../data/pointDetails';
import type { SeriesView } from '../../data/seriesView';
import { keyboardHint, useKeyboardSelection } from '../../hooks/useKeyboardSelection';
import { publishCursor, useSharedCrosshair } from '../../hooks/useSharedCrosshair';
import type { ForesightPanelOptions } from '../../types';
import { ChartTooltip } from './ChartTooltip';
import { ChartRegistryContext } from './chartRegistry';
import { getStyles } from './ForesightChart.styles';

export interface ForesightChartProps {
  series: SeriesView;
  regions: Region[];
  options: ForesightPanelOptions;
  width: number;
  height: number;
  timeRange: { from: number; to: number };
  timeZone: TimeZone;
  /** True while a drag marks a region (exclusion or feedback) rather than zooming. */
  marking: boolean;
  onSelectRange: (from: number, to: number) => void;
  eventBus?: EventBus;
}

interface Hover {
  /** The series the row belongs to: new data (a refresh) leaves the hover behind rather than show another row. */
  series: SeriesView;
  index: number;
  left: number;
  top: number;
}

const TOOLTIP_WIDTH = 240;

/** One series drawn with uPlot: value, expected, band, forecast, outliers and shaded regions. */
export function ForesightChart(props: ForesightChartProps) {
  const { series, regions, options, width, height, timeRange, timeZone, marking, eventBus } = props;
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const registry = useContext(ChartRegistryContext);
  const chartId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | undefined>(undefined);
  const sizeRef = useRef({ width, height });
  const callbacks = useRef({ onSelectRange: props.onSelectRange, eventBus });
  useLayoutEffect(() => {
    sizeRef.current = { width, height };
    callbacks.current = { onSelectRange: props.onSelectRange, eventBus };
  });
  const [hover, setHover] = useState<Hover | null>(null);

  const formatValue = useMemo(() => valueFormatter(series.displayField, theme), [series.displayField, theme]);
  const colors = useMemo(() => chartColors(theme, options.bandOpacity), [theme, options.bandOpacity]);
  const markers = useMemo(
    () => ({
      times: series.times,
      values: series.value,
      outlier: series.outlier,
      indexes: outlierIndexes(series, options.direction),
      radius: options.markerSize,
    }),
    [series, options.direction, options.markerSize]
  );
  const exclusions = useMemo(() => regions.filter((r) => r.kind === 'exclude'), [regions]);
  // The keys span the axis the chart draws, forecast included.
  const xMax = chartXMax(series, timeRange);
  const axis = useMemo(() => ({ from: timeRange.from, to: xMax }), [timeRange.from, xMax]);
  const onKeyRange = useCallback((from: number, to: number) => callbacks.current.onSelectRange(from, to), []);
  const keyboard = useKeyboardSelection(plotRef, series.times, axis, timeZone, onKeyRange);
  const { redraw } = keyboard;

  useEffect(() => {
    const root = rootRef.current;
    if (!root) {
      return;
    }
    const font = `${Math.max(10, theme.typography.fontSize - 2)}px ${theme.typography.fontFamily}`;
    const opts = buildChartOptions({
      ...sizeRef.current,
      series,
      layers: options.layers,
      colors,
      regions,
      markers,
      timeRange,
      timeZone,
      formatValue,
      font,
      hooks: {
        onCursor: (u) => {
          const { idx, left, top } = u.cursor;
          const bus = callbacks.current.eventBus;
          if (idx === null || idx === undefined || left === undefined || left < 0) {
            setHover(null);
            publishCursor(bus, null, chartId);
            return;
          }
          const plotLeft = u.bbox.left / devicePixelRatio;
          const x = left + plotLeft;
          const flip = x + TOOLTIP_WIDTH + 16 > sizeRef.current.width;
          setHover({
            series,
            index: idx,
            left: flip ? x - TOOLTIP_WIDTH - 12 : x + 12,
            top: Math.max(0, (top ?? 0) - 20),
          });
          publishCursor(bus, series.times[idx], chartId);
        },
        onSelect: (u) => {
          const selected = takeSelection(u);
          if (selected) {
            callbacks.current.onSelectRange(selected.from, selected.to);
          }
        },
      },
    });
    const plot = new uPlot(opts, chartData(series), root);
    plotRef.current = plot;
    redraw(plot);
    registry?.add(series.key, plot);
    return () => {
      registry?.remove(series.key);
      plot.destroy();
      plotRef.current = undefined;
    };
  }, [
    series,
    regions,
    colors,
    markers,
    options.layers,
    timeRange,
    timeZone,
    formatValue,
    theme,
    registry,
    chartId,
    redraw,
  ]);

  useEffect(() => {
    plotRef.current?.setSize({ width, height });
  }, [width, height]);

  useSharedCrosshair(plotRef, eventBus, chartId);

  const point = hover && hover.series === series ? pointDetails(series, hover.index, exclusions) : null;
  return (
    <div
      ref={rootRef}
      className={cx(styles.root, marking && styles.excludeMode)}
      style={{ width, height }}
      data-testid={TEST_IDS.chart}
      data-series={series.name}
      // Focusable with a keyboard path to what a drag does; `application` passes the arrow keys to it.
      tabIndex={0}
      role="application"
      aria-label={`${series.name}: select a time range to ${marking ? 'mark' : 'zoom to'}`}
      aria-describedby={`${chartId}-keys`}
      onKeyDown={keyboard.onKeyDown}
      onBlur={keyboard.onBlur}
    >
      <div id={`${chartId}-keys`} className={styles.visuallyHidden}>
        {keyboardHint(marking)}
      </div>
      <div className={styles.visuallyHidden} aria-live="polite" data-testid={TEST_IDS.chartKeyStatus}>
        {keyboard.status}
      </div>
      {point && hover && (
        <ChartTooltip
          point={point}
          left={hover.left}
          top={hover.top}
          className={styles.tooltip}
          timeZone={timeZone}
          formatValue={formatValue}
          warning={series.warning}
        />
      )}
    </div>
  );
}
