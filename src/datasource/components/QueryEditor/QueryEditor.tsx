import { QueryEditorProps } from '@grafana/data';
import { Alert, Button, Stack } from '@grafana/ui';
import { useEffect } from 'react';

import { DEFAULT_SETTINGS, QUERY_DEFAULTS } from '../../../shared/constants';
import type { ForesightDataSourceOptions, ForesightQuery } from '../../../shared/types';
import type { ForesightDataSource } from '../../datasource';
import { TEST_IDS, WARNING_NOTICE_PREFIX } from '../../constants';
import { isAlertRuleApp } from '../../alertingValidation';
import { effectiveSource, queryProblem } from '../../queryValidation';
import { AlertingSection } from './AlertingSection';
import { ModelSection } from './ModelSection';
import { OutputSection } from './OutputSection';
import { SourceSection } from './SourceSection';
import { WarningSection } from './WarningSection';

export type ForesightQueryEditorProps = QueryEditorProps<
  ForesightDataSource,
  ForesightQuery,
  ForesightDataSourceOptions
>;

/** The last run's notices about the early warning (an alert rule the backend could not read). */
function warningNotices(data: ForesightQueryEditorProps['data']): string[] {
  const texts = (data?.series ?? []).flatMap((frame) => frame.meta?.notices ?? []).map((notice) => notice.text);
  return [...new Set(texts.filter((text) => text.startsWith(WARNING_NOTICE_PREFIX)))];
}

/**
 * Source, model settings, output, alerting rule and early warning of one Foresight query. Edited in a dashboard panel, the query keeps
 * that panel's dashboard UID and panel id, so an alert rule made from the panel (which copies the saved
 * query) applies the exclusions marked on it.
 */
export function QueryEditor({ query, onChange, onRunQuery, datasource, data, app }: ForesightQueryEditorProps) {
  const settings = datasource.settings ?? {};
  const dashboardUID = data?.request?.dashboardUID;
  const panelId = data?.request?.panelId;
  useEffect(() => {
    if (dashboardUID && (query.dashboardUID !== dashboardUID || query.panelId !== panelId)) {
      onChange({ ...query, dashboardUID, panelId });
    }
  }, [dashboardUID, panelId, query, onChange]);
  const maxTrainingDays = settings.maxTrainingDays ?? DEFAULT_SETTINGS.maxTrainingDays;
  // The backend holds the default window to the maximum (pkg/models settings), so the placeholder does too.
  const defaultTrainingDays = Math.min(
    settings.defaultTrainingDays ?? DEFAULT_SETTINGS.defaultTrainingDays,
    maxTrainingDays
  );
  const source = effectiveSource(query, settings.defaultSource);
  const problem = queryProblem(query, settings.defaultSource);
  return (
    <Stack direction="column" gap={0.5}>
      <SourceSection
        query={query}
        source={source}
        allowedDatasources={settings.allowedDatasources}
        onChange={onChange}
        onRunQuery={onRunQuery}
      />
      <ModelSection query={query} onChange={onChange} onRunQuery={onRunQuery} />
      <OutputSection
        query={query}
        maxTrainingDays={maxTrainingDays}
        defaultTrainingDays={defaultTrainingDays}
        inDashboard={Boolean(dashboardUID)}
        onChange={onChange}
        onRunQuery={onRunQuery}
      />
      <AlertingSection query={query} onChange={onChange} onRunQuery={onRunQuery} />
      <WarningSection query={query} onChange={onChange} onRunQuery={onRunQuery} notices={warningNotices(data)} />
      {isAlertRuleApp(app) && (query.mode ?? QUERY_DEFAULTS.mode) !== 'alert' && (
        // "New alert rule" from a panel copies its full query; a rule reduces the first numeric field, the value.
        <Alert
          severity="warning"
          title="This rule would alert on the raw value, not on anomalies"
          data-testid={TEST_IDS.queryAlertOutput}
        >
          <Stack direction="column" gap={1} alignItems="flex-start">
            The full output carries value, expectation, band, outlier and score, and an alert rule reads only the first
            of them. The alert output carries the one field the rule should compare (outlier by default).
            <Button
              size="sm"
              onClick={() => {
                onChange({ ...query, mode: 'alert' });
                onRunQuery();
              }}
            >
              Use the alert output
            </Button>
          </Stack>
        </Alert>
      )}
      {problem && (
        <Alert severity="info" title={problem} data-testid={TEST_IDS.queryProblem}>
          The query is not sent until this is set.
        </Alert>
      )}
    </Stack>
  );
}
