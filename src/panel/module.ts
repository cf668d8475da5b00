import { PanelPlugin } from '@grafana/data';

import { ForesightPanel } from './components/ForesightPanel';
import { DEFAULT_PANEL_OPTIONS, ForesightPanelOptions } from './types';

export const plugin = new PanelPlugin<ForesightPanelOptions>(ForesightPanel).setPanelOptions((builder) =>
  builder
    .addBooleanSwitch({
      path: 'showBand',
      name: 'Show band',
      description: 'Shade the uncertainty band between yhat_lower and yhat_upper',
      defaultValue: DEFAULT_PANEL_OPTIONS.showBand,
    })
    .addBooleanSwitch({
      path: 'showOutliers',
      name: 'Show outliers',
      description: 'Mark points outside the band',
      defaultValue: DEFAULT_PANEL_OPTIONS.showOutliers,
    })
);
