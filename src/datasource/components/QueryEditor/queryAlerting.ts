import type { AlertingJson, ForesightQuery } from '../../../shared/types';

type AlertingKey = Exclude<keyof AlertingJson, 'persistence'>;

function withAlertingObject(query: ForesightQuery, alerting: AlertingJson): ForesightQuery {
  const { alerting: _dropped, ...rest } = query;
  return Object.keys(alerting).length === 0 ? rest : { ...rest, alerting };
}

/** Sets one alerting setting, or removes it (so the backend's default applies); an empty object is dropped. */
export function withAlerting<K extends AlertingKey>(
  query: ForesightQuery,
  key: K,
  value: AlertingJson[K] | undefined
): ForesightQuery {
  const { [key]: _dropped, ...rest } = query.alerting ?? {};
  return withAlertingObject(query, value === undefined ? rest : { ...rest, [key]: value });
}

/**
 * Sets the persistence rule from its two boxes: a blank box takes the default 1, and both blank remove the rule
 * (1 of 1, an alert on every outlier).
 */
export function withPersistence(
  query: ForesightQuery,
  window: number | undefined,
  required: number | undefined
): ForesightQuery {
  const { persistence: _dropped, ...rest } = query.alerting ?? {};
  if (window === undefined && required === undefined) {
    return withAlertingObject(query, rest);
  }
  return withAlertingObject(query, { ...rest, persistence: { window: window ?? 1, required: required ?? 1 } });
}
