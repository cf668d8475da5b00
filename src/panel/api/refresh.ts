import { EventBus } from '@grafana/data';
import { getAppEvents, RefreshEvent } from '@grafana/runtime';

interface SceneTimeRangeLike {
  onRefresh: () => void;
}

function sceneTimeRange(): SceneTimeRangeLike | undefined {
  // Scenes-based dashboards (Grafana ≥ 11) expose their root here; its time range re-runs every query.
  const root: unknown = Reflect.get(window, '__grafanaSceneContext');
  const state: unknown = root && typeof root === 'object' ? Reflect.get(root, 'state') : undefined;
  const timeRange: unknown = state && typeof state === 'object' ? Reflect.get(state, '$timeRange') : undefined;
  const onRefresh: unknown =
    timeRange && typeof timeRange === 'object' ? Reflect.get(timeRange, 'onRefresh') : undefined;
  return typeof onRefresh === 'function' ? (timeRange as SceneTimeRangeLike) : undefined;
}

/**
 * Re-runs the dashboard's queries so the model retrains without a new exclusion. Uses the scene's time range
 * where there is one; otherwise publishes Grafana's RefreshEvent on the panel's and the app's event bus.
 */
export function refreshQueries(panelEventBus?: EventBus): void {
  const timeRange = sceneTimeRange();
  if (timeRange) {
    timeRange.onRefresh();
    return;
  }
  panelEventBus?.publish(new RefreshEvent());
  // Outside Grafana (tests, other hosts) the app event bus may not be set.
  const appEvents: EventBus | undefined = getAppEvents();
  appEvents?.publish(new RefreshEvent());
}
