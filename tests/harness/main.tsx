/**
 * A page that mounts the real Foresight panel with @grafana/ui and @grafana/data, as Grafana would, for the
 * browser tests and the render benchmark. `?theme=dark|light`, `?scenario=demo|bench|fleet|plain|warning`,
 * `?series=N&points=N`, `?top=N` (the Top N option), `?width=W&height=H`.
 */
import {
  createTheme,
  dateTime,
  EventBusSrv,
  FieldConfigSource,
  LoadingState,
  PanelData,
  ThemeContext,
  TimeRange,
} from '@grafana/data';
import { BackendSrv, setAppEvents, setBackendSrv, RefreshEvent } from '@grafana/runtime';
import { GlobalStyles } from '@grafana/ui';
import { createRoot } from 'react-dom/client';
import type uPlot from 'uplot';

import { ForesightPanel } from '../../src/panel/components/ForesightPanel';
import { ChartRegistry, ChartRegistryContext } from '../../src/panel/components/ForesightChart';
import { chartColors, ChartColors } from '../../src/panel/chart/colors';
import { splitForesightFrames } from '../../src/panel/data/foresightFrames';
import { toSeriesViews } from '../../src/panel/data/seriesView';
import { DEFAULT_PANEL_OPTIONS, ForesightPanelOptions } from '../../src/panel/types';
import { benchScenario, demoScenario, fleetScenario, plainScenario, warningScenario } from './frames';

interface HarnessState {
  ready: boolean;
  /** The colours the panel draws with, so tests can check pixels. */
  colors?: ChartColors;
  background?: string;
  error?: string;
  fitMs: number;
  charts: Map<string, uPlot>;
  /** Each drawable frame's outlier flags (the model's verdicts), by the key of the chart drawing it. */
  outliers: Record<string, Array<number | null>>;
  timeRangeChanges: Array<{ from: number; to: number }>;
  refreshes: number;
  exclusion: [number, number];
  /** The fleet scenario's shared incident, epoch ms. */
  incident?: [number, number];
  range: { from: number; to: number };
  /** The warning scenario's threshold, expected crossing and drift start. */
  warning?: { above: number; crossing: number; driftStart: number };
}

declare global {
  interface Window {
    foresightHarness: HarnessState;
  }
}

const params = new URLSearchParams(window.location.search);
const mode = params.get('theme') === 'dark' ? 'dark' : 'light';
const width = Number(params.get('width') ?? 1200);
const height = Number(params.get('height') ?? 720);

const state: HarnessState = {
  ready: false,
  fitMs: 0,
  charts: new Map(),
  outliers: {},
  timeRangeChanges: [],
  refreshes: 0,
  exclusion: [0, 0],
  range: { from: 0, to: 0 },
};
window.foresightHarness = state;

async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data: unknown = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw Object.assign(new Error(`HTTP ${response.status}`), { status: response.status, data });
  }
  return data as T;
}

// The panel talks to Grafana only through getBackendSrv(); the page answers with real HTTP requests.
setBackendSrv({
  get: (url: string) => request('GET', url),
  post: (url: string, body?: unknown) => request('POST', url, body),
  delete: (url: string) => request('DELETE', url),
} as unknown as BackendSrv);

const appEvents = new EventBusSrv();
appEvents.subscribe(RefreshEvent, () => {
  state.refreshes++;
});
setAppEvents(appEvents);

const registry: ChartRegistry = {
  add: (key, chart) => state.charts.set(key, chart),
  remove: (key) => state.charts.delete(key),
};

function mount() {
  const name = params.get('scenario') ?? 'demo';
  const bench = name === 'bench';
  const scenario = bench
    ? benchScenario(Number(params.get('series') ?? 10), Number(params.get('points') ?? 10_000))
    : name === 'plain'
      ? plainScenario()
      : name === 'fleet'
        ? fleetScenario()
        : name === 'warning'
          ? warningScenario()
          : demoScenario();
  state.fitMs = scenario.fitMs;
  // The panel's own keys, so a chart finds its frame's flags whatever else the scenario holds.
  const { usable } = splitForesightFrames(scenario.frames);
  const views = toSeriesViews(usable);
  state.outliers = Object.fromEntries(
    usable.map((frame, i) => [
      views[i].key,
      Array.from(frame.fields.find((f) => f.name === 'outlier')?.values ?? [], (v) => (v === null ? null : Number(v))),
    ])
  );
  state.exclusion = [scenario.exclusion[0], scenario.exclusion[1]];
  state.range = scenario.range;
  state.warning = scenario.warning;
  state.incident = scenario.incident ? [scenario.incident[0], scenario.incident[1]] : undefined;

  const theme = createTheme({ colors: { mode } });
  state.colors = chartColors(theme, DEFAULT_PANEL_OPTIONS.bandOpacity);
  state.background = theme.colors.background.primary;
  document.body.style.background = theme.colors.background.primary;
  document.body.style.color = theme.colors.text.primary;
  document.body.style.fontFamily = theme.typography.fontFamily;

  const timeRange: TimeRange = {
    from: dateTime(scenario.range.from),
    to: dateTime(scenario.range.to),
    raw: { from: dateTime(scenario.range.from), to: dateTime(scenario.range.to) },
  };
  const data: PanelData = {
    state: LoadingState.Done,
    series: scenario.frames,
    annotations: scenario.annotations,
    timeRange,
    request: {
      requestId: 'harness',
      dashboardUID: 'foresight-demo',
      panelId: 2,
      interval: '5m',
      intervalMs: 300_000,
      range: timeRange,
      scopedVars: {},
      targets: [{ refId: 'A', datasource: { uid: 'foresight', type: 'foresight-anomaly-datasource' } }],
      timezone: 'utc',
      app: 'dashboard',
      startTime: 0,
    },
  };
  const options: ForesightPanelOptions = {
    ...DEFAULT_PANEL_OPTIONS,
    maxCharts: bench ? 10 : DEFAULT_PANEL_OPTIONS.maxCharts,
    topN: Number(params.get('top') ?? DEFAULT_PANEL_OPTIONS.topN),
  };
  const fieldConfig: FieldConfigSource = { defaults: {}, overrides: [] };
  const eventBus = new EventBusSrv();

  const root = document.getElementById('root');
  if (!root) {
    throw new Error('harness page has no #root');
  }
  createRoot(root).render(
    <ThemeContext.Provider value={theme}>
      <GlobalStyles />
      <ChartRegistryContext.Provider value={registry}>
        <div style={{ width, height, padding: 8, boxSizing: 'content-box' }}>
          <ForesightPanel
            id={2}
            data={data}
            timeRange={timeRange}
            timeZone="utc"
            options={options}
            fieldConfig={fieldConfig}
            transparent={false}
            width={width}
            height={height}
            renderCounter={0}
            title="Foresight"
            eventBus={eventBus}
            onOptionsChange={() => undefined}
            onFieldConfigChange={() => undefined}
            replaceVariables={(text: string) => text}
            onChangeTimeRange={(range) => state.timeRangeChanges.push(range)}
          />
        </div>
      </ChartRegistryContext.Provider>
    </ThemeContext.Provider>
  );
  const waitForCharts = () => {
    const expected =
      name === 'plain' ? 0 : Math.min(scenario.frames.length, options.maxCharts, options.topN || Infinity);
    if (state.charts.size >= expected) {
      state.ready = true;
    } else {
      requestAnimationFrame(waitForCharts);
    }
  };
  waitForCharts();
}

try {
  mount();
} catch (err) {
  state.error = err instanceof Error ? `${err.message}\n${err.stack}` : String(err);
}
