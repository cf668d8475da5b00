import type { ModelParams } from '../../../model/types';
import type { ForesightQuery } from '../../../shared/types';

/** Sets one model parameter, or removes it (so the model's default applies) when `value` is undefined. */
export function withParam<K extends keyof ModelParams>(
  query: ForesightQuery,
  key: K,
  value: ModelParams[K] | undefined
): ForesightQuery {
  const { [key]: _dropped, ...rest } = query.params ?? {};
  const params: Partial<ModelParams> = value === undefined ? rest : { ...rest, [key]: value };
  return { ...query, params };
}

export type SeasonalityChoice = 'auto' | 'on' | 'off';

export function seasonalityChoice(value: ModelParams['daily_seasonality'] | undefined): SeasonalityChoice {
  if (value === undefined || value === 'auto') {
    return 'auto';
  }
  return value === false || value === 0 ? 'off' : 'on';
}

export function seasonalityValue(choice: SeasonalityChoice): ModelParams['daily_seasonality'] | undefined {
  return choice === 'auto' ? undefined : choice === 'on';
}

/** Built-in holiday calendars with the zone their dates are in (minutes east of UTC). */
export const HOLIDAY_CALENDARS = {
  KR: { label: 'Korea (KR)', tzOffsetMinutes: 540 },
  US: { label: 'United States (US)', tzOffsetMinutes: -300 },
} as const;

export type HolidayCountry = keyof typeof HOLIDAY_CALENDARS;

export function holidayCountry(query: ForesightQuery): HolidayCountry | '' {
  const first = query.params?.country_holidays?.[0];
  return first === 'KR' || first === 'US' ? first : '';
}

/** Picks a calendar and its zone together, or clears both. */
export function withHolidayCountry(query: ForesightQuery, country: HolidayCountry | ''): ForesightQuery {
  if (country === '') {
    return withParam(withParam(query, 'country_holidays', undefined), 'holidays_tz_offset_minutes', undefined);
  }
  const withCountry = withParam(query, 'country_holidays', [country]);
  return withParam(withCountry, 'holidays_tz_offset_minutes', HOLIDAY_CALENDARS[country].tzOffsetMinutes);
}

export type ObjectiveChoice = 'violations' | 'magnitude' | 'weighted';

/** Equal parts share and distance, when "weighted" is picked without a weight. */
export const DEFAULT_OBJECTIVE_WEIGHT = 0.5;

/** The objective's kind and, for 'weighted:W', W. */
export function objectiveChoice(value: ModelParams['selection_objective'] | undefined): {
  choice: ObjectiveChoice;
  weight?: number;
} {
  if (value !== undefined && value.startsWith('weighted:')) {
    return { choice: 'weighted', weight: Number(value.slice('weighted:'.length)) };
  }
  return { choice: value === 'magnitude' ? 'magnitude' : 'violations' };
}

/**
 * W as the model reads it (src/model/selection/objective.ts): plain decimals in [0, 1], six places at most.
 * String(1e-7) is "1e-7", which the model refuses.
 */
export function weightText(weight: number | undefined): `${number}` {
  const w =
    weight !== undefined && Number.isFinite(weight) ? Math.min(1, Math.max(0, weight)) : DEFAULT_OBJECTIVE_WEIGHT;
  return w.toFixed(6).replace(/\.?0+$/, '') as `${number}`;
}

export function objectiveValue(choice: ObjectiveChoice, weight?: number): ModelParams['selection_objective'] {
  return choice === 'weighted' ? `weighted:${weightText(weight)}` : choice;
}

/** Names the model; the objective only applies to 'auto', so it is dropped with any other choice. */
export function withModel(query: ForesightQuery, model: ModelParams['model']): ForesightQuery {
  const next = withParam(query, 'model', model);
  return model === 'auto' ? next : withParam(next, 'selection_objective', undefined);
}
