import { CoreApp, DataQueryRequest, DataQueryResponse, DataSourceInstanceSettings, ScopedVars } from '@grafana/data';
import type { Observable } from 'rxjs';
import { DataSourceWithBackend, getTemplateSrv } from '@grafana/runtime';

import { DEFAULT_QUERY } from '../shared/constants';
import type { ForesightDataSourceOptions, ForesightQuery } from '../shared/types';
import { isAlertRuleApp } from './alertingValidation';
import { queryProblem } from './queryValidation';
import { interpolateQuery } from './variables';

/** Thin frontend half of the Foresight datasource: queries run in the Go backend. */
export class ForesightDataSource extends DataSourceWithBackend<ForesightQuery, ForesightDataSourceOptions> {
  /** The datasource settings (defaults and limits) the editors read. */
  readonly settings: ForesightDataSourceOptions;

  constructor(instanceSettings: DataSourceInstanceSettings<ForesightDataSourceOptions>) {
    super(instanceSettings);
    this.settings = instanceSettings.jsonData ?? {};
  }

  override getDefaultQuery(app: CoreApp): Partial<ForesightQuery> {
    const defaultSource = this.settings.defaultSource;
    const query =
      defaultSource && defaultSource !== DEFAULT_QUERY.source
        ? { ...DEFAULT_QUERY, source: defaultSource, demoSeries: undefined }
        : DEFAULT_QUERY;
    // A new alert rule's query answers in the one-field form rules compare.
    return isAlertRuleApp(app) ? { ...query, mode: 'alert' } : query;
  }

  /** Hidden queries and queries that cannot run yet (no expression, no source datasource) are not sent. */
  override filterQuery(query: ForesightQuery): boolean {
    return !query.hide && queryProblem(query, this.settings.defaultSource) === undefined;
  }

  /**
   * Stamps each query with the dashboard and panel it runs for. Where it runs wins over what the saved query names
   * (a panel copied from another dashboard); outside a dashboard (an alert rule, Explore) the saved query's own
   * dashboard stands. The backend goes by the X-Dashboard-Uid / X-Panel-Id headers Grafana forwards and takes the
   * query's dashboard only for alert rules or a user it can check (docs/backend.md, "Access").
   */
  override query(request: DataQueryRequest<ForesightQuery>): Observable<DataQueryResponse> {
    const { dashboardUID, panelId } = request;
    if (!dashboardUID) {
      return super.query(request);
    }
    const targets = request.targets.map((t) => ({ ...t, dashboardUID, panelId }));
    return super.query({ ...request, targets });
  }

  override applyTemplateVariables(query: ForesightQuery, scopedVars: ScopedVars): ForesightQuery {
    const templateSrv = getTemplateSrv();
    return interpolateQuery(query, (text) => templateSrv.replace(text, scopedVars));
  }
}
