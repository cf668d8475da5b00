import { QueryEditorProps } from '@grafana/data';
import { Alert, Stack } from '@grafana/ui';
import { useEffect } from 'react';

import { DEFAULT_SETTINGS } from '../../../shared/constants';
import type { ForesightDataSourceOptions, ForesightQuery } from '../../../shared/types';
import type { ForesightDataSource } from '../../datasource';
import { TEST_IDS, WARNING_NOTICE_PREFIX } from '../../constants';
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
export function QueryEditor({ query, onChange, onRunQuery, datasource, data }: ForesightQueryEditorProps) {
  const settings = datasource.settings ?? {};
  const dashboardUID = data?.request?.dashboardUID;
  const panelId = data?.request?.panelId;
  useEffect(() => {
    if (dashboardUID && (query.dashboardUID !== dashboardUID || query.panelId !== panelId)) {
      onChange({ ...query, dashboardUID, panelId });
    }
  }, [dashboardUID, panelId, query, onChange]);
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
        maxTrainingDays={settings.maxTrainingDays ?? DEFAULT_SETTINGS.maxTrainingDays}
        defaultTrainingDays={settings.defaultTrainingDays ?? DEFAULT_SETTINGS.defaultTrainingDays}
        inDashboard={Boolean(dashboardUID)}
        onChange={onChange}
        onRunQuery={onRunQuery}
      />
      <AlertingSection query={query} onChange={onChange} onRunQuery={onRunQuery} />
      <WarningSection query={query} onChange={onChange} onRunQuery={onRunQuery} notices={warningNotices(data)} />
      {problem && (
        <Alert severity="info" title={problem} data-testid={TEST_IDS.queryProblem}>
          The query is not sent until this is set.
        </Alert>
      )}
    </Stack>
  );
}
