import type { ForesightQuery } from '../shared/types';

/** Replaces template variables in one string, e.g. `getTemplateSrv().replace` bound to the request's scoped vars. */
export type Interpolate = (text: string) => string;

function interpolateDeep(value: unknown, interpolate: Interpolate, depth: number): unknown {
  // The source query is another datasource's model: bounded depth keeps a cyclic or absurd object harmless.
  if (depth > 16) {
    return value;
  }
  if (typeof value === 'string') {
    return interpolate(value);
  }
  if (Array.isArray(value)) {
    return value.map((item) => interpolateDeep(item, interpolate, depth + 1));
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, interpolateDeep(item, interpolate, depth + 1)])
    );
  }
  return value;
}

/**
 * Applies dashboard variables to the parts of a query a user types: the PromQL expression, its legend format,
 * every string inside the source datasource's own query, and the warning's thresholds, lead time and rule (a
 * threshold held in a variable reaches the backend as text, which it reads as a number). Model settings are
 * numbers and stay as they are.
 */
export function interpolateQuery(query: ForesightQuery, interpolate: Interpolate): ForesightQuery {
  const next: ForesightQuery = { ...query };
  if (query.expr !== undefined) {
    next.expr = interpolate(query.expr);
  }
  if (query.legendFormat !== undefined) {
    next.legendFormat = interpolate(query.legendFormat);
  }
  if (query.sourceQuery !== undefined) {
    next.sourceQuery = interpolateDeep(query.sourceQuery, interpolate, 0) as Record<string, unknown>;
  }
  if (query.sourceDatasource?.uid) {
    next.sourceDatasource = { ...query.sourceDatasource, uid: interpolate(query.sourceDatasource.uid) };
  }
  if (query.warning) {
    next.warning = interpolateDeep(query.warning, interpolate, 0) as typeof query.warning;
  }
  return next;
}
