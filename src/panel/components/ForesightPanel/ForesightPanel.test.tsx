/**
 * @jest-environment jsdom
 */
import { FieldType, LoadingState, PanelData, getDefaultTimeRange, toDataFrame } from '@grafana/data';
import { render, screen } from '@testing-library/react';

import { ForesightPanel, ForesightPanelProps } from './ForesightPanel';
import { TEST_IDS } from '../../constants';
import { DEFAULT_PANEL_OPTIONS } from '../../types';

const T0 = 1_700_000_000_000;

function panelProps(series: PanelData['series']): ForesightPanelProps {
  const data: PanelData = { state: LoadingState.Done, series, timeRange: getDefaultTimeRange() };
  return {
    id: 1,
    data,
    options: DEFAULT_PANEL_OPTIONS,
    width: 400,
    height: 200,
    fieldConfig: { defaults: {}, overrides: [] },
  } as unknown as ForesightPanelProps;
}

const rawMetric = toDataFrame({
  refId: 'A',
  fields: [
    { name: 'time', type: FieldType.time, values: [T0] },
    { name: 'value', type: FieldType.number, values: [3] },
  ],
});

const forecast = toDataFrame({
  refId: 'B',
  fields: [
    { name: 'time', type: FieldType.time, values: [T0] },
    { name: 'yhat', type: FieldType.number, values: [3] },
    { name: 'yhat_lower', type: FieldType.number, values: [2] },
    { name: 'yhat_upper', type: FieldType.number, values: [4] },
  ],
});

describe('ForesightPanel', () => {
  it('explains which Foresight fields a plain metric lacks', () => {
    render(<ForesightPanel {...panelProps([rawMetric])} />);
    expect(screen.getByTestId(TEST_IDS.missingFields)).toBeInTheDocument();
    expect(screen.getByText('No Foresight fields in this data')).toBeInTheDocument();
    expect(screen.getByText('A lacks yhat, yhat_lower, yhat_upper')).toBeInTheDocument();
  });

  it('accepts frames with the expected value and band', () => {
    render(<ForesightPanel {...panelProps([forecast, rawMetric])} />);
    expect(screen.queryByTestId(TEST_IDS.missingFields)).not.toBeInTheDocument();
    expect(screen.getByTestId(TEST_IDS.panel)).toHaveTextContent('1 Foresight series ready (1 frame without');
  });
});
