/**
 * @jest-environment jsdom
 */
import { act, fireEvent, render, screen, within } from '@testing-library/react';

import { CoreApp, type DataSourceInstanceSettings } from '@grafana/data';

import { ForesightQueryEditorProps, QueryEditor } from './QueryEditor';
import { pickableSource } from './SourceSection';
import { TEST_IDS } from '../../constants';
import { settle } from '../../../test-utils/settle';
import type { ForesightDataSourceOptions, ForesightQuery } from '../../../shared/types';

jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  DataSourcePicker: ({ onChange }: { onChange: (ds: { uid: string; type: string }) => void }) => (
    <button onClick={() => onChange({ uid: 'prom-uid', type: 'prometheus' })}>pick prometheus</button>
  ),
  getDataSourceSrv: () => ({ get: mockGetDatasource }),
}));

const mockGetDatasource = jest.fn();

beforeEach(() => {
  mockGetDatasource.mockReset();
  mockGetDatasource.mockRejectedValue(new Error('no such datasource'));
});

/** Stands in for another datasource's own query editor. */
function FakeSourceEditor({
  query,
  onChange,
}: {
  query: { expr?: string; refId: string };
  onChange: (q: object) => void;
}) {
  return (
    <button onClick={() => onChange({ ...query, expr: 'sum(rate(x[5m]))' })}>
      source editor for {query.refId}: {query.expr}
    </button>
  );
}

function setup(
  query: ForesightQuery,
  jsonData: ForesightDataSourceOptions = {},
  request?: { dashboardUID?: string; panelId?: number },
  app?: CoreApp
) {
  const onChange = jest.fn();
  const onRunQuery = jest.fn();
  const datasource = { settings: jsonData };
  const data = request ? { request } : undefined;
  const props = { query, onChange, onRunQuery, datasource, data, app } as unknown as ForesightQueryEditorProps;
  render(<QueryEditor {...props} />);
  return { onChange, onRunQuery };
}

describe('QueryEditor', () => {
  it('warns an alert rule copied from a panel that full output alerts on the raw value, and switches it', () => {
    const { onChange, onRunQuery } = setup(
      { refId: 'A', source: 'demo', mode: 'full' },
      {},
      undefined,
      CoreApp.UnifiedAlerting
    );
    fireEvent.click(screen.getByRole('button', { name: 'Use the alert output' }));
    expect(onChange).toHaveBeenCalledWith(expect.objectContaining({ mode: 'alert' }));
    expect(onRunQuery).toHaveBeenCalled();
  });

  it('says nothing of the output outside alert rules or in alert mode', () => {
    setup({ refId: 'A', source: 'demo', mode: 'full' }, {}, undefined, CoreApp.Dashboard);
    setup({ refId: 'B', source: 'demo', mode: 'alert' }, {}, undefined, CoreApp.UnifiedAlerting);
    expect(screen.queryByTestId(TEST_IDS.queryAlertOutput)).toBeNull();
  });

  it('says the exclusions switch governs incident and false-alarm labels too, as the backend reads them', async () => {
    setup({ refId: 'A', source: 'demo' });
    const icon = within(screen.getByText('Use exclusions', { selector: 'label' })).getByTestId('icon-info-circle');
    await act(async () => icon.focus());
    await settle();
    const text = screen.getByRole('tooltip').textContent;
    expect(text).toContain('foresight:incident');
    expect(text).toContain('foresight:false-alarm');
  });

  it('shows the model defaults as placeholders', () => {
    setup({ refId: 'A', source: 'demo' });
    expect(screen.getByTestId(TEST_IDS.queryIntervalWidth)).toHaveAttribute('placeholder', '0.8');
    expect(screen.getByTestId(TEST_IDS.queryChangepointScale)).toHaveAttribute('placeholder', '0.05');
    expect(screen.getByTestId(TEST_IDS.querySeasonalityScale)).toHaveAttribute('placeholder', '10');
    expect(screen.getByTestId(TEST_IDS.queryTrainingDays)).toHaveAttribute('placeholder', '28');
  });

  it('switches the source', () => {
    const { onChange } = setup({ refId: 'A', source: 'demo' });
    fireEvent.click(screen.getByLabelText('Prometheus'));
    expect(onChange).toHaveBeenCalledWith({ refId: 'A', source: 'prometheus' });
  });

  it('edits PromQL and runs on blur; says why an empty expression is not sent', () => {
    const { onChange, onRunQuery } = setup({ refId: 'A', source: 'prometheus' });
    expect(screen.getByTestId(TEST_IDS.queryProblem)).toHaveTextContent('Enter a PromQL expression');
    const input = screen.getByTestId(TEST_IDS.queryExpr);
    fireEvent.change(input, { target: { value: 'up' } });
    fireEvent.blur(input);
    expect(onChange).toHaveBeenCalledWith({ refId: 'A', source: 'prometheus', expr: 'up' });
    expect(onRunQuery).toHaveBeenCalled();
  });

  it('shows the training window the backend uses by default: the default, held to the maximum', () => {
    setup({ refId: 'A', source: 'demo' }, { maxTrainingDays: 14 });
    expect(screen.getByTestId(TEST_IDS.queryTrainingDays)).toHaveAttribute('placeholder', '14');
  });

  it('uses the datasource default source for a query without one', () => {
    setup({ refId: 'A' }, { defaultSource: 'prometheus' });
    expect(screen.getByTestId(TEST_IDS.queryExpr)).toBeInTheDocument();
  });

  it('picks a source datasource and falls back to a JSON query when its editor cannot load', async () => {
    const { onChange, onRunQuery } = setup({
      refId: 'A',
      source: 'grafana',
      sourceDatasource: { uid: 'prom-uid', type: 'prometheus' },
      sourceQuery: { expr: 'up' },
    });
    await settle();
    expect(screen.getByText('Could not load the source datasource')).toBeInTheDocument();
    const box = screen.getByTestId(TEST_IDS.querySourceJson);
    fireEvent.change(box, { target: { value: '{"expr": "rate(x[5m])"}' } });
    fireEvent.blur(box);
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ sourceQuery: { expr: 'rate(x[5m])' } }));
    expect(onRunQuery).toHaveBeenCalledTimes(1);
    fireEvent.change(box, { target: { value: '[1,2]' } });
    fireEvent.blur(box);
    expect(screen.getByText(/must be a JSON object/)).toBeInTheDocument();
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('shows the new source’s query in the JSON box when another source datasource is picked', async () => {
    const props = (uid: string, sourceQuery: Record<string, unknown>) =>
      ({
        query: { refId: 'A', source: 'grafana', sourceDatasource: { uid, type: 'prometheus' }, sourceQuery },
        onChange: jest.fn(),
        onRunQuery: jest.fn(),
        datasource: { settings: {} },
      }) as unknown as ForesightQueryEditorProps;
    const view = render(<QueryEditor {...props('prom-uid', { expr: 'up' })} />);
    await settle();
    // Picking another datasource resets the source query (SourceSection); neither editor loads here.
    const next = props('loki-uid', {});
    view.rerender(<QueryEditor {...next} />);
    await settle();
    const box = screen.getByTestId(TEST_IDS.querySourceJson);
    expect(box).toHaveValue('{}');
    fireEvent.blur(box);
    expect(next.onChange).not.toHaveBeenCalledWith(expect.objectContaining({ sourceQuery: { expr: 'up' } }));
  });

  it('embeds the source datasource’s own query editor and keeps only its query model', async () => {
    mockGetDatasource.mockResolvedValue({ components: { QueryEditor: FakeSourceEditor } });
    const { onChange } = setup({
      refId: 'B',
      source: 'grafana',
      sourceDatasource: { uid: 'prom-uid', type: 'prometheus' },
      sourceQuery: { expr: 'up' },
    });
    await settle();
    fireEvent.click(screen.getByText('source editor for B: up'));
    expect(mockGetDatasource).toHaveBeenCalledWith({ uid: 'prom-uid' });
    expect(onChange).toHaveBeenCalledWith({
      refId: 'B',
      source: 'grafana',
      sourceDatasource: { uid: 'prom-uid', type: 'prometheus' },
      sourceQuery: { expr: 'sum(rate(x[5m]))' },
    });
  });

  it('resets the source query when another datasource is picked', () => {
    const { onChange } = setup({ refId: 'A', source: 'grafana' });
    fireEvent.click(screen.getByText('pick prometheus'));
    expect(onChange).toHaveBeenCalledWith({
      refId: 'A',
      source: 'grafana',
      sourceDatasource: { uid: 'prom-uid', type: 'prometheus' },
      sourceQuery: {},
    });
  });

  it('says no Grafana datasource can be read until the settings allow one', () => {
    setup({ refId: 'A', source: 'grafana' });
    expect(screen.getByText('No Grafana datasource is allowed yet')).toBeInTheDocument();
  });

  it('offers only the datasources the settings allow', () => {
    setup({ refId: 'A', source: 'grafana' }, { allowedDatasources: ['prom-uid'] });
    expect(screen.queryByText('No Grafana datasource is allowed yet')).not.toBeInTheDocument();
    const pickable = pickableSource(['prom-uid']);
    const ds = (uid: string, type: string) => ({ uid, type }) as DataSourceInstanceSettings;
    expect(pickable(ds('prom-uid', 'prometheus'))).toBe(true);
    expect(pickable(ds('secret', 'prometheus'))).toBe(false);
    expect(pickableSource(['fs'])(ds('fs', 'foresight-anomaly-datasource'))).toBe(false);
  });

  it('stores a valid interval width under Prophet’s name and reruns the query', () => {
    const { onChange, onRunQuery } = setup({ refId: 'A', params: { robust: false } });
    const input = screen.getByTestId(TEST_IDS.queryIntervalWidth);
    fireEvent.change(input, { target: { value: '0.95' } });
    fireEvent.blur(input);
    expect(onChange).toHaveBeenCalledWith({ refId: 'A', params: { robust: false, interval_width: 0.95 } });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('stores the outlier width apart from the drawn band, showing the detection default', () => {
    const { onChange } = setup({ refId: 'A' });
    const input = screen.getByTestId(TEST_IDS.queryOutlierWidth);
    expect(input).toHaveAttribute('placeholder', '0.995');
    fireEvent.change(input, { target: { value: '0.999' } });
    fireEvent.blur(input);
    expect(onChange).toHaveBeenCalledWith({ refId: 'A', params: { outlier_width: 0.999 } });
  });

  it('warns when the outlier band is narrower than the band drawn, so markers would sit inside it', () => {
    setup({ refId: 'A', params: { interval_width: 0.99, outlier_width: 0.9 } });
    expect(screen.getByText(/Outlier width 0\.9 is narrower than the interval width 0\.99/)).toBeInTheDocument();
  });

  it('says nothing of the widths when the outlier band is the wider, defaults included', () => {
    setup({ refId: 'A', params: { interval_width: 0.95 } });
    expect(screen.queryByText(/is narrower than the interval width/)).not.toBeInTheDocument();
  });

  it('shows an error and keeps the query for an out-of-range value', () => {
    const { onChange, onRunQuery } = setup({ refId: 'A', params: { interval_width: 0.8 } });
    const input = screen.getByTestId(TEST_IDS.queryIntervalWidth);
    expect(input).toHaveValue('0.8');
    fireEvent.change(input, { target: { value: '1.5' } });
    fireEvent.blur(input);
    expect(screen.getByText('Enter a number above 0 and at most 0.999999999')).toBeInTheDocument();
    // A width the model refuses (its band's edge would be infinite) is refused here, not when the query runs.
    fireEvent.change(input, { target: { value: '0.9999999999' } });
    fireEvent.blur(input);
    expect(screen.getByText('Enter a number above 0 and at most 0.999999999')).toBeInTheDocument();
    expect(onChange).not.toHaveBeenCalled();
    expect(onRunQuery).not.toHaveBeenCalled();
  });

  it('limits the training window to the datasource maximum', () => {
    const { onChange } = setup({ refId: 'A' }, { maxTrainingDays: 30 });
    const input = screen.getByTestId(TEST_IDS.queryTrainingDays);
    fireEvent.change(input, { target: { value: '45' } });
    fireEvent.blur(input);
    expect(screen.getByText('Enter a whole number at least 1 and at most 30')).toBeInTheDocument();
    fireEvent.change(input, { target: { value: '14' } });
    fireEvent.blur(input);
    expect(onChange).toHaveBeenCalledWith({ refId: 'A', trainingDays: 14 });
  });

  it('drops a cleared value so the default applies', () => {
    const { onChange } = setup({ refId: 'A', params: { changepoint_prior_scale: 0.5 } });
    const input = screen.getByTestId(TEST_IDS.queryChangepointScale);
    fireEvent.change(input, { target: { value: '' } });
    fireEvent.blur(input);
    expect(onChange).toHaveBeenCalledWith({ refId: 'A', params: {} });
  });

  it('chooses auto as the model, written into params, the objective showing only then', () => {
    const { onChange, onRunQuery } = setup({ refId: 'A', params: { robust: false } });
    expect(screen.queryByText('Objective')).not.toBeInTheDocument();
    fireEvent.click(screen.getByLabelText('Auto'));
    expect(onChange).toHaveBeenLastCalledWith({ refId: 'A', params: { robust: false, model: 'auto' } });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('writes the objective auto ranks by, with a weight for the weighted one', () => {
    const auto = { refId: 'A', params: { model: 'auto' as const } };
    const { onChange } = setup(auto);
    fireEvent.click(screen.getByLabelText('Magnitude'));
    expect(onChange).toHaveBeenLastCalledWith({ ...auto, params: { model: 'auto', selection_objective: 'magnitude' } });
    fireEvent.click(screen.getByLabelText('Weighted'));
    expect(onChange).toHaveBeenLastCalledWith({
      ...auto,
      params: { model: 'auto', selection_objective: 'weighted:0.5' },
    });
  });

  it('edits the weight of a weighted objective and drops the objective when a family is named', () => {
    const weighted = { refId: 'A', params: { model: 'auto' as const, selection_objective: 'weighted:0.25' as const } };
    const { onChange } = setup(weighted);
    const input = screen.getByTestId(TEST_IDS.queryObjectiveWeight);
    expect(input).toHaveValue('0.25');
    fireEvent.change(input, { target: { value: '0.9' } });
    fireEvent.blur(input);
    expect(onChange).toHaveBeenLastCalledWith({
      ...weighted,
      params: { model: 'auto', selection_objective: 'weighted:0.9' },
    });
    fireEvent.click(screen.getByLabelText('Decomposition'));
    expect(onChange).toHaveBeenLastCalledWith({ refId: 'A', params: { model: 'decomposition' } });
  });

  it('names every family readably and picks the one clicked', () => {
    const { onChange } = setup({ refId: 'A' });
    fireEvent.click(screen.getByLabelText('Holt-Winters'));
    expect(onChange).toHaveBeenLastCalledWith({ refId: 'A', params: { model: 'holt_winters' } });
    fireEvent.click(screen.getByLabelText('Neural'));
    expect(onChange).toHaveBeenLastCalledWith({ refId: 'A', params: { model: 'neural' } });
    for (const label of ['Auto', 'Decomposition', 'Past', 'Autoregressive', 'Ensemble']) {
      expect(screen.getByLabelText(label)).toBeInTheDocument();
    }
  });

  it('switches to alert output', () => {
    const { onChange } = setup({ refId: 'A', mode: 'full' });
    fireEvent.click(screen.getByLabelText('Alert'));
    expect(onChange).toHaveBeenCalledWith({ refId: 'A', mode: 'alert' });
  });

  it('edits the alerting rule of an alert query: drops only, a minimum size and persistence', () => {
    const query: ForesightQuery = { refId: 'A', mode: 'alert' };
    const { onChange, onRunQuery } = setup(query);
    fireEvent.click(screen.getByLabelText('Below'));
    expect(onChange).toHaveBeenLastCalledWith({ ...query, alerting: { direction: 'below' } });
    const minAbsolute = screen.getByTestId(TEST_IDS.queryMinAbsolute);
    fireEvent.change(minAbsolute, { target: { value: '5' } });
    fireEvent.blur(minAbsolute);
    expect(onChange).toHaveBeenLastCalledWith({ ...query, alerting: { minAbsolute: 5 } });
    const window = screen.getByTestId(TEST_IDS.queryPersistenceWindow);
    fireEvent.change(window, { target: { value: '6' } });
    fireEvent.blur(window);
    expect(onChange).toHaveBeenLastCalledWith({ ...query, alerting: { persistence: { window: 6, required: 1 } } });
    expect(onRunQuery).toHaveBeenCalledTimes(3);
  });

  it('shows pastWeeks 0 as the default 4 (a blank box) and does not refuse the query', () => {
    setup({ refId: 'A', mode: 'alert', alertField: 'vs_past', alerting: { pastWeeks: 0 } });
    const weeks = screen.getByTestId(TEST_IDS.queryPastWeeks);
    expect(weeks).toHaveValue('');
    expect(weeks).toHaveAttribute('placeholder', '4');
    expect(screen.queryByTestId(TEST_IDS.queryProblem)).toBeNull();
  });

  it('says why a box is refused and keeps the query as it was', () => {
    const { onChange } = setup({ refId: 'A', mode: 'alert' });
    const weeks = screen.getByTestId(TEST_IDS.queryPastWeeks);
    fireEvent.change(weeks, { target: { value: '9' } });
    fireEvent.blur(weeks);
    expect(screen.getByText('Enter a whole number at least 2 and at most 8')).toBeInTheDocument();
    const minRelative = screen.getByTestId(TEST_IDS.queryMinRelative);
    fireEvent.change(minRelative, { target: { value: '-0.1' } });
    fireEvent.blur(minRelative);
    expect(screen.getByText('Enter a number at least 0')).toBeInTheDocument();
    expect(onChange).not.toHaveBeenCalled();
  });

  it('refuses an alert on threshold_breach until a threshold is set, and more required points than the window', () => {
    setup({ refId: 'A', mode: 'alert', alertField: 'threshold_breach' });
    expect(screen.getByTestId(TEST_IDS.queryProblem)).toHaveTextContent(
      'alertField threshold_breach needs alerting.thresholdAbove or alerting.thresholdBelow'
    );
    setup({ refId: 'B', mode: 'alert', alerting: { persistence: { window: 2, required: 3 } } });
    expect(screen.getAllByTestId(TEST_IDS.queryProblem)[1]).toHaveTextContent(
      'alerting.persistence.required must be between 1 and window (2), got 3'
    );
  });

  it('keeps the alerting section folded on a full query that sets nothing', () => {
    setup({ refId: 'A', mode: 'full' });
    expect(screen.queryByTestId(TEST_IDS.queryMinAbsolute)).not.toBeInTheDocument();
    fireEvent.click(screen.getByTestId(TEST_IDS.queryAlerting));
    expect(screen.getByTestId(TEST_IDS.queryMinAbsolute)).toBeInTheDocument();
  });

  it('keeps the panel’s dashboard and panel on the saved query, so alert rules copied from it honour its exclusions', () => {
    const { onChange } = setup({ refId: 'A', source: 'demo' }, {}, { dashboardUID: 'dash-1', panelId: 4 });
    expect(onChange).toHaveBeenCalledWith({ refId: 'A', source: 'demo', dashboardUID: 'dash-1', panelId: 4 });
    expect(screen.getByTestId(TEST_IDS.queryExclusionDashboard)).toBeDisabled();
  });

  it('leaves a query that already names its panel alone', () => {
    const { onChange } = setup(
      { refId: 'A', source: 'demo', dashboardUID: 'dash-1', panelId: 4 },
      {},
      { dashboardUID: 'dash-1', panelId: 4 }
    );
    expect(onChange).not.toHaveBeenCalled();
  });

  it('lets an alert rule name the dashboard whose exclusions apply', () => {
    const { onChange } = setup({ refId: 'A', source: 'demo', dashboardUID: 'old', panelId: 2 });
    expect(onChange).not.toHaveBeenCalled();
    fireEvent.change(screen.getByTestId(TEST_IDS.queryExclusionDashboard), { target: { value: ' ops-overview ' } });
    expect(onChange).toHaveBeenLastCalledWith({
      refId: 'A',
      source: 'demo',
      dashboardUID: 'ops-overview',
      panelId: undefined,
    });
  });
});
