/**
 * @jest-environment jsdom
 */
import { BackendSrv, setBackendSrv } from '@grafana/runtime';
import { fireEvent, render, screen } from '@testing-library/react';

import type { ModelTarget } from '../../data/modelTarget';
import { toSeriesView } from '../../data/seriesView';
import { foresightFrame } from '../../test-utils/factory';
import { ModelView } from './ModelView';
import { settle } from '../../../test-utils/settle';
import { stubIntersectionObserver } from '../../test-utils/intersectionObserver';

jest.mock('./ComponentChart', () => ({
  ComponentChart: ({ name, values, timeZone }: { name: string; values: number[]; timeZone: string }) => (
    <div data-testid="component" data-time-zone={timeZone}>
      {name}:{values.length}
    </div>
  ),
}));

// The drawer's scroll indicators observe visibility (jsdom has no IntersectionObserver), and its scroll lock
// measures a pseudo-element (jsdom implements getComputedStyle for elements only).
beforeAll(() => {
  const computedStyle = window.getComputedStyle.bind(window);
  window.getComputedStyle = (element: Element) => computedStyle(element);
  stubIntersectionObserver();
});

const target: ModelTarget = {
  datasourceUid: 'fs',
  query: { refId: 'A', source: 'demo', params: { interval_width: 0.95 } },
  intervalMs: 300_000,
  dashboardUID: 'ops',
  panelId: 2,
};
const range = { from: 0, to: 1000 };

const push = toSeriesView(foresightFrame({ labels: { service: 'push' } }), 0)!;

function setup(post: jest.Mock, withTarget: boolean | ModelTarget = true, series: typeof push | null = push) {
  setBackendSrv({ post } as unknown as BackendSrv);
  render(
    <ModelView
      target={withTarget === true ? target : withTarget === false ? undefined : withTarget}
      series={series ?? undefined}
      range={range}
      timeZone="utc"
      onClose={jest.fn()}
    />
  );
}

/** A post that answers `resource` with one series (service push) holding `report`, and every other resource with none. */
function answering(resource: string, report: Record<string, unknown>): jest.Mock {
  return jest.fn((url: string, _body?: { options: unknown }) =>
    Promise.resolve(
      url.endsWith(`/${resource}`) ? { series: [{ labels: { service: 'push' }, report }] } : { series: [] }
    )
  );
}

describe('ModelView', () => {
  it('draws the decomposition of the panel’s series from the components resource', async () => {
    const post = jest.fn().mockResolvedValue({
      series: [
        { name: 'value', labels: { service: 'chat' }, times: [1, 2], components: { trend: [1, 2] } },
        {
          name: 'value',
          labels: { service: 'push' },
          times: [1, 2, 3],
          components: { trend: [1, 2, 3], daily: [0, 1, 0] },
        },
      ],
    });
    setup(post);
    await settle();
    const components = screen.getAllByTestId('component');
    expect(components.map((c) => c.textContent)).toEqual(['trend:3', 'daily:3']);
    expect(components[0]).toHaveAttribute('data-time-zone', 'utc');
    expect(post).toHaveBeenCalledWith(
      '/api/datasources/uid/fs/resources/components',
      { query: target.query, from: 0, to: 1000, intervalMs: 300_000, options: {} },
      { showErrorAlert: false, headers: { 'X-Dashboard-Uid': 'ops', 'X-Panel-Id': '2' } }
    );
  });

  it('matches the answer to the series by labels, not by the name the panel shows', async () => {
    const frame = foresightFrame({ labels: { service: 'push' } });
    frame.fields[1].config.displayName = 'Push service';
    const post = jest.fn().mockResolvedValue({
      series: [
        { name: 'value', labels: { service: 'chat' }, times: [1, 2], components: { trend: [1, 2] } },
        { name: 'value', labels: { service: 'push' }, times: [1, 2, 3], components: { trend: [1, 2, 3] } },
      ],
    });
    setup(post, true, toSeriesView(frame, 0)!);
    await settle();
    expect(screen.getAllByTestId('component').map((c) => c.textContent)).toEqual(['trend:3']);
  });

  it('matches unlabelled series by the datasource’s name, not by a display override', async () => {
    // A SQL query's columns: no labels, so the name the datasource gave settles which entry is this series'.
    const frame = foresightFrame({ name: 'errors' });
    frame.fields[1].config.displayName = 'Errors per minute';
    const post = jest.fn().mockResolvedValue({
      series: [
        { name: 'requests', labels: {}, times: [1, 2], components: { trend: [1, 2] } },
        { name: 'errors', labels: {}, times: [1, 2, 3], components: { trend: [1, 2, 3] } },
      ],
    });
    setup(post, true, toSeriesView(frame, 0)!);
    await settle();
    expect(screen.getAllByTestId('component').map((c) => c.textContent)).toEqual(['trend:3']);
  });

  it('shows no other series’ results when the answer has none for this one', async () => {
    setup(answering('components', {}), true, toSeriesView(foresightFrame({ labels: { service: 'mail' } }), 0)!);
    await settle();
    expect(screen.queryByTestId('component')).not.toBeInTheDocument();
    expect(screen.getByText(/returned nothing for service=mail; pick one series above/)).toBeInTheDocument();
  });

  it('asks for one series when several are charted and none is picked, without asking the datasource', async () => {
    const post = jest.fn();
    setup(post, true, null);
    await settle();
    expect(screen.getByText('Pick one series above to see its model.')).toBeInTheDocument();
    expect(post).not.toHaveBeenCalled();
  });

  it('says why when the datasource has no components resource', async () => {
    setup(jest.fn().mockRejectedValue({ status: 404, data: { error: 'unknown resource components' } }));
    await settle();
    expect(screen.getByText('Decomposition unavailable')).toBeInTheDocument();
    expect(screen.getByText('unknown resource components')).toBeInTheDocument();
  });

  it('runs cross-validation with spans in ms and shows the metrics by horizon', async () => {
    // The cv call answers only when the test says so, so the loading state and the answer are each seen for sure.
    let answerCv: (body: unknown) => void = () => {};
    const post = jest.fn((url: string, _body: { options: unknown }) =>
      url.endsWith('/cv') ? new Promise((resolve) => (answerCv = resolve)) : Promise.resolve({ series: [] })
    );
    setup(post);
    fireEvent.click(screen.getByText('Cross-validation'));
    fireEvent.change(screen.getByLabelText('Horizon'), { target: { value: 'soon' } });
    fireEvent.click(screen.getByText('Run'));
    expect(screen.getByText(/^Horizon: "soon" is not a duration like 14d/)).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Horizon'), { target: { value: '6h' } });
    fireEvent.click(screen.getByText('Run'));
    expect(screen.getByText('Cross-validating…')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Run' })).toBeDisabled();
    answerCv({
      series: [
        {
          labels: { service: 'push' },
          report: { overall: { rmse: 12.5, coverage: 0.8 }, byHorizon: { horizon: [3_600_000], rmse: [10] } },
        },
      ],
    });
    await settle();
    expect(screen.queryByText('Cross-validating…')).not.toBeInTheDocument();
    expect(screen.getByText('12.5')).toBeInTheDocument();
    expect(screen.getByText('1h')).toBeInTheDocument();
    const cvCall = post.mock.calls.find(([url]) => url.endsWith('/cv'))!;
    expect(cvCall[1].options).toEqual({ initial: 14 * 86_400_000, horizon: 6 * 3_600_000, period: 12 * 3_600_000 });
  });

  it('shows precision and recall against the labels next to the error metrics when the cv answer has them', async () => {
    const post = answering('cv', {
      overall: { rmse: 12.5 },
      label_metrics: {
        incidents: 3,
        incidents_found: 2,
        alarms: 4,
        alarms_on_false_alarms: 1,
        alarms_in_incidents: 3,
        precision: 0.75,
        recall: 2 / 3,
      },
    });
    setup(post);
    fireEvent.click(screen.getByText('Cross-validation'));
    fireEvent.click(screen.getByText('Run'));
    await settle();
    expect(screen.getByTestId('foresight-cv-table')).toHaveTextContent('12.5');
    const labels = screen.getByTestId('foresight-label-metrics');
    expect(screen.getByText('Recall').closest('tr')).toHaveTextContent('Recall67%2 of 3 incidents found');
    expect(screen.getByText('Precision').closest('tr')).toHaveTextContent('Precision75%3 of 4 alarms in incidents');
    expect(labels).toHaveTextContent('Alarms on false alarms1');
  });

  it('shows no label metrics for a series without labels', async () => {
    setup(answering('cv', { overall: { rmse: 1 } }));
    fireEvent.click(screen.getByText('Cross-validation'));
    fireEvent.click(screen.getByText('Run'));
    await settle();
    expect(screen.getByTestId('foresight-cv-table')).toBeInTheDocument();
    expect(screen.queryByTestId('foresight-label-metrics')).not.toBeInTheDocument();
  });

  it('ranks the model families through the tune resource and marks the one that would serve', async () => {
    const post = answering('tune', {
      objective: 'violations',
      winner: { family: 'past', combination: { past_period: 'day' } },
      overrides: { model: 'past', past_period: 'day' },
      ranking: [
        { family: 'past', combination: { past_period: 'day' }, scores: { objective: 0.05, mae: 2.5 } },
        { family: 'decomposition', combination: {}, scores: { objective: 0.125, mae: 3 } },
        { family: 'holt_winters', combination: {}, scores: null, error: 'too short' },
      ],
    });
    setup(post);
    fireEvent.click(screen.getByText('Models'));
    fireEvent.click(screen.getByText('Rank models'));
    await settle();
    expect(screen.getByTestId('foresight-models-winner')).toHaveTextContent('Would serve: past {past_period: day}');
    expect(screen.getByText('0.125')).toBeInTheDocument();
    expect(screen.getByText('too short')).toBeInTheDocument();
    const tuneCall = post.mock.calls.find(([url]) => url.endsWith('/tune'))!;
    expect(tuneCall[1].options).toEqual({ families: ['decomposition', 'past', 'autoregressive', 'holt_winters'] });
  });

  it('says where a winning decomposition serves: inside the ensemble', async () => {
    const winner = { family: 'decomposition', combination: { changepoint_prior_scale: 0.5 } };
    const post = answering('tune', {
      objective: 'violations',
      winner,
      overrides: { model: 'ensemble', changepoint_prior_scale: 0.5 },
      ranking: [{ ...winner, scores: { objective: 0.05, mae: 2.5 } }],
    });
    setup(post);
    fireEvent.click(screen.getByText('Models'));
    fireEvent.click(screen.getByText('Rank models'));
    await settle();
    expect(screen.getByTestId('foresight-models-winner')).toHaveTextContent(
      'Would serve: decomposition {changepoint_prior_scale: 0.5} inside the ensemble (objective: violations)'
    );
  });

  it('for an auto query shows the model the backend serves and its swaps', async () => {
    const swapAt = Date.UTC(2025, 9, 18, 6);
    const post = answering('selection', {
      serving: {
        family: 'past',
        overrides: { model: 'past', past_period: 'day' },
        score: 0.04,
        at: Date.UTC(2025, 9, 19, 6),
        due: false,
        trail: [{ at: swapAt, from: 'decomposition', to: 'past', fromScore: 0.09, toScore: 0.04 }],
        rankedAt: swapAt,
        shortlist: [
          { family: 'decomposition', combination: {} },
          { family: 'autoregressive', combination: { ar_lags: 2 } },
        ],
      },
    });
    setup(post, { ...target, query: { ...target.query, params: { model: 'auto' } } });
    fireEvent.click(screen.getByText('Models'));
    await settle();
    const serving = screen.getByTestId('foresight-models-serving');
    expect(serving).toHaveTextContent(
      'Serving now: past {past_period: day} (score 0.04, chosen or confirmed 2025-10-19 06:00 UTC)'
    );
    expect(serving).toHaveTextContent('2025-10-18 06:00: decomposition (0.09) → past (0.04)');
    expect(serving).toHaveTextContent(
      'Every candidate last ranked 2025-10-18 06:00 UTC; until the next full ranking (weekly, or at the next run for a labelled series) it is compared with decomposition, autoregressive {ar_lags: 2}'
    );
  });

  it('lists the parameters in use, marking defaults', () => {
    setup(jest.fn().mockResolvedValue({ series: [] }));
    fireEvent.click(screen.getByText('Parameters'));
    const row = screen.getByText('interval_width').closest('tr')!;
    expect(row).toHaveTextContent('0.95set by the query');
    expect(screen.getByText('changepoint_prior_scale').closest('tr')).toHaveTextContent('0.05default');
  });

  it('explains when the panel has no Foresight query', () => {
    setup(jest.fn(), false);
    expect(screen.getByText('No Foresight query')).toBeInTheDocument();
  });
});
