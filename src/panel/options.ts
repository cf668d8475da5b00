import { PanelOptionsEditorBuilder } from '@grafana/data';

import {
  DEFAULT_LAYERS,
  DEFAULT_PANEL_OPTIONS,
  Direction,
  ExclusionScope,
  ForesightPanelOptions,
  LayerOptions,
} from './types';

const LAYERS: Array<{ key: keyof LayerOptions; name: string; description: string }> = [
  { key: 'value', name: 'Value', description: 'The measured series' },
  { key: 'expected', name: 'Expected', description: 'The model’s expectation (yhat)' },
  { key: 'band', name: 'Band', description: 'Shaded from yhat_lower to yhat_upper' },
  { key: 'forecast', name: 'Forecast', description: 'Expectation beyond the last value, dashed' },
  {
    key: 'outliers',
    name: 'Outliers',
    description:
      'Markers where the value leaves the outlier band (outlier_width, 99.5% by default), wider than the band drawn',
  },
  {
    key: 'exclusions',
    name: 'Excluded regions',
    description: 'Ranges left out of training, hatched; incident and false-alarm labels, shaded',
  },
];

const DIRECTIONS: Array<{ value: Direction; label: string }> = [
  { value: 'both', label: 'Both' },
  { value: 'above', label: 'Above' },
  { value: 'below', label: 'Below' },
];

const SCOPES: Array<{ value: ExclusionScope; label: string }> = [
  { value: 'panel', label: 'This dashboard and panel' },
  { value: 'organization', label: 'Whole organisation' },
];

/** Panel options by category: layers, appearance, outliers, many series, exclusions. */
export function addPanelOptions(builder: PanelOptionsEditorBuilder<ForesightPanelOptions>) {
  for (const layer of LAYERS) {
    builder.addBooleanSwitch({
      path: `layers.${layer.key}`,
      name: layer.name,
      description: layer.description,
      category: ['Layers'],
      defaultValue: DEFAULT_LAYERS[layer.key],
    });
  }
  return builder
    .addSliderInput({
      path: 'bandOpacity',
      name: 'Band opacity',
      category: ['Appearance'],
      defaultValue: DEFAULT_PANEL_OPTIONS.bandOpacity,
      settings: { min: 0, max: 1, step: 0.05 },
    })
    .addSliderInput({
      path: 'markerSize',
      name: 'Outlier marker size',
      category: ['Appearance'],
      defaultValue: DEFAULT_PANEL_OPTIONS.markerSize,
      settings: { min: 1, max: 10, step: 1 },
    })
    .addRadio({
      path: 'direction',
      name: 'Outlier direction',
      description: 'Which outliers are marked and counted',
      category: ['Outliers'],
      defaultValue: DEFAULT_PANEL_OPTIONS.direction,
      settings: { options: DIRECTIONS },
    })
    .addBooleanSwitch({
      path: 'onlyWithOutliers',
      name: 'Only series with outliers',
      description: 'Initial state of the toolbar filter',
      category: ['Many series'],
      defaultValue: DEFAULT_PANEL_OPTIONS.onlyWithOutliers,
    })
    .addNumberInput({
      path: 'maxCharts',
      name: 'Max charts',
      description: 'Series drawn at once as small multiples; the picker reaches the rest',
      category: ['Many series'],
      defaultValue: DEFAULT_PANEL_OPTIONS.maxCharts,
      settings: { min: 1, max: 50, integer: true },
    })
    .addNumberInput({
      path: 'topN',
      name: 'Top N',
      description:
        'Chart only the N most anomalous series, ranked by the significance of their latest point (the score where frames have no significance); 0 charts all',
      category: ['Many series'],
      defaultValue: DEFAULT_PANEL_OPTIONS.topN,
      settings: { min: 0, integer: true },
    })
    .addBooleanSwitch({
      path: 'outsideStrip',
      name: 'Outside-band strip',
      description: 'Above the charts, how many of all the series are outside the band over time',
      category: ['Many series'],
      defaultValue: DEFAULT_PANEL_OPTIONS.outsideStrip,
    })
    .addRadio({
      path: 'exclusionScope',
      name: 'New exclusions apply to',
      category: ['Exclusions'],
      defaultValue: DEFAULT_PANEL_OPTIONS.exclusionScope,
      settings: { options: SCOPES },
    });
}
