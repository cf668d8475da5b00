import { QueryEditorProps } from '@grafana/data';
import { Alert, Stack } from '@grafana/ui';

import { DEFAULT_SETTINGS } from '../../../shared/constants';
import type { ForesightDataSourceOptions, ForesightQuery } from '../../../shared/types';
import type { ForesightDataSource } from '../../datasource';
import { TEST_IDS } from '../../constants';
import { effectiveSource, queryProblem } from '../../queryValidation';
import { ModelSection } from './ModelSection';
import { OutputSection } from './OutputSection';
import { SourceSection } from './SourceSection';

export type ForesightQueryEditorProps = QueryEditorProps<
  ForesightDataSource,
  ForesightQuery,
  ForesightDataSourceOptions
>;

/** Source, model settings and output of one Foresight query. */
export function QueryEditor({ query, onChange, onRunQuery, datasource }: ForesightQueryEditorProps) {
  const settings = datasource.settings ?? {};
  const source = effectiveSource(query, settings.defaultSource);
  const problem = queryProblem(query, settings.defaultSource);
  return (
    <Stack direction="column" gap={0.5}>
      <SourceSection query={query} source={source} onChange={onChange} onRunQuery={onRunQuery} />
      <ModelSection query={query} onChange={onChange} onRunQuery={onRunQuery} />
      <OutputSection
        query={query}
        maxTrainingDays={settings.maxTrainingDays ?? DEFAULT_SETTINGS.maxTrainingDays}
        defaultTrainingDays={settings.defaultTrainingDays ?? DEFAULT_SETTINGS.defaultTrainingDays}
        onChange={onChange}
        onRunQuery={onRunQuery}
      />
      {problem && (
        <Alert severity="info" title={problem} data-testid={TEST_IDS.queryProblem}>
          The query is not sent until this is set.
        </Alert>
      )}
    </Stack>
  );
}
