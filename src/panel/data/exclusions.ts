import { DataFrame, Field } from '@grafana/data';

import { ANNOTATION_TAGS, AnnotationKind } from '../../shared/constants';
import { appliesToPanel, isOrgWide, type PanelLocation } from './annotationScope';

/** A time range drawn on the chart: an exclusion, or a feedback label on detections. */
export interface Region {
  from: number;
  to: number;
  kind: AnnotationKind;
  /** Annotation id, when the region comes from an annotation (needed to remove it). */
  id?: number;
  text?: string;
  /** True when the annotation is not tied to a dashboard (organisation-wide). */
  orgWide?: boolean;
}

const KIND_BY_TAG = new Map<string, AnnotationKind>(
  Object.entries(ANNOTATION_TAGS).map(([kind, tag]) => [tag, kind as AnnotationKind])
);

function fieldNamed(frame: DataFrame, name: string): Field | undefined {
  return frame.fields.find((f) => f.name === name);
}

function asTags(raw: unknown): string[] {
  if (Array.isArray(raw)) {
    return raw.filter((t): t is string => typeof t === 'string');
  }
  return typeof raw === 'string' ? raw.split(',').map((t) => t.trim()) : [];
}

function asNumber(raw: unknown): number | undefined {
  const n = typeof raw === 'string' ? Number(raw) : raw;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

/**
 * Foresight-tagged annotations among the panel's annotation frames (`data.annotations`) that apply to the panel:
 * the dashboard's annotation query also returns other panels' rows, which the backend does not train on either.
 */
export function regionsFromAnnotations(frames: readonly DataFrame[] | undefined, location: PanelLocation): Region[] {
  const regions: Region[] = [];
  for (const frame of frames ?? []) {
    const time = fieldNamed(frame, 'time');
    const timeEnd = fieldNamed(frame, 'timeEnd');
    const tags = fieldNamed(frame, 'tags');
    if (!time || !tags) {
      continue;
    }
    const id = fieldNamed(frame, 'id');
    const text = fieldNamed(frame, 'text');
    const dashboardUID = fieldNamed(frame, 'dashboardUID');
    const dashboardId = fieldNamed(frame, 'dashboardId');
    const panelId = fieldNamed(frame, 'panelId');
    for (let i = 0; i < frame.length; i++) {
      const kind = asTags(tags.values[i])
        .map((tag) => KIND_BY_TAG.get(tag))
        .find((k) => k !== undefined);
      const from = asNumber(time.values[i]);
      if (kind === undefined || from === undefined) {
        continue;
      }
      // A frame without the dashboard column says nothing of scope: its rows are kept.
      const place = dashboardUID
        ? {
            dashboardUID: String(dashboardUID.values[i] ?? ''),
            dashboardId: asNumber(dashboardId?.values[i]),
            panelId: asNumber(panelId?.values[i]),
          }
        : undefined;
      if (place && !appliesToPanel(place, location)) {
        continue;
      }
      // An end of 0 (or none) is a point annotation, as the backend reads it (max(time, timeEnd)).
      const end = asNumber(timeEnd?.values[i]);
      const to = end !== undefined && end > 0 ? end : from;
      regions.push({
        from: Math.min(from, to),
        to: Math.max(from, to),
        kind,
        id: asNumber(id?.values[i]),
        text: typeof text?.values[i] === 'string' ? text.values[i] : undefined,
        orgWide: place && isOrgWide(place),
      });
    }
  }
  return regions;
}

/** Runs of `excluded = 1` as regions, each from its first to its last excluded point. */
export function regionsFromExcludedField(times: readonly number[], excluded: Uint8Array | null): Region[] {
  const regions: Region[] = [];
  if (!excluded) {
    return regions;
  }
  let start = -1;
  for (let i = 0; i <= excluded.length; i++) {
    const on = i < excluded.length && excluded[i] === 1;
    if (on && start < 0) {
      start = i;
    } else if (!on && start >= 0) {
      regions.push({ from: times[start], to: times[i - 1], kind: 'exclude' });
      start = -1;
    }
  }
  return regions;
}

/** Merges overlapping regions of the same kind, keeping annotation ids of the first one; sorted by start. */
export function mergeRegions(regions: readonly Region[]): Region[] {
  const sorted = [...regions].sort((a, b) => a.kind.localeCompare(b.kind) || a.from - b.from);
  const merged: Region[] = [];
  for (const region of sorted) {
    const last = merged[merged.length - 1];
    if (last && last.kind === region.kind && region.from <= last.to) {
      last.to = Math.max(last.to, region.to);
      last.id ??= region.id;
      last.text ??= region.text;
    } else {
      merged.push({ ...region });
    }
  }
  return merged.sort((a, b) => a.from - b.from);
}
