import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';

import { uplotLayout } from '../../chart/uplotLayout';

export const getStyles = (theme: GrafanaTheme2) => ({
  root: css(uplotLayout(theme), {
    '&:focus-visible': { outline: `2px solid ${theme.colors.primary.border}`, outlineOffset: 2 },
  }),
  // Read by screen readers, not drawn: the keys' description and what the last key did.
  visuallyHidden: css({
    position: 'absolute',
    width: 1,
    height: 1,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  }),
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
