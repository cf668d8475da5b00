/**
 * @jest-environment jsdom
 */
import { DataFrame, dateTime, EventBusSrv, FieldType, LoadingState, PanelData, toDataFrame } from '@grafana/data';
import { BackendSrv, RefreshEvent, setBackendSrv } from '@grafana/runtime';
import { PanelContext, PanelContextProvider } from '@grafana/ui';
import { act, fireEvent, render, screen, within } from '@testing-library/react';

import { ForesightPanel, ForesightPanelProps } from './ForesightPanel';
import { chartXMax } from '../../chart/chartOptions';
import type { SeriesView } from '../../data/seriesView';
import { TEST_IDS } from '../../constants';
import { annotationFrame, foresightFrame, STEP, T0 } from '../../test-utils/factory';
import { stubIntersectionObserver } from '../../test-utils/intersectionObserver';
import { DEFAULT_PANEL_OPTIONS } from '../../types';
import { settle } from '../../../test-utils/settle';

// uPlot needs a real canvas; the browser tests cover drawing. Here each chart reports what it was given.
interface ChartProps {
  series: SeriesView;
  regions: Array<{ kind: string; from: number; to: number }>;
  onSelectRange: (from: number, to: number) => void;
  marking: boolean;
  timeRange: { from: number; to: number };
}
const charts: Array<Omit<ChartProps, 'series'> & { name: string; view: SeriesView }> = [];
jest.mock('../ForesightChart', () => ({
  ForesightChart: ({ series, ...rest }: ChartProps) => {
    charts.push({ name: series.name, view: series, ...rest });
    return <div data-testid="chart">{series.name}</div>;
  },
}));

const strips: Array<{ counts: { counts: number[]; peak: number }; seriesCount: number }> = [];
jest.mock('../OutsideStrip', () => ({
  STRIP_CAPTION_HEIGHT: 16,
  OutsideStrip: (props: (typeof strips)[number]) => {
    strips.push(props);
    return <div data-testid="strip" />;
  },
}));

// The drawer itself is ModelView.test's: here, which series the panel hands it.
jest.mock('../ModelView', () => ({
  ModelView: ({ series, target }: { series?: { name: string }; target?: { query: { refId: string } } }) => (
    <div data-testid="model-view">{`${series?.name ?? 'none'} asking ${target?.query.refId ?? 'nothing'}`}</div>
  ),
}));

const range = { from: dateTime(T0), to: dateTime(T0 + 10 * STEP), raw: { from: 'now-1h', to: 'now' } };

function panelProps(series: PanelData['series'], overrides: Partial<PanelData> = {}) {
  const data: PanelData = {
    state: LoadingState.Done,
    series,
    timeRange: range,
    request: { dashboardUID: 'dash', panelId: 4, targets: [] } as unknown as PanelData['request'],
    ...overrides,
  };
  const onChangeTimeRange = jest.fn();
  const props = {
    id: 4,
    data,
    options: DEFAULT_PANEL_OPTIONS,
    width: 600,
    height: 400,
    timeRange: range,
    timeZone: 'utc',
    eventBus: new EventBusSrv(),
    onChangeTimeRange,
    fieldConfig: { defaults: {}, overrides: [] },
  } as unknown as ForesightPanelProps;
  return { props, onChangeTimeRange };
}

const rawMetric = toDataFrame({
  refId: 'A',
  fields: [
    { name: 'time', type: FieldType.time, values: [T0] },
    { name: 'value', type: FieldType.number, values: [3] },
  ],
});

const listAnnotations = jest.fn();

beforeEach(() => {
  charts.length = 0;
  strips.length = 0;
  listAnnotations.mockReset();
  listAnnotations.mockResolvedValue([]);
  setBackendSrv({ get: listAnnotations } as unknown as BackendSrv);
});

/** Renders and lets the panel's own annotation listing settle. */
async function renderPanel(props: ForesightPanelProps) {
  await act(async () => {
    render(<ForesightPanel {...props} />);
  });
}

describe('ForesightPanel', () => {
  it('says it needs the Foresight datasource and which fields a plain metric lacks', async () => {
    await renderPanel(panelProps([rawMetric]).props);
    expect(screen.getByText('This panel needs the Foresight datasource')).toBeInTheDocument();
    expect(screen.getByText('A lacks yhat, yhat_lower, yhat_upper')).toBeInTheDocument();
  });

  it('asks for full output, not another datasource, when the Foresight query is in alert mode', async () => {
    const alertFrame = toDataFrame({
      refId: 'A',
      name: 'outlier',
      fields: [
        { name: 'time', type: FieldType.time, values: [T0, T0 + STEP] },
        { name: 'outlier', type: FieldType.number, values: [0, 1] },
      ],
    });
    const request = {
      dashboardUID: 'dash',
      panelId: 4,
      targets: [{ refId: 'A', mode: 'alert', datasource: { uid: 'fs', type: 'foresight-anomaly-datasource' } }],
    } as unknown as PanelData['request'];
    await renderPanel(panelProps([alertFrame], { request }).props);
    expect(screen.queryByText('This panel needs the Foresight datasource')).not.toBeInTheDocument();
    expect(screen.getByText('Set the query’s Output to Full')).toBeInTheDocument();
  });

  it('lists a raw query of many series once, with its count, when nothing can be drawn', async () => {
    await renderPanel(panelProps([rawMetric, rawMetric, rawMetric]).props);
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      '3 frames of A lack yhat, yhat_lower, yhat_upper',
    ]);
  });

  it('shows a loading state before the first frames arrive', async () => {
    await renderPanel(panelProps([], { state: LoadingState.Loading }).props);
    expect(screen.getByText('Fitting the model…')).toBeInTheDocument();
  });

  describe('with nothing to draw', () => {
    const withNotice = (frame: DataFrame, severity: 'warning' | 'error', text: string) => {
      frame.meta = { ...frame.meta, notices: [{ severity, text }] };
      return frame;
    };

    it('shows the query’s error, not a bare “No data”, when the backend answered only an error', async () => {
      const { props } = panelProps([], {
        state: LoadingState.Error,
        errors: [{ message: 'A: upstream returned 503' }],
      });
      await renderPanel(props);
      expect(screen.getByTestId(TEST_IDS.noData)).toHaveTextContent('No data');
      expect(screen.getByText('A: upstream returned 503')).toBeInTheDocument();
    });

    it('shows the notice of a query that returned no series, not that the panel needs another datasource', async () => {
      const empty = withNotice(toDataFrame({ refId: 'B', fields: [] }), 'warning', 'the source returned no series');
      await renderPanel(panelProps([empty]).props);
      expect(screen.getByText('the source returned no series')).toBeInTheDocument();
      expect(screen.queryByTestId(TEST_IDS.missingFields)).not.toBeInTheDocument();
    });

    it('shows the reason instead of empty charts when no series has a point', async () => {
      const frame = withNotice(foresightFrame({ times: [] }), 'error', 'A: too few points to fit');
      await renderPanel(panelProps([frame]).props);
      expect(within(screen.getByTestId(TEST_IDS.noData)).getByText('A: too few points to fit')).toBeInTheDocument();
      expect(screen.queryAllByTestId('chart')).toHaveLength(0);
    });

    it('leaves Grafana’s “No data” when the response gives no reason', async () => {
      await renderPanel(panelProps([toDataFrame({ refId: 'B', fields: [] })]).props);
      expect(screen.queryByTestId(TEST_IDS.noData)).not.toBeInTheDocument();
      expect(screen.queryByTestId(TEST_IDS.missingFields)).not.toBeInTheDocument();
      expect(screen.getByText(/Unable to render data/)).toBeInTheDocument();
    });
  });

  it('draws one chart per series, skipping frames without the band', async () => {
    const frames = [
      foresightFrame({ labels: { service: 'chat' } }),
      rawMetric,
      foresightFrame({ labels: { service: 'push' } }),
    ];
    await renderPanel(panelProps(frames).props);
    expect(screen.getAllByTestId('chart').map((c) => c.textContent)).toEqual(['service=chat', 'service=push']);
    expect(screen.getAllByTestId(TEST_IDS.seriesHeader)[0]).toHaveTextContent('1 above · 0 below');
    expect(screen.getByText('Skipped A (no yhat, yhat_lower, yhat_upper)')).toBeInTheDocument();
  });

  it('names each skipped query once, with a count, however many of its frames lack the band', async () => {
    // Query B reads raw metrics: one frame per series, each without the band.
    const raw = Array.from({ length: 300 }, () => rawMetric).map((f) => ({ ...f, refId: 'B' }));
    await renderPanel(panelProps([foresightFrame(), ...raw]).props);
    expect(screen.getByText('Skipped 300 frames of B (no yhat, yhat_lower, yhat_upper)')).toBeInTheDocument();
  });

  it('shows a failed series’ error above the charts that did draw', async () => {
    const { props } = panelProps([foresightFrame()], { errors: [{ message: 'B: upstream returned 503' }] });
    await renderPanel(props);
    expect(screen.getByText('B: upstream returned 503')).toBeInTheDocument();
    expect(screen.getAllByTestId('chart')).toHaveLength(1);
  });

  it('draws the Foresight annotations it lists itself, organisation-wide ones included', async () => {
    listAnnotations.mockResolvedValue([
      {
        id: 3,
        time: T0 + STEP,
        timeEnd: T0 + 2 * STEP,
        tags: ['foresight:exclude'],
        text: 'migration',
        dashboardUID: '',
      },
      { id: 4, time: T0, timeEnd: T0, tags: ['foresight:exclude'], dashboardUID: 'another-dashboard' },
    ]);
    await renderPanel(panelProps([foresightFrame()]).props);
    expect(charts[charts.length - 1].regions).toEqual([
      expect.objectContaining({ kind: 'exclude', from: T0 + STEP, to: T0 + 2 * STEP, id: 3 }),
    ]);
    expect(listAnnotations.mock.calls[0][0]).toContain('tags=foresight%3Aexclude');
  });

  it('keeps the annotations of the latest range when an earlier listing answers last', async () => {
    // A refresh moves a relative range on while the previous range's listing is still on its way.
    const answers: Array<(rows: unknown) => void> = [];
    listAnnotations.mockImplementation(() => new Promise((resolve) => answers.push(resolve)));
    const { props } = panelProps([foresightFrame()]);
    let view: ReturnType<typeof render> | undefined;
    await act(async () => {
      view = render(<ForesightPanel {...props} />);
    });
    const later = { ...range, to: dateTime(T0 + 11 * STEP) };
    await act(async () => {
      view!.rerender(<ForesightPanel {...props} timeRange={later} />);
    });
    // Each listing asks twice: the organisation's page and this dashboard's.
    expect(answers).toHaveLength(4);
    const row = (id: number) => ({
      id,
      time: T0 + STEP,
      timeEnd: T0 + 2 * STEP,
      tags: ['foresight:exclude'],
      text: 'x',
      dashboardUID: '',
    });
    await act(async () => answers.slice(2).forEach((answer) => answer([row(8)])));
    await act(async () => answers.slice(0, 2).forEach((answer) => answer([row(7)])));
    expect(charts[charts.length - 1].regions).toEqual([expect.objectContaining({ id: 8 })]);
  });

  it('hatches no annotation as excluded on a series whose query leaves exclusions out', async () => {
    listAnnotations.mockResolvedValue([
      { id: 3, time: T0 + STEP, timeEnd: T0 + 2 * STEP, tags: ['foresight:exclude'], text: 'x', dashboardUID: '' },
    ]);
    const request = {
      dashboardUID: 'dash',
      panelId: 4,
      targets: [
        { refId: 'A', useExclusionAnnotations: false, datasource: { uid: 'fs', type: 'foresight-anomaly-datasource' } },
      ],
    } as unknown as PanelData['request'];
    await renderPanel(panelProps([foresightFrame({ excluded: [0, 0, 0, 0, 0] })], { request }).props);
    expect(charts[charts.length - 1].regions).toEqual([]);
  });

  it('draws no region for an annotation of another dashboard among the dashboard’s annotation frames', async () => {
    const annotations = [
      annotationFrame([
        { id: 5, time: T0, timeEnd: T0 + 4 * STEP, tags: ['foresight:exclude'], dashboardUID: 'another-dashboard' },
        { id: 6, time: T0 + STEP, tags: ['foresight:incident'], dashboardUID: 'dash', panelId: 4 },
      ]),
    ];
    await renderPanel(panelProps([foresightFrame()], { annotations }).props);
    expect(charts[charts.length - 1].regions).toEqual([expect.objectContaining({ kind: 'incident', id: 6 })]);
  });

  it('charts the most anomalous series first, by the significance of their latest point', async () => {
    const frame = (service: string, significance: number[]) =>
      foresightFrame({ labels: { service }, extra: { significance } });
    const frames = [
      frame('calm', [0.9, 0, 0, 0, 0.1]),
      frame('burning', [0, 0, 0.5, 0.8, 0.95]),
      frame('warm', [0, 0, 0, 0.4, 0.4]),
    ];
    await renderPanel(panelProps(frames).props);
    expect(screen.getAllByTestId('chart').map((c) => c.textContent)).toEqual([
      'service=burning',
      'service=warm',
      'service=calm',
    ]);
    expect(screen.getAllByTestId(TEST_IDS.seriesHeader)[0]).toHaveTextContent('significance 0.95');
  });

  /** Renders the panel over frames and picks one series in the picker by its label text. */
  const renderAndPick = async (frames: DataFrame[], label: string) => {
    stubIntersectionObserver();
    const { props } = panelProps(frames);
    let view: ReturnType<typeof render> | undefined;
    await act(async () => {
      view = render(<ForesightPanel {...props} />);
    });
    fireEvent.keyDown(screen.getByLabelText('Series'), { key: 'ArrowDown' });
    fireEvent.click(screen.getByText(label, { selector: '[role="option"] *' }));
    return { props, view: view! };
  };

  it('forgets a picked series that the new data no longer holds, and says it shows all', async () => {
    const chat = foresightFrame({ labels: { service: 'chat' } });
    const push = foresightFrame({ labels: { service: 'push' } });
    const mail = foresightFrame({ labels: { service: 'mail' } });
    const { props, view } = await renderAndPick([chat, push], 'service=push');
    expect(screen.getAllByTestId('chart').map((c) => c.textContent)).toEqual(['service=push']);
    // The next refresh no longer returns push.
    await act(async () => {
      view.rerender(<ForesightPanel {...props} data={{ ...props.data, series: [chat, mail] }} />);
    });
    expect(screen.getAllByTestId('chart')).toHaveLength(2);
    expect(screen.getByText('All series')).toBeInTheDocument();
  });

  it('keeps a picked series picked when another query’s series appears before it', async () => {
    const chat = foresightFrame({ labels: { service: 'chat' } });
    const push = foresightFrame({ labels: { service: 'push' } });
    const other = foresightFrame({ refId: 'B', labels: { service: 'mail' } });
    const { props, view } = await renderAndPick([chat, push], 'service=push');
    await act(async () => {
      view.rerender(<ForesightPanel {...props} data={{ ...props.data, series: [other, chat, push] }} />);
    });
    expect(screen.getAllByTestId('chart').map((c) => c.textContent)).toEqual(['service=push']);
  });

  it('opens the model of the first charted series when none is picked, and names it', async () => {
    const frame = (service: string, significance: number[]) =>
      foresightFrame({ labels: { service }, extra: { significance } });
    await renderPanel(panelProps([frame('calm', [0, 0, 0, 0, 0.1]), frame('burning', [0, 0, 0, 0.8, 0.95])]).props);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Model' }));
    });
    expect(screen.getByTestId('model-view')).toHaveTextContent(/^service=burning asking nothing$/);
  });

  it('asks the query of the series it shows, not the first query of the panel', async () => {
    // Two queries whose series carry the same labels: answered by A, B's series would show A's model.
    const frames = [
      foresightFrame({ refId: 'A', labels: { instance: 'x' }, extra: { significance: [0, 0, 0, 0, 0.1] } }),
      foresightFrame({ refId: 'B', labels: { instance: 'x' }, extra: { significance: [0, 0, 0, 0.8, 0.95] } }),
    ];
    const datasource = { uid: 'fs', type: 'foresight-anomaly-datasource' };
    const request = {
      dashboardUID: 'dash',
      panelId: 4,
      targets: [
        { refId: 'A', datasource },
        { refId: 'B', datasource },
      ],
    } as unknown as PanelData['request'];
    await renderPanel(panelProps(frames, { request }).props);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Model' }));
    });
    expect(screen.getByTestId('model-view')).toHaveTextContent(/ asking B$/);
  });

  it('in top-N mode charts only the N most anomalous, while the strip counts every series', async () => {
    const frames = [0, 1, 2, 3].map((k) =>
      foresightFrame({
        labels: { host: `h${k}` },
        score: [0, 0, 0, 0, k / 10],
        // Three of the four hosts are outside the band at the third point: one fleet-wide spike.
        outlier: [0, 0, k < 3 ? 1 : 0, 0, 0],
      })
    );
    const { props } = panelProps(frames);
    await renderPanel({ ...props, options: { ...DEFAULT_PANEL_OPTIONS, topN: 2 } });
    expect(screen.getAllByTestId('chart').map((c) => c.textContent)).toEqual(['host=h3', 'host=h2']);
    expect(screen.getByTestId(TEST_IDS.hiddenSeries)).toHaveTextContent('The 2 most anomalous of 4 series');
    const strip = strips[strips.length - 1];
    expect(strip.seriesCount).toBe(4);
    expect(strip.counts.counts).toEqual([0, 0, 3, 0, 0]);
  });

  it('spans every chart to the same end when only one query forecasts, so their times line up', async () => {
    const times = [0, 1, 2, 3, 4].map((i) => T0 + i * STEP);
    const forecasting = foresightFrame({
      refId: 'A',
      times: [...times, T0 + 14 * STEP],
      value: [10, 11, 30, 13, 14, null],
      yhat: [10, 11, 12, 13, 14, 15],
      lower: [8, 9, 10, 11, 12, 13],
      upper: [12, 13, 14, 15, 16, 17],
      outlier: [0, 0, 1, 0, 0, 0],
      score: [0.1, 0.1, 0.9, 0.1, 0.1, 0.1],
    });
    const plain = foresightFrame({ refId: 'B', labels: { service: 'b' } });
    await renderPanel(panelProps([forecasting, plain]).props);
    // Each chart's x axis ends where chartXMax puts it: the range's end, or its own forecast's beyond that.
    const ends = charts.slice(-2).map((c) => chartXMax(c.view, c.timeRange));
    expect(ends).toEqual([T0 + 14 * STEP, T0 + 14 * STEP]);
  });

  it('draws no strip over a single series, or when the option is off', async () => {
    await renderPanel(panelProps([foresightFrame()]).props);
    expect(screen.queryByTestId('strip')).not.toBeInTheDocument();
    const { props } = panelProps([foresightFrame(), foresightFrame({ labels: { service: 'b' } })]);
    await renderPanel({ ...props, options: { ...DEFAULT_PANEL_OPTIONS, outsideStrip: false } });
    expect(screen.queryByTestId('strip')).not.toBeInTheDocument();
  });

  it('filters to series with outliers, and says the filter hid the rest, not “Max charts”', async () => {
    const quiet = foresightFrame({ labels: { service: 'quiet' }, outlier: [0, 0, 0, 0, 0] });
    await renderPanel(panelProps([foresightFrame({ labels: { service: 'loud' } }), quiet]).props);
    fireEvent.click(screen.getByRole('switch'));
    expect(screen.getAllByTestId('chart').map((c) => c.textContent)).toEqual(['service=loud']);
    const note = screen.getByTestId(TEST_IDS.hiddenSeries);
    expect(note).toHaveTextContent('1 series without outliers in this range hidden (“Only with outliers”)');
    expect(note).not.toHaveTextContent('Max charts');
  });

  it('follows “Only series with outliers” when the dashboard editor changes it', async () => {
    const quiet = foresightFrame({ labels: { service: 'quiet' }, outlier: [0, 0, 0, 0, 0] });
    const { props } = panelProps([foresightFrame({ labels: { service: 'loud' } }), quiet]);
    let view: ReturnType<typeof render> | undefined;
    await act(async () => {
      view = render(<ForesightPanel {...props} />);
    });
    expect(screen.getAllByTestId('chart')).toHaveLength(2);
    await act(async () => {
      view!.rerender(<ForesightPanel {...props} options={{ ...DEFAULT_PANEL_OPTIONS, onlyWithOutliers: true }} />);
    });
    expect(screen.getAllByTestId('chart').map((c) => c.textContent)).toEqual(['service=loud']);
    expect(screen.getByRole('switch')).toBeChecked();
  });

  it('zooms the dashboard on a drag in zoom mode', async () => {
    const { props, onChangeTimeRange } = panelProps([foresightFrame()]);
    await renderPanel(props);
    act(() => charts[charts.length - 1].onSelectRange(T0 + 3 * STEP, T0 + STEP));
    expect(onChangeTimeRange).toHaveBeenCalledWith({ from: T0 + STEP, to: T0 + 3 * STEP });
  });

  it('in exclude mode, confirms the dragged region (to whole minutes) and posts a foresight:exclude annotation', async () => {
    const post = jest.fn().mockResolvedValue({ id: 5 });
    setBackendSrv({ post, get: listAnnotations } as unknown as BackendSrv);
    const { props, onChangeTimeRange } = panelProps([foresightFrame()]);
    const refreshes = jest.fn();
    props.eventBus.subscribe(RefreshEvent, refreshes);
    await renderPanel(props);
    fireEvent.click(screen.getByLabelText('Exclude'));
    const chart = charts[charts.length - 1];
    expect(chart.marking).toBe(true);
    act(() => chart.onSelectRange(T0 + STEP + 20_000, T0 + 2 * STEP - 25_000));
    fireEvent.change(screen.getByTestId(TEST_IDS.regionNote), { target: { value: 'maintenance' } });
    fireEvent.click(screen.getByTestId(TEST_IDS.regionSave));
    await settle();
    expect(screen.queryByTestId(TEST_IDS.regionDialog)).not.toBeInTheDocument();
    expect(post).toHaveBeenCalledWith('/api/annotations', {
      time: T0 + STEP,
      timeEnd: T0 + 2 * STEP,
      tags: ['foresight:exclude'],
      text: 'maintenance',
      dashboardUID: 'dash',
      panelId: 4,
    });
    expect(onChangeTimeRange).not.toHaveBeenCalled();
    expect(refreshes).toHaveBeenCalledTimes(1);
  });

  it('widens a drag whose edges round to one minute to the minutes it touches, not an empty range', async () => {
    const post = jest.fn().mockResolvedValue({ id: 5 });
    setBackendSrv({ post, get: listAnnotations } as unknown as BackendSrv);
    await renderPanel(panelProps([foresightFrame()]).props);
    fireEvent.click(screen.getByLabelText('Exclude'));
    // 45 s of a zoomed-in chart: both edges round to the same minute.
    act(() => charts[charts.length - 1].onSelectRange(T0 + STEP + 35_000, T0 + STEP + 80_000));
    fireEvent.click(screen.getByTestId(TEST_IDS.regionSave));
    await settle();
    expect(post).toHaveBeenCalledWith(
      '/api/annotations',
      expect.objectContaining({ time: T0 + STEP, timeEnd: T0 + STEP + 120_000 })
    );
  });

  it('keeps the dialog open with the reason when saving fails', async () => {
    setBackendSrv({
      post: jest.fn().mockRejectedValue({ status: 403, data: { message: 'Permission denied' } }),
    } as unknown as BackendSrv);
    await renderPanel(panelProps([foresightFrame()]).props);
    fireEvent.click(screen.getByLabelText('False alarm'));
    act(() => charts[charts.length - 1].onSelectRange(T0, T0 + STEP));
    fireEvent.click(screen.getByTestId(TEST_IDS.regionSave));
    await settle();
    expect(screen.getByText('Could not save the annotation: Permission denied')).toBeInTheDocument();
    expect(screen.getByTestId(TEST_IDS.regionDialog)).toBeInTheDocument();
  });

  describe('annotation permissions from the panel context', () => {
    const withContext = (props: ForesightPanelProps, context: Partial<PanelContext>) => (
      <PanelContextProvider value={{ eventsScope: 'test', eventBus: props.eventBus, ...context }}>
        <ForesightPanel {...props} />
      </PanelContextProvider>
    );

    it('offers Remove only where the user may delete, asking with no dashboard for organisation-wide rows', async () => {
      listAnnotations.mockResolvedValue([
        { id: 3, time: T0, timeEnd: T0, tags: ['foresight:exclude'], text: 'org', dashboardUID: '' },
        { id: 4, time: T0, timeEnd: T0, tags: ['foresight:exclude'], text: 'mine', dashboardUID: 'dash', panelId: 4 },
      ]);
      const canDeleteAnnotations = jest.fn((uid?: string) => uid === 'dash');
      const { props } = panelProps([foresightFrame()]);
      await act(async () => {
        render(withContext(props, { canDeleteAnnotations }));
      });
      fireEvent.click(screen.getByText('Exclusions'));
      await settle();
      expect(screen.getByText('org')).toBeInTheDocument();
      expect(screen.queryByRole('button', { name: 'Remove annotation 3' })).not.toBeInTheDocument();
      expect(screen.getByRole('button', { name: 'Remove annotation 4' })).toBeInTheDocument();
      expect(canDeleteAnnotations).toHaveBeenCalledWith(undefined);
    });

    it('does not tell a user who may not annotate to drag one in', async () => {
      const { props } = panelProps([foresightFrame()]);
      await act(async () => {
        render(withContext(props, { canAddAnnotations: () => false }));
      });
      fireEvent.click(screen.getByText('Exclusions'));
      await settle();
      expect(screen.getByText('No Foresight annotations in this range.')).toBeInTheDocument();
      expect(screen.queryByText(/drag over a range to add one/)).not.toBeInTheDocument();
    });

    it('falls back to zoom when the user may no longer annotate', async () => {
      const { props, onChangeTimeRange } = panelProps([foresightFrame()]);
      let view: ReturnType<typeof render> | undefined;
      await act(async () => {
        view = render(withContext(props, { canAddAnnotations: () => true }));
      });
      fireEvent.click(screen.getByLabelText('Exclude'));
      expect(charts[charts.length - 1].marking).toBe(true);
      await act(async () => {
        view!.rerender(withContext(props, { canAddAnnotations: () => false }));
      });
      const chart = charts[charts.length - 1];
      expect(chart.marking).toBe(false);
      act(() => chart.onSelectRange(T0, T0 + STEP));
      expect(screen.queryByTestId(TEST_IDS.regionDialog)).not.toBeInTheDocument();
      expect(onChangeTimeRange).toHaveBeenCalledWith({ from: T0, to: T0 + STEP });
    });

    it('asks again before saving, so a permission lost with the dialog open writes nothing', async () => {
      const post = jest.fn().mockResolvedValue({ id: 5 });
      setBackendSrv({ post, get: listAnnotations } as unknown as BackendSrv);
      let allowed = true;
      const { props } = panelProps([foresightFrame()]);
      await act(async () => {
        render(withContext(props, { canAddAnnotations: () => allowed }));
      });
      fireEvent.click(screen.getByLabelText('Exclude'));
      act(() => charts[charts.length - 1].onSelectRange(T0, T0 + STEP));
      allowed = false;
      fireEvent.click(screen.getByTestId(TEST_IDS.regionSave));
      await settle();
      expect(post).not.toHaveBeenCalled();
      expect(screen.getByText('You may not add annotations to this dashboard')).toBeInTheDocument();
    });
  });
});
