import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';

type CssInput = Parameters<typeof css>[0];

/** The few uPlot layout rules a chart needs (uPlot's own stylesheet is not loaded in Grafana). */
export function uplotLayout(theme: GrafanaTheme2): CssInput {
  return {
    position: 'relative',
    '.uplot, .u-wrap': { position: 'relative' },
    '.u-over, .u-under': { position: 'absolute' },
    '.u-wrap': { userSelect: 'none' },
    '.u-select': { position: 'absolute', pointerEvents: 'none', background: theme.colors.action.selected },
    '.u-cursor-x': {
      position: 'absolute',
      left: 0,
      top: 0,
      height: '100%',
      pointerEvents: 'none',
      borderRight: `1px dashed ${theme.colors.text.secondary}`,
    },
    '.u-cursor-y, .u-cursor-pt': { display: 'none' },
    '.u-axis': { position: 'absolute' },
    '.u-off': { display: 'none' },
  };
}
