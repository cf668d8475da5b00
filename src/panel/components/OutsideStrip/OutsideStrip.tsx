import { css } from '@emotion/css';
import { EventBus, GrafanaTheme2, TimeZone } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import uPlot from 'uplot';

import type { ChartColors } from '../../chart/colors';
import { takeSelection } from '../../chart/selection';
import { buildStripOptions, stripData } from '../../chart/stripOptions';
import { formatTooltipTime } from '../../chart/timeAxis';
import { uplotLayout } from '../../chart/uplotLayout';
import { TEST_IDS } from '../../constants';
import type { OutsideCounts } from '../../data/triage';
import { publishCursor, useSharedCrosshair } from '../../hooks/useSharedCrosshair';

export interface OutsideStripProps {
  counts: OutsideCounts;
  /** Series counted, all of them, not only those drawn. */
  seriesCount: number;
  xRange: [number, number];
  colors: ChartColors;
  width: number;
  height: number;
  timeZone: TimeZone;
  onSelectRange: (from: number, to: number) => void;
  eventBus?: EventBus;
}

export const STRIP_CAPTION_HEIGHT = 16;

/** A compact area of how many series are outside the band over time, above the charts and aligned with them. */
export function OutsideStrip(props: OutsideStripProps) {
  const { counts, seriesCount, xRange, colors, width, height, timeZone, eventBus } = props;
  const styles = useStyles2(getStyles);
  const theme = useTheme2();
  const stripId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | undefined>(undefined);
  const sizeRef = useRef({ width, height });
  const callbacks = useRef({ onSelectRange: props.onSelectRange, eventBus });
  useLayoutEffect(() => {
    sizeRef.current = { width, height };
    callbacks.current = { onSelectRange: props.onSelectRange, eventBus };
  });
  // The hovered row with the counts it indexes: new counts (a refresh) leave it behind rather than misread.
  const [hover, setHover] = useState<{ counts: OutsideCounts; index: number } | null>(null);
  const hovered = hover && hover.counts === counts ? hover.index : null;

  useEffect(() => {
    const root = rootRef.current;
    if (!root) {
      return;
    }
    const opts = buildStripOptions({
      ...sizeRef.current,
      counts,
      xRange,
      colors,
      font: `${Math.max(10, theme.typography.fontSize - 2)}px ${theme.typography.fontFamily}`,
      hooks: {
        onCursor: (u) => {
          const idx = u.cursor.idx;
          const on = idx !== null && idx !== undefined && (u.cursor.left ?? -1) >= 0;
          setHover(on ? { counts, index: idx } : null);
          publishCursor(callbacks.current.eventBus, on ? counts.times[idx] : null, stripId);
        },
        onSelect: (u) => {
          const selected = takeSelection(u);
          if (selected) {
            callbacks.current.onSelectRange(selected.from, selected.to);
          }
        },
      },
    });
    const plot = new uPlot(opts, stripData(counts), root);
    plotRef.current = plot;
    return () => {
      plot.destroy();
      plotRef.current = undefined;
    };
  }, [counts, xRange, colors, theme, stripId]);

  useEffect(() => {
    plotRef.current?.setSize({ width, height });
  }, [width, height]);

  useSharedCrosshair(plotRef, eventBus, stripId);

  const caption =
    hovered === null
      ? `Series outside the band: at most ${counts.peak} of ${seriesCount} at once`
      : `${counts.counts[hovered]} of ${seriesCount} outside at ${formatTooltipTime(counts.times[hovered], timeZone)}`;
  return (
    <div data-testid={TEST_IDS.outsideStrip}>
      <div className={styles.caption} data-testid={TEST_IDS.outsideStripCaption}>
        {caption}
      </div>
      <div ref={rootRef} className={styles.plot} style={{ width, height }} />
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  caption: css({
    height: STRIP_CAPTION_HEIGHT,
    fontSize: theme.typography.bodySmall.fontSize,
    color: theme.colors.text.secondary,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
  }),
  plot: css(uplotLayout(theme)),
});
