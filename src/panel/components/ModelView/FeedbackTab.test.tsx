/**
 * @jest-environment jsdom
 */
import { FieldType, toDataFrame } from '@grafana/data';
import { render, screen } from '@testing-library/react';

import type { SeriesView } from '../../data/seriesView';
import { FeedbackTab } from './FeedbackTab';

function series(times: number[], outlier: number[]): SeriesView {
  const frame = toDataFrame({ fields: [{ name: 'value', type: FieldType.number, values: times }] });
  return {
    key: 'A value',
    name: 'value',
    identity: { labels: {} },
    times,
    value: times,
    expected: times,
    forecast: times.map(() => null),
    lower: times,
    upper: times,
    outlier: Int8Array.from(outlier),
    score: times.map(() => 0),
    excluded: null,
    alerting: { significance: null, alert: null, direction: null, thresholdBreach: null, vsPast: null },
    forecastStart: null,
    displayField: frame.fields[0],
  };
}

describe('FeedbackTab', () => {
  it('counts caught incidents and false alarms still raised on the picked series', () => {
    render(
      <FeedbackTab
        series={series([0, 10, 20, 30, 40], [0, 1, 0, 0, -1])}
        regions={[
          { from: 5, to: 15, kind: 'incident' },
          { from: 20, to: 30, kind: 'incident' },
          { from: 35, to: 45, kind: 'falseAlarm' },
          { from: 0, to: 50, kind: 'exclude' },
        ]}
      />
    );
    expect(screen.getByText('1 of 2')).toBeInTheDocument();
    expect(screen.getByText('1 of 1')).toBeInTheDocument();
    expect(screen.getByText('2 (1 in incidents, 1 in false alarms)')).toBeInTheDocument();
  });

  it('explains how to label when there are no labels, and asks for one series', () => {
    const { rerender } = render(<FeedbackTab series={series([0], [0])} regions={[]} />);
    expect(screen.getByText(/No labels on this series/)).toBeInTheDocument();
    rerender(<FeedbackTab series={undefined} regions={[]} />);
    expect(screen.getByText(/Pick one series/)).toBeInTheDocument();
  });
});
