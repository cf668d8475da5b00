/**
 * @jest-environment jsdom
 */
import { createTheme } from '@grafana/data';
import { render, screen } from '@testing-library/react';

import { chartColors } from '../../chart/colors';
import { TEST_IDS } from '../../constants';
import { DEFAULT_LAYERS } from '../../types';
import { Legend } from './Legend';

const colors = chartColors(createTheme(), 0.25);

describe('Legend', () => {
  it('names the incident and false-alarm shading the charts draw, where there is some', () => {
    render(<Legend colors={colors} layers={DEFAULT_LAYERS} regionKinds={['incident', 'falseAlarm']} />);
    const legend = screen.getByTestId(TEST_IDS.legend);
    expect(legend).toHaveTextContent('Incident');
    expect(legend).toHaveTextContent('False alarm');
  });

  it('leaves them out when no chart has such a label, or the layer is off', () => {
    const { rerender } = render(<Legend colors={colors} layers={DEFAULT_LAYERS} regionKinds={[]} />);
    expect(screen.getByTestId(TEST_IDS.legend)).not.toHaveTextContent('Incident');
    rerender(<Legend colors={colors} layers={{ ...DEFAULT_LAYERS, exclusions: false }} regionKinds={['incident']} />);
    expect(screen.getByTestId(TEST_IDS.legend)).not.toHaveTextContent('Incident');
  });

  it('names only the outlier markers the direction option lets the charts draw', () => {
    render(<Legend colors={colors} layers={DEFAULT_LAYERS} direction="above" />);
    const legend = screen.getByTestId(TEST_IDS.legend);
    expect(legend).toHaveTextContent('Outlier, high');
    expect(legend).not.toHaveTextContent('Outlier, low');
  });
});
