/**
 * The cross-validation set-up per example file: windows (Prophet's initial / period / horizon),
 * horizon buckets to report, the seasonal-naive season, and parameters given to both models.
 */
import type { ModelParams } from '../../src/model/index';
import type { Season } from './seasonal-naive';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export interface Bucket {
  label: string;
  /** Points with (time − cutoff) ≤ upTo belong to the bucket. */
  upTo: number;
}

export interface AccuracyDataset {
  /** Name in the results. */
  label: string;
  /** File in shared/data/prophet-examples used for training. */
  file: string;
  /** File whose values are the truth for scoring (defaults to `file`). */
  truthFile?: string;
  valueColumn?: string;
  cadence: 'daily' | 'sub-daily' | 'monthly';
  horizon: number;
  initial: number;
  period: number;
  buckets: Bucket[];
  season: Season;
  seasonLabel: string;
  /** A fact about the file that matters for reading its results. */
  note?: string;
  /** Given to Prophet (as keyword arguments) and Foresight alike. */
  params: Partial<ModelParams>;
}

const DAILY_BUCKETS: Bucket[] = [
  { label: 'next 7 days', upTo: 7 * DAY },
  { label: 'next 30 days', upTo: 30 * DAY },
  { label: 'next 365 days', upTo: 365 * DAY },
];
const SUB_DAILY_BUCKETS: Bucket[] = [
  { label: 'next hour', upTo: HOUR },
  { label: 'next day', upTo: DAY },
];
const MONTHLY_BUCKETS: Bucket[] = [
  { label: 'next 3 months', upTo: 92 * DAY },
  { label: 'next 12 months', upTo: 366 * DAY },
];

/** As in Prophet's documentation for daily data: two years to start, one-year horizon, half-year steps. */
const dailyWindows = { horizon: 365 * DAY, initial: 730 * DAY, period: 182.5 * DAY };
/** Alerting looks an hour to a day ahead; two weeks of history lets weekly seasonality switch on. */
const subDailyWindows = { horizon: DAY, initial: 14 * DAY, period: DAY / 2 };
/** Prophet's defaults for a one-year horizon: initial 3 × horizon, period horizon / 2. */
const monthlyWindows = { horizon: 365 * DAY, initial: 3 * 365 * DAY, period: 182.5 * DAY };

function daily(label: string, file: string, extra: Partial<AccuracyDataset> = {}): AccuracyDataset {
  return {
    label,
    file,
    cadence: 'daily',
    ...dailyWindows,
    buckets: DAILY_BUCKETS,
    season: { ms: 7 * DAY },
    seasonLabel: 'one week',
    params: {},
    ...extra,
  };
}

function subDaily(label: string, file: string, extra: Partial<AccuracyDataset> = {}): AccuracyDataset {
  return {
    label,
    file,
    cadence: 'sub-daily',
    ...subDailyWindows,
    buckets: SUB_DAILY_BUCKETS,
    season: { ms: DAY },
    seasonLabel: 'one day',
    params: {},
    ...extra,
  };
}

function monthly(label: string, file: string, extra: Partial<AccuracyDataset> = {}): AccuracyDataset {
  return {
    label,
    file,
    cadence: 'monthly',
    ...monthlyWindows,
    buckets: MONTHLY_BUCKETS,
    season: { months: 12 },
    seasonLabel: 'one year',
    params: {},
    ...extra,
  };
}

export const DATASETS: AccuracyDataset[] = [
  daily('peyton_manning', 'example_wp_log_peyton_manning.csv'),
  daily('wp_log_R', 'example_wp_log_R.csv'),
  daily('wp_log_R_outliers1', 'example_wp_log_R_outliers1.csv', { truthFile: 'example_wp_log_R.csv' }),
  daily('wp_log_R_outliers2', 'example_wp_log_R_outliers2.csv', {
    truthFile: 'example_wp_log_R.csv',
    note:
      'Its 28 outliers (June 2015) fall after the last cutoff, so no window trains on them and, scored against the clean file, ' +
      'the results equal wp_log_R (Prophet differs only by its sampling noise).',
  }),
  daily('pedestrians_covid', 'example_pedestrians_covid.csv', {
    note: 'The last windows span the 2020 lockdown level shift, which no model can foresee from the history.',
  }),
  subDaily('pedestrians_multivariate (location_4)', 'example_pedestrians_multivariate.csv', {
    valueColumn: 'location_4',
  }),
  subDaily('yosemite_temps', 'example_yosemite_temps.csv'),
  monthly('retail_sales', 'example_retail_sales.csv'),
  monthly('air_passengers', 'example_air_passengers.csv'),
  monthly('air_passengers (multiplicative)', 'example_air_passengers.csv', {
    params: { seasonality_mode: 'multiplicative' },
  }),
];
