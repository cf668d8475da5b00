import { Alert, InlineField, InlineFieldRow, Select } from '@grafana/ui';

import { DEFAULT_PARAMS } from '../../../model/forecaster';
import { MAX_WIDTH } from '../../../model/params';
import type { ModelParams } from '../../../model/types';
import type { ForesightQuery } from '../../../shared/types';
import { SEASONALITY_MODE_OPTIONS, SEASONALITY_OPTIONS, TEST_IDS } from '../../constants';
import { NumberField } from '../NumberField';
import { ModelChoice } from './ModelChoice';
import {
  HOLIDAY_CALENDARS,
  HolidayCountry,
  holidayCountry,
  SeasonalityChoice,
  seasonalityChoice,
  seasonalityValue,
  withHolidayCountry,
  withParam,
} from './queryParams';

export interface ModelSectionProps {
  query: ForesightQuery;
  onChange: (query: ForesightQuery) => void;
  onRunQuery: () => void;
}

const SEASONALITIES = [
  { key: 'daily_seasonality', label: 'Daily' },
  { key: 'weekly_seasonality', label: 'Weekly' },
  { key: 'yearly_seasonality', label: 'Yearly' },
] as const;

const HOLIDAY_OPTIONS = [
  { label: 'None', value: '' as const },
  ...Object.entries(HOLIDAY_CALENDARS).map(([code, calendar]) => ({
    label: calendar.label,
    value: code as HolidayCountry,
  })),
];

/** Prophet's settings under Prophet's names; an empty box means the model's default, shown as placeholder. */
export function ModelSection({ query, onChange, onRunQuery }: ModelSectionProps) {
  const apply = (next: ForesightQuery) => {
    onChange(next);
    onRunQuery();
  };
  const params = query.params ?? {};
  const numberParam = (key: keyof ModelParams) => (value: number | undefined) =>
    apply(withParam(query, key, value as never));
  // Outliers are decided by a band wider than the one drawn (docs/backend.md); the model takes a narrower one,
  // which marks points inside the drawn band.
  const intervalWidth = params.interval_width ?? DEFAULT_PARAMS.interval_width;
  const outlierWidth = params.outlier_width ?? DEFAULT_PARAMS.outlier_width;

  return (
    <>
      <ModelChoice query={query} onChange={onChange} onRunQuery={onRunQuery} />
      <InlineFieldRow>
        {SEASONALITIES.map(({ key, label }) => (
          <InlineField
            key={key}
            label={label}
            labelWidth={10}
            tooltip={`${label} seasonality; auto decides by span and spacing`}
          >
            <Select<SeasonalityChoice>
              aria-label={`${label} seasonality`}
              options={SEASONALITY_OPTIONS}
              value={seasonalityChoice(params[key])}
              onChange={(item) => apply(withParam(query, key, seasonalityValue(item.value ?? 'auto')))}
              width={10}
            />
          </InlineField>
        ))}
        <InlineField label="Holidays" labelWidth={12} tooltip="Built-in calendar, in its own time zone">
          <Select
            aria-label="Holiday calendar"
            options={HOLIDAY_OPTIONS}
            value={holidayCountry(query)}
            onChange={(item) => apply(withHolidayCountry(query, item.value ?? ''))}
            width={24}
          />
        </InlineField>
        <InlineField label="Seasonality mode" labelWidth={18} tooltip="Multiplicative when cycles grow with the level">
          <Select
            aria-label="Seasonality mode"
            options={SEASONALITY_MODE_OPTIONS}
            value={params.seasonality_mode ?? DEFAULT_PARAMS.seasonality_mode}
            onChange={(item) => apply(withParam(query, 'seasonality_mode', item.value))}
            width={18}
          />
        </InlineField>
      </InlineFieldRow>
      <InlineFieldRow>
        <NumberField
          label="Interval width"
          labelWidth={16}
          tooltip="Share of normal points the drawn band should cover (Prophet's interval_width)"
          testId={TEST_IDS.queryIntervalWidth}
          value={params.interval_width}
          placeholder={String(DEFAULT_PARAMS.interval_width)}
          bounds={{ min: 0, exclusiveMin: true, max: MAX_WIDTH }}
          onCommit={numberParam('interval_width')}
        />
        <NumberField
          label="Outlier width"
          labelWidth={16}
          tooltip="A point outside the band of this width is an outlier (outlier_width): 0.995 flags about 1 normal point in 200"
          testId={TEST_IDS.queryOutlierWidth}
          value={params.outlier_width}
          placeholder={String(DEFAULT_PARAMS.outlier_width)}
          bounds={{ min: 0, exclusiveMin: true, max: MAX_WIDTH }}
          onCommit={numberParam('outlier_width')}
        />
        <NumberField
          label="Changepoint prior"
          labelWidth={18}
          tooltip="changepoint_prior_scale: larger lets the trend bend more"
          testId={TEST_IDS.queryChangepointScale}
          value={params.changepoint_prior_scale}
          placeholder={String(DEFAULT_PARAMS.changepoint_prior_scale)}
          bounds={{ min: 0, exclusiveMin: true, max: 100 }}
          onCommit={numberParam('changepoint_prior_scale')}
        />
        <NumberField
          label="Seasonality prior"
          labelWidth={18}
          tooltip="seasonality_prior_scale: larger lets the cycles fit more closely"
          testId={TEST_IDS.querySeasonalityScale}
          value={params.seasonality_prior_scale}
          placeholder={String(DEFAULT_PARAMS.seasonality_prior_scale)}
          bounds={{ min: 0, exclusiveMin: true, max: 1000 }}
          onCommit={numberParam('seasonality_prior_scale')}
        />
      </InlineFieldRow>
      {outlierWidth < intervalWidth && (
        <Alert severity="warning" title="The outlier band is narrower than the band drawn">
          Outlier width {outlierWidth} is narrower than the interval width {intervalWidth}: points inside the drawn band
          will be marked as outliers. Raise the outlier width, or lower the interval width.
        </Alert>
      )}
    </>
  );
}
