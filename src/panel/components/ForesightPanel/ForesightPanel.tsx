import { css } from '@emotion/css';
import { GrafanaTheme2, LoadingState, PanelProps } from '@grafana/data';
import { PanelDataErrorView } from '@grafana/runtime';
import { usePanelContext, useStyles2, useTheme2 } from '@grafana/ui';
import { useCallback, useEffect, useMemo, useState } from 'react';

import type { AnnotationDraft, ListedAnnotation } from '../../api/annotations';
import { chartXMax } from '../../chart/chartOptions';
import { chartColors } from '../../chart/colors';
import { MIN_CHART_HEIGHT, TEST_IDS } from '../../constants';
import { chartLayout } from '../../data/chartLayout';
import { hasDrawablePoint, noRows } from '../../data/emptyData';
import { countOutliers, selectSeries } from '../../data/outliers';
import { alertModeRefIds, findModelTarget, ignoringExclusionsRefIds } from '../../data/modelTarget';
import { panelNotices, skippedNotice } from '../../data/panelNotices';
import { describeCurrent, outsideBandCounts, rankBySignificance } from '../../data/triage';
import { useAnnotationActions } from '../../hooks/useAnnotationActions';
import { usePanelSeries } from '../../hooks/usePanelSeries';
import type { DragMode, ForesightPanelOptions } from '../../types';
import { AnnotationList } from '../AnnotationList';
import { ForesightChart } from '../ForesightChart';
import { Legend } from '../Legend';
import { MissingFields } from '../MissingFields';
import { ModelView } from '../ModelView';
import { NoData } from '../NoData';
import { OutsideStrip, STRIP_CAPTION_HEIGHT } from '../OutsideStrip';
import { PanelToolbar } from '../PanelToolbar';
import { RegionDialog } from '../RegionDialog';
import { hiddenNote } from './hiddenNote';

export type ForesightPanelProps = PanelProps<ForesightPanelOptions>;

const TOOLBAR_HEIGHT = 36;
const LEGEND_HEIGHT = 24;
const HEADER_HEIGHT = 20;
const NOTICE_HEIGHT = 18;
const SCROLLBAR_WIDTH = 12;
const STRIP_PLOT_HEIGHT = 40;
const MINUTE = 60_000;

/** The Foresight panel: each series against its expectation and band, with outliers, exclusions and feedback. */
export function ForesightPanel(props: ForesightPanelProps) {
  const { data, width, height, options, timeZone, timeRange, eventBus, onChangeTimeRange, id } = props;
  const styles = useStyles2(getStyles);
  const theme = useTheme2();
  const panelContext = usePanelContext();
  const canAnnotate = panelContext.canAddAnnotations?.() ?? true;

  const [picked, setPicked] = useState<string | undefined>();
  const [onlyWithOutliers, setOnlyWithOutliers] = useState(options.onlyWithOutliers);
  // The option sets the toolbar switch again whenever the dashboard editor changes it.
  const [onlyOption, setOnlyOption] = useState(options.onlyWithOutliers);
  if (options.onlyWithOutliers !== onlyOption) {
    setOnlyOption(options.onlyWithOutliers);
    setOnlyWithOutliers(options.onlyWithOutliers);
  }
  const [chosenMode, setChosenMode] = useState<DragMode>('zoom');
  // Losing the right to annotate (e.g. the dashboard turned read-only) leaves only zooming.
  const dragMode = canAnnotate ? chosenMode : 'zoom';
  const [pending, setPending] = useState<{ from: number; to: number } | undefined>();
  const [showList, setShowList] = useState(false);
  const [showModel, setShowModel] = useState(false);

  const range = useMemo(() => ({ from: timeRange.from.valueOf(), to: timeRange.to.valueOf() }), [timeRange]);
  const location = useMemo(
    () => ({ dashboardUID: data.request?.dashboardUID || undefined, panelId: data.request?.panelId ?? id }),
    [data.request?.dashboardUID, data.request?.panelId, id]
  );
  const actions = useAnnotationActions(location, eventBus);
  const { load } = actions;
  useEffect(() => {
    load(range);
  }, [load, range]);
  const listedRegions = useMemo(
    () => actions.listed.map(({ id, kind, from, to, text, orgWide }) => ({ id, kind, from, to, text, orgWide })),
    [actions.listed]
  );
  const ignoring = useMemo(() => ignoringExclusionsRefIds(data.request), [data.request]);
  const { all, gaps, regionsByKey } = usePanelSeries(data.series, data.annotations, location, listedRegions, ignoring);
  const saveAnnotation = useCallback(
    async (draft: AnnotationDraft) => {
      // Asked again at save time: the permission can change while the dialog is open.
      if (!(panelContext.canAddAnnotations?.() ?? true)) {
        return 'You may not add annotations to this dashboard';
      }
      const problem = await actions.save(draft);
      if (!problem) {
        load(range);
      }
      return problem;
    },
    [actions, load, range, panelContext]
  );
  // Grafana's permission check takes no dashboard for organisation-wide annotations.
  const canDelete = useCallback(
    (a: ListedAnnotation) => panelContext.canDeleteAnnotations?.(a.orgWide ? undefined : location.dashboardUID) ?? true,
    [panelContext, location.dashboardUID]
  );
  const colors = useMemo(() => chartColors(theme, options.bandOpacity), [theme, options.bandOpacity]);
  // The query's errors and its frames' notices: shown above the charts, or instead of them when nothing draws.
  const problems = useMemo(() => panelNotices(data), [data]);
  const notices = useMemo(() => {
    const skippedText = skippedNotice(gaps);
    return skippedText ? [...problems, { severity: 'warning' as const, text: skippedText }] : problems;
  }, [problems, gaps]);

  // A pick the data no longer holds (the series gone at a refresh) is forgotten, so the picker says all are shown.
  if (picked !== undefined && !all.some((s) => s.key === picked)) {
    setPicked(undefined);
  }
  // Most anomalous first: charts, top N and the picker all follow this order.
  const ranked = useMemo(() => rankBySignificance(all), [all]);
  const ordered = useMemo(() => ranked.map((r) => r.series), [ranked]);
  const currentByKey = useMemo(() => new Map(ranked.map((r) => [r.series.key, r.current])), [ranked]);
  // Over every series, not only those charted, so a fleet-wide incident shows in full.
  const outside = useMemo(() => outsideBandCounts(all, options.direction), [all, options.direction]);
  const selected = useMemo(
    () =>
      selectSeries(ordered, {
        picked,
        onlyWithOutliers,
        direction: options.direction,
        maxCharts: options.maxCharts,
        topN: options.topN,
        range,
      }),
    [ordered, picked, onlyWithOutliers, options.direction, options.maxCharts, options.topN, range]
  );
  const { shown, hiddenCount } = selected;
  // The strip spans what the charts span, forecasts included, so its spikes sit above the same moments.
  const stripRange = useMemo<[number, number]>(
    () => [range.from, shown.reduce((end, s) => Math.max(end, chartXMax(s, range)), range.to)],
    [range, shown]
  );
  // Every chart spans the same, so one moment sits at one x in all of them when only some queries forecast.
  const chartRange = useMemo(() => ({ from: stripRange[0], to: stripRange[1] }), [stripRange]);
  // The kinds of region on the charts drawn, for the legend.
  const regionKinds = useMemo(
    () => [...new Set(shown.flatMap((s) => (regionsByKey.get(s.key) ?? []).map((r) => r.kind)))],
    [shown, regionsByKey]
  );
  // The model view shows the picked series, else the first charted (the most anomalous), and asks its own query.
  const modelSeries = (shown.length === 1 ? shown[0] : all.find((s) => s.key === picked)) ?? shown[0];
  const targetRefId = modelSeries?.refId;
  const modelTarget = useMemo(() => findModelTarget(data.request, targetRefId), [data.request, targetRefId]);
  const seriesOptions = useMemo(() => {
    return ranked.map(({ series: s, current }) => {
      const c = countOutliers(s, range.from, range.to);
      const description = `${describeCurrent(current)} · ${c.above} above, ${c.below} below`;
      return { label: s.name, value: s.key, description };
    });
  }, [ranked, range]);

  const onSelectRange = useCallback(
    (from: number, to: number) => {
      if (dragMode === 'zoom' || !(panelContext.canAddAnnotations?.() ?? true)) {
        onChangeTimeRange({ from: Math.round(Math.min(from, to)), to: Math.round(Math.max(from, to)) });
      } else {
        // Whole minutes: a dragged edge carries pixel noise, not second-level intent. A short drag whose edges
        // round to the same minute takes the minutes it touches instead of an empty range.
        const minute = (ms: number) => Math.round(ms / MINUTE) * MINUTE;
        const [lo, hi] = [Math.min(from, to), Math.max(from, to)];
        const empty = minute(lo) === minute(hi);
        setPending({
          from: empty ? Math.floor(lo / MINUTE) * MINUTE : minute(lo),
          to: empty ? Math.ceil(hi / MINUTE) * MINUTE : minute(hi),
        });
      }
    },
    [dragMode, panelContext, onChangeTimeRange]
  );

  if (data.series.length === 0 && data.state === LoadingState.Loading) {
    return <div className={styles.message}>Fitting the model…</div>;
  }
  // Nothing came back, or nothing with a point: say why where the response does, not a bare “No data”.
  if (all.length === 0 ? noRows(data.series) : !hasDrawablePoint(all)) {
    if (problems.length > 0) {
      return <NoData reasons={problems} width={width} height={height} />;
    }
    return <PanelDataErrorView panelId={id} fieldConfig={props.fieldConfig} data={data} needsTimeField />;
  }

  if (all.length === 0) {
    return <MissingFields gaps={gaps} width={width} height={height} alertRefIds={alertModeRefIds(data.request)} />;
  }

  const noticesHeight = notices.length * NOTICE_HEIGHT;
  const showStrip = options.outsideStrip && all.length > 1;
  const stripHeight = showStrip ? STRIP_CAPTION_HEIGHT + STRIP_PLOT_HEIGHT : 0;
  const layout = chartLayout({
    width,
    height,
    charts: shown.length,
    chromeHeight: TOOLBAR_HEIGHT + LEGEND_HEIGHT + noticesHeight + stripHeight,
    headerHeight: HEADER_HEIGHT,
    minChartHeight: MIN_CHART_HEIGHT,
    scrollbarWidth: SCROLLBAR_WIDTH,
  });

  return (
    <div className={styles.wrapper} style={{ width, height }} data-testid={TEST_IDS.panel}>
      <PanelToolbar
        seriesOptions={seriesOptions}
        picked={picked}
        onPick={setPicked}
        onlyWithOutliers={onlyWithOutliers}
        onOnlyWithOutliers={setOnlyWithOutliers}
        dragMode={dragMode}
        onDragMode={setChosenMode}
        canAnnotate={canAnnotate}
        onShowAnnotations={() => setShowList(true)}
        onShowModel={() => setShowModel(true)}
      />
      {notices.map((notice) => (
        <div key={notice.text} className={notice.severity === 'error' ? styles.error : styles.warning}>
          {notice.text}
        </div>
      ))}
      {showStrip && (
        <OutsideStrip
          counts={outside}
          seriesCount={all.length}
          xRange={stripRange}
          colors={colors}
          width={layout.chartWidth}
          height={STRIP_PLOT_HEIGHT}
          timeZone={timeZone}
          onSelectRange={onSelectRange}
          eventBus={eventBus}
        />
      )}
      <div className={styles.charts}>
        {shown.length === 0 && (
          <div className={styles.message} data-testid={TEST_IDS.noSeries}>
            No series has outliers in this range. Turn off “Only with outliers” to see all {all.length}.
          </div>
        )}
        {shown.map((series) => {
          const counts = countOutliers(series, range.from, range.to);
          const current = currentByKey.get(series.key);
          return (
            <div key={series.key}>
              {layout.headers && (
                <div className={styles.header} data-testid={TEST_IDS.seriesHeader}>
                  {series.name}
                  <span className={styles.counts}>
                    {counts.above} above · {counts.below} below
                    {current && ` · ${describeCurrent(current)}`}
                  </span>
                </div>
              )}
              <ForesightChart
                series={series}
                regions={regionsByKey.get(series.key) ?? []}
                options={options}
                width={layout.chartWidth}
                height={layout.chartHeight}
                timeRange={chartRange}
                timeZone={timeZone}
                marking={dragMode !== 'zoom'}
                onSelectRange={onSelectRange}
                eventBus={eventBus}
              />
            </div>
          );
        })}
        {hiddenCount > 0 && shown.length > 0 && (
          <div className={styles.message} data-testid={TEST_IDS.hiddenSeries}>
            {hiddenNote(selected, all.length)}
          </div>
        )}
      </div>
      <Legend colors={colors} layers={options.layers} regionKinds={regionKinds} direction={options.direction} />
      {pending && (
        <RegionDialog
          range={pending}
          initialKind={dragMode === 'zoom' ? 'exclude' : dragMode}
          initialScope={options.exclusionScope}
          canScopeToPanel={Boolean(location.dashboardUID)}
          timeZone={timeZone}
          onSave={saveAnnotation}
          onDismiss={() => setPending(undefined)}
        />
      )}
      {showList && (
        <AnnotationList
          actions={actions}
          range={range}
          timeZone={timeZone}
          canDelete={canDelete}
          canAnnotate={canAnnotate}
          onDismiss={() => setShowList(false)}
        />
      )}
      {showModel && (
        <ModelView
          target={modelTarget}
          series={modelSeries}
          regions={modelSeries ? (regionsByKey.get(modelSeries.key) ?? []) : []}
          range={range}
          timeZone={timeZone}
          onClose={() => setShowModel(false)}
        />
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  wrapper: css({ display: 'flex', flexDirection: 'column', overflow: 'hidden' }),
  charts: css({ flex: '1 1 auto', overflowY: 'auto', overflowX: 'hidden' }),
  header: css({
    height: HEADER_HEIGHT,
    fontSize: theme.typography.bodySmall.fontSize,
    fontWeight: theme.typography.fontWeightMedium,
    display: 'flex',
    gap: theme.spacing(1),
  }),
  counts: css({ color: theme.colors.text.secondary, fontWeight: theme.typography.fontWeightRegular }),
  message: css({ padding: theme.spacing(1), color: theme.colors.text.secondary }),
  warning: css({ fontSize: theme.typography.bodySmall.fontSize, color: theme.colors.warning.text }),
  error: css({ fontSize: theme.typography.bodySmall.fontSize, color: theme.colors.error.text }),
});
