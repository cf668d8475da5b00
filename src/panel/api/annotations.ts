import { getBackendSrv } from '@grafana/runtime';

import { ANNOTATION_TAGS, AnnotationKind } from '../../shared/constants';
import { appliesToPanel, isOrgWide, type PanelLocation } from '../data/annotationScope';
import type { ExclusionScope } from '../types';

export interface AnnotationDraft {
  kind: AnnotationKind;
  from: number;
  to: number;
  note: string;
  scope: ExclusionScope;
}

export type { PanelLocation };

/** Body of `POST /api/annotations`. */
export interface AnnotationRequest {
  time: number;
  timeEnd: number;
  tags: string[];
  text: string;
  dashboardUID?: string;
  panelId?: number;
}

const DEFAULT_TEXT: Record<AnnotationKind, string> = {
  exclude: 'Excluded from Foresight training',
  incident: 'Incident (Foresight feedback)',
  falseAlarm: 'False alarm (Foresight feedback)',
};

/**
 * The annotation for a dragged region: tagged by kind; scoped to this dashboard and panel unless organisation-wide
 * was chosen or the panel is not on a saved dashboard. Grafana requires `text`, so an empty note gets a default.
 */
export function buildAnnotationRequest(draft: AnnotationDraft, location: PanelLocation): AnnotationRequest {
  if (!Number.isFinite(draft.from) || !Number.isFinite(draft.to)) {
    throw new Error('The selected range has no valid start and end');
  }
  const request: AnnotationRequest = {
    time: Math.round(Math.min(draft.from, draft.to)),
    timeEnd: Math.round(Math.max(draft.from, draft.to)),
    tags: [ANNOTATION_TAGS[draft.kind]],
    text: draft.note.trim() || DEFAULT_TEXT[draft.kind],
  };
  if (draft.scope === 'panel' && location.dashboardUID) {
    request.dashboardUID = location.dashboardUID;
    if (location.panelId !== undefined) {
      request.panelId = location.panelId;
    }
  }
  return request;
}

export async function createAnnotation(request: AnnotationRequest): Promise<{ id?: number }> {
  return getBackendSrv().post<{ id?: number }>('/api/annotations', request);
}

export async function deleteAnnotation(id: number): Promise<void> {
  if (!Number.isInteger(id) || id <= 0) {
    throw new Error(`Not an annotation id: ${id}`);
  }
  await getBackendSrv().delete(`/api/annotations/${id}`);
}

/** One Foresight annotation as the list shows it. */
export interface ListedAnnotation {
  id: number;
  kind: AnnotationKind;
  from: number;
  to: number;
  text: string;
  orgWide: boolean;
}

interface ApiAnnotation {
  id?: unknown;
  time?: unknown;
  timeEnd?: unknown;
  tags?: unknown;
  text?: unknown;
  dashboardUID?: unknown;
  dashboardId?: unknown;
  panelId?: unknown;
}

const KINDS = Object.entries(ANNOTATION_TAGS) as Array<[AnnotationKind, string]>;
export const LIST_LIMIT = 200;

/**
 * Parses `GET /api/annotations` rows, keeping those that apply to this panel (same dashboard and panel, or
 * organisation-wide: on no dashboard, by UID or id) and carry a Foresight tag. Malformed rows are skipped.
 */
export function parseAnnotationList(rows: unknown, location: PanelLocation): ListedAnnotation[] {
  if (!Array.isArray(rows)) {
    return [];
  }
  const listed: ListedAnnotation[] = [];
  for (const row of rows as ApiAnnotation[]) {
    const tags = Array.isArray(row?.tags) ? row.tags : [];
    const kind = KINDS.find(([, tag]) => tags.includes(tag))?.[0];
    if (!kind || typeof row.id !== 'number' || typeof row.time !== 'number') {
      continue;
    }
    const place = {
      // null when Grafana could not find the dashboard of dashboardId
      dashboardUID: typeof row.dashboardUID === 'string' ? row.dashboardUID : '',
      dashboardId: typeof row.dashboardId === 'number' ? row.dashboardId : undefined,
      panelId: typeof row.panelId === 'number' ? row.panelId : undefined,
    };
    if (!appliesToPanel(place, location)) {
      continue;
    }
    const timeEnd = typeof row.timeEnd === 'number' && row.timeEnd > 0 ? row.timeEnd : row.time;
    listed.push({
      id: row.id,
      kind,
      from: Math.min(row.time, timeEnd),
      to: Math.max(row.time, timeEnd),
      text: typeof row.text === 'string' ? row.text : '',
      orgWide: isOrgWide(place),
    });
  }
  return listed.sort((a, b) => b.from - a.from);
}

/**
 * Foresight annotations overlapping [from, to] that apply to this panel. This dashboard's are asked for apart
 * (`dashboardUID`) besides the organisation's first page, which the newest annotations of other dashboards can
 * fill to the limit.
 */
export async function listAnnotations(range: { from: number; to: number }, location: PanelLocation) {
  const params = new URLSearchParams({
    from: String(Math.floor(range.from)),
    to: String(Math.ceil(range.to)),
    limit: String(LIST_LIMIT),
    matchAny: 'true',
    type: 'annotation',
  });
  for (const tag of Object.values(ANNOTATION_TAGS)) {
    params.append('tags', tag);
  }
  const pages = [getBackendSrv().get<unknown>(`/api/annotations?${params.toString()}`)];
  if (location.dashboardUID) {
    const own = new URLSearchParams(params);
    own.set('dashboardUID', location.dashboardUID);
    pages.push(getBackendSrv().get<unknown>(`/api/annotations?${own.toString()}`));
  }
  const rows = (await Promise.all(pages)).flatMap((page) => (Array.isArray(page) ? page : []));
  const byId = new Map(parseAnnotationList(rows, location).map((a) => [a.id, a]));
  return [...byId.values()];
}
