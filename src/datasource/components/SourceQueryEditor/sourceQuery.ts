import type { DataQuery } from '@grafana/schema';

import type { ForesightQuery } from '../../../shared/types';

/** The source datasource's own query, shaped as its editor expects (refId and datasource included). */
export function toSourceEditorQuery(query: ForesightQuery): DataQuery {
  return {
    ...(query.sourceQuery ?? {}),
    refId: query.refId,
    datasource: query.sourceDatasource,
  };
}

/** Stores what the source editor produced, without the fields the Foresight query already carries. */
export function fromSourceEditorQuery(query: ForesightQuery, edited: DataQuery): ForesightQuery {
  const { refId: _refId, datasource: _datasource, hide: _hide, ...sourceQuery } = edited;
  return { ...query, sourceQuery };
}

export type ParsedSourceJson = { ok: true; value: Record<string, unknown> } | { ok: false; error: string };

/** Reads the JSON fallback box: it must hold one JSON object. */
export function parseSourceJson(text: string): ParsedSourceJson {
  if (text.trim() === '') {
    return { ok: true, value: {} };
  }
  try {
    const value: unknown = JSON.parse(text);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return { ok: false, error: 'The source query must be a JSON object, e.g. {"expr": "up"}' };
    }
    return { ok: true, value: value as Record<string, unknown> };
  } catch (err) {
    return { ok: false, error: `Not valid JSON: ${err instanceof Error ? err.message : String(err)}` };
  }
}
