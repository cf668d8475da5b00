import { DEFAULT_SETTINGS } from '../shared/constants';
import type { ForesightQuery, SourceKind } from '../shared/types';
import { alertingProblem } from './alertingValidation';
import { warningProblem } from './warningValidation';

/** The source a query reads, with the datasource's default standing in when the query names none. */
export function effectiveSource(query: ForesightQuery, defaultSource: SourceKind | undefined): SourceKind {
  return query.source ?? defaultSource ?? DEFAULT_SETTINGS.defaultSource;
}

/** Why a query cannot run yet, or undefined when it can. Shown in the editor; unrunnable queries are not sent. */
export function queryProblem(query: ForesightQuery, defaultSource?: SourceKind): string | undefined {
  return sourceProblem(query, defaultSource) ?? alertingProblem(query) ?? warningProblem(query);
}

function sourceProblem(query: ForesightQuery, defaultSource?: SourceKind): string | undefined {
  switch (effectiveSource(query, defaultSource)) {
    case 'prometheus':
      return query.expr?.trim() ? undefined : 'Enter a PromQL expression';
    case 'grafana':
      return query.sourceDatasource?.uid ? undefined : 'Pick the datasource to read';
    case 'demo':
      return undefined;
    default:
      return `Unknown source "${String(query.source)}"`;
  }
}
