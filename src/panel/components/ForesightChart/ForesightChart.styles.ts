import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';

import { uplotLayout } from '../../chart/uplotLayout';

export const getStyles = (theme: GrafanaTheme2) => ({
  root: css(uplotLayout(theme)),
  excludeMode: css({ '.u-over': { cursor: 'col-resize' } }),
  tooltip: css({
    position: 'absolute',
    zIndex: 2,
    pointerEvents: 'none',
    padding: theme.spacing(0.75, 1),
    background: theme.colors.background.elevated,
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    boxShadow: theme.shadows.z2,
    fontSize: theme.typography.bodySmall.fontSize,
    whiteSpace: 'nowrap',
    'td:first-child': { color: theme.colors.text.secondary, paddingRight: theme.spacing(1.5) },
  }),
});
