import { QueryEditorProps } from '@grafana/data';
import { InlineField, InlineFieldRow, Input } from '@grafana/ui';
import { ChangeEvent, useState } from 'react';

import type { ForesightDataSource } from '../../datasource';
import type { ForesightDataSourceOptions, ForesightQuery } from '../../../shared/types';
import { TEST_IDS } from '../../constants';
import { parseIntervalWidth } from './parseIntervalWidth';

export type ForesightQueryEditorProps = QueryEditorProps<
  ForesightDataSource,
  ForesightQuery,
  ForesightDataSourceOptions
>;

/** Minimal editor: the series to model and the band's coverage. */
export function QueryEditor({ query, onChange, onRunQuery }: ForesightQueryEditorProps) {
  const initialWidth = query.params?.interval_width;
  const [widthText, setWidthText] = useState(initialWidth === undefined ? '' : String(initialWidth));
  const [widthError, setWidthError] = useState<string | undefined>();

  const onSeriesChange = (event: ChangeEvent<HTMLInputElement>) => {
    onChange({ ...query, series: event.target.value });
  };

  const commitWidth = () => {
    const parsed = parseIntervalWidth(widthText);
    if (!parsed.ok) {
      setWidthError(parsed.error);
      return;
    }
    setWidthError(undefined);
    const { interval_width: _dropped, ...rest } = query.params ?? {};
    const params = parsed.value === undefined ? rest : { ...rest, interval_width: parsed.value };
    onChange({ ...query, params });
    onRunQuery();
  };

  return (
    <InlineFieldRow>
      <InlineField label="Series" labelWidth={14} tooltip="Name of the series to model (demo source: a synthetic one)">
        <Input
          data-testid={TEST_IDS.querySeries}
          value={query.series ?? ''}
          onChange={onSeriesChange}
          onBlur={onRunQuery}
          width={28}
        />
      </InlineField>
      <InlineField
        label="Interval width"
        labelWidth={16}
        tooltip="Share of points the band should cover, between 0 and 1 (Prophet's interval_width; default 0.8)"
        invalid={widthError !== undefined}
        error={widthError}
      >
        <Input
          data-testid={TEST_IDS.queryIntervalWidth}
          value={widthText}
          placeholder="0.8"
          onChange={(event: ChangeEvent<HTMLInputElement>) => setWidthText(event.target.value)}
          onBlur={commitWidth}
          width={10}
        />
      </InlineField>
    </InlineFieldRow>
  );
}
