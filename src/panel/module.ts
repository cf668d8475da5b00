import { PanelPlugin } from '@grafana/data';

import { ForesightPanel } from './components/ForesightPanel';
import { addPanelOptions } from './options';
import type { ForesightPanelOptions } from './types';

export const plugin = new PanelPlugin<ForesightPanelOptions>(ForesightPanel)
  .useFieldConfig({ disableStandardOptions: [] })
  .setPanelOptions(addPanelOptions);
