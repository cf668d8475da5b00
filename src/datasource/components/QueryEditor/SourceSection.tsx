import { DataSourceInstanceSettings } from '@grafana/data';
import { DataSourcePicker } from '@grafana/runtime';
import { Alert, InlineField, InlineFieldRow, Input, RadioButtonGroup, Select } from '@grafana/ui';
import { ChangeEvent } from 'react';

import { DATASOURCE_ID, QUERY_DEFAULTS } from '../../../shared/constants';
import type { ForesightQuery, SourceKind } from '../../../shared/types';
import { DEMO_SERIES_OPTIONS, SOURCE_OPTIONS, TEST_IDS } from '../../constants';
import { SourceQueryEditor } from '../SourceQueryEditor';

export interface SourceSectionProps {
  query: ForesightQuery;
  source: SourceKind;
  /** The datasource settings' allowedDatasources: the only ones the backend reads. */
  allowedDatasources?: string[];
  onChange: (query: ForesightQuery) => void;
  onRunQuery: () => void;
}

/** Whether the source picker offers a datasource: another plugin's, and one the settings allow. */
export function pickableSource(allowed: string[]): (ds: DataSourceInstanceSettings) => boolean {
  return (ds) => ds.type !== DATASOURCE_ID && allowed.includes(ds.uid);
}

/** Where the series come from: the demo, another Grafana datasource with its own query, or PromQL. */
export function SourceSection({ query, source, allowedDatasources = [], onChange, onRunQuery }: SourceSectionProps) {
  const onSourceDatasource = (ds: DataSourceInstanceSettings) => {
    const changed = ds.uid !== query.sourceDatasource?.uid;
    onChange({
      ...query,
      sourceDatasource: { uid: ds.uid, type: ds.type },
      sourceQuery: changed ? {} : query.sourceQuery,
    });
  };

  return (
    <>
      <InlineFieldRow>
        <InlineField label="Source" labelWidth={14} tooltip="Where the series to model come from">
          <div data-testid={TEST_IDS.querySource}>
            <RadioButtonGroup<SourceKind>
              options={SOURCE_OPTIONS}
              value={source}
              onChange={(next) => onChange({ ...query, source: next })}
            />
          </div>
        </InlineField>
        {source === 'demo' && (
          <InlineField label="Series" labelWidth={10} tooltip="Which generated series to model">
            <Select
              data-testid={TEST_IDS.queryDemoSeries}
              aria-label="Demo series"
              options={DEMO_SERIES_OPTIONS}
              value={query.demoSeries ?? QUERY_DEFAULTS.demoSeries}
              onChange={(item) => {
                onChange({ ...query, demoSeries: item.value });
                onRunQuery();
              }}
              width={40}
            />
          </InlineField>
        )}
        {source === 'grafana' && (
          <InlineField label="Datasource" labelWidth={14} tooltip="The datasource whose series Foresight models">
            <DataSourcePicker
              current={query.sourceDatasource?.uid ?? null}
              onChange={onSourceDatasource}
              metrics
              noDefault
              filter={pickableSource(allowedDatasources)}
              width={32}
            />
          </InlineField>
        )}
      </InlineFieldRow>
      {source === 'grafana' && allowedDatasources.length === 0 && (
        <Alert severity="info" title="No Grafana datasource is allowed yet">
          An administrator lists the datasources Foresight may read under Allowed datasources, in this datasource&apos;s
          settings.
        </Alert>
      )}
      {source === 'grafana' && query.sourceDatasource?.uid && (
        <SourceQueryEditor query={query} onChange={onChange} onRunQuery={onRunQuery} />
      )}
      {source === 'prometheus' && (
        <InlineFieldRow>
          <InlineField label="PromQL" labelWidth={14} grow tooltip="Run as query_range at the panel's step">
            <Input
              data-testid={TEST_IDS.queryExpr}
              value={query.expr ?? ''}
              placeholder="sum by (service) (rate(messages_sent_total[5m]))"
              onChange={(event: ChangeEvent<HTMLInputElement>) => onChange({ ...query, expr: event.target.value })}
              onBlur={onRunQuery}
            />
          </InlineField>
          <InlineField label="Legend" labelWidth={10} tooltip="Series name, e.g. {{service}}">
            <Input
              data-testid={TEST_IDS.queryLegend}
              value={query.legendFormat ?? ''}
              placeholder="{{service}}"
              onChange={(event: ChangeEvent<HTMLInputElement>) =>
                onChange({ ...query, legendFormat: event.target.value })
              }
              onBlur={onRunQuery}
              width={20}
            />
          </InlineField>
        </InlineFieldRow>
      )}
    </>
  );
}
