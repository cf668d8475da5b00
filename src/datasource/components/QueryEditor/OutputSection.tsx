import { InlineField, InlineFieldRow, InlineSwitch, Input, RadioButtonGroup, Select } from '@grafana/ui';
import { ChangeEvent } from 'react';

import { DEFAULT_QUERY, QUERY_DEFAULTS, QUERY_LIMITS } from '../../../shared/constants';
import type { ForesightQuery, OutputMode } from '../../../shared/types';
import { ALERT_FIELD_OPTIONS, MODE_OPTIONS, TEST_IDS } from '../../constants';
import { NumberField } from '../NumberField';

export interface OutputSectionProps {
  query: ForesightQuery;
  maxTrainingDays: number;
  defaultTrainingDays: number;
  /** Edited in a dashboard panel, whose dashboard is then the one whose exclusions apply. */
  inDashboard?: boolean;
  onChange: (query: ForesightQuery) => void;
  onRunQuery: () => void;
}

/** Training window, output shape, forecast horizon and whether exclusion annotations apply. */
export function OutputSection({
  query,
  maxTrainingDays,
  defaultTrainingDays,
  inDashboard = false,
  onChange,
  onRunQuery,
}: OutputSectionProps) {
  const apply = (next: ForesightQuery) => {
    onChange(next);
    onRunQuery();
  };
  const mode = query.mode ?? QUERY_DEFAULTS.mode;
  return (
    <InlineFieldRow>
      <NumberField
        label="Training days"
        labelWidth={16}
        tooltip={`History fetched before the range for training (at most ${maxTrainingDays})`}
        testId={TEST_IDS.queryTrainingDays}
        value={query.trainingDays}
        placeholder={String(defaultTrainingDays)}
        bounds={{ min: 1, max: maxTrainingDays, integer: true }}
        onCommit={(trainingDays) => apply({ ...query, trainingDays })}
      />
      <NumberField
        label="Forecast hours"
        labelWidth={16}
        tooltip="Expectation and band drawn beyond the end of the range"
        testId={TEST_IDS.queryForecastHours}
        value={query.forecastHours}
        placeholder={String(DEFAULT_QUERY.forecastHours ?? 0)}
        bounds={{ min: 0, max: QUERY_LIMITS.maxForecastHours }}
        onCommit={(forecastHours) => apply({ ...query, forecastHours })}
      />
      <InlineField label="Output" labelWidth={10} tooltip="Alert rules use the alert output">
        <RadioButtonGroup<OutputMode>
          options={MODE_OPTIONS}
          value={mode}
          onChange={(next) => apply({ ...query, mode: next })}
        />
      </InlineField>
      {mode === 'alert' && (
        <InlineField label="Alert field" labelWidth={12} tooltip="The one numeric field the alert frame carries">
          <Select
            aria-label="Alert field"
            data-testid={TEST_IDS.queryAlertField}
            options={ALERT_FIELD_OPTIONS}
            value={query.alertField ?? QUERY_DEFAULTS.alertField}
            onChange={(item) => item.value && apply({ ...query, alertField: item.value })}
            width={20}
          />
        </InlineField>
      )}
      <InlineField
        label="Use exclusions"
        labelWidth={16}
        tooltip="Read the Foresight annotations: foresight:exclude and foresight:incident ranges are left out of training, foresight:false-alarm raises the threshold over its range. Off ignores all three"
      >
        <InlineSwitch
          aria-label="Use exclusion annotations"
          value={query.useExclusionAnnotations ?? true}
          onChange={(event: ChangeEvent<HTMLInputElement>) =>
            apply({ ...query, useExclusionAnnotations: event.currentTarget.checked })
          }
        />
      </InlineField>
      {(query.useExclusionAnnotations ?? true) && (
        <InlineField
          label="Exclusions of dashboard"
          labelWidth={22}
          disabled={inDashboard}
          tooltip="Besides organisation-wide ones, the foresight:exclude annotations of this dashboard (UID) apply. A panel fills it in; in an alert rule, name the dashboard whose exclusions the rule should honour."
        >
          <Input
            data-testid={TEST_IDS.queryExclusionDashboard}
            value={query.dashboardUID ?? ''}
            placeholder="dashboard UID"
            width={24}
            onChange={(event: ChangeEvent<HTMLInputElement>) =>
              // Typed by hand, the UID stands for the whole dashboard: every panel's exclusions apply.
              onChange({ ...query, dashboardUID: event.target.value.trim() || undefined, panelId: undefined })
            }
            onBlur={onRunQuery}
          />
        </InlineField>
      )}
    </InlineFieldRow>
  );
}
