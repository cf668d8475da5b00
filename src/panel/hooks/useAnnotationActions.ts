import { EventBus } from '@grafana/data';
import { useCallback, useRef, useState } from 'react';

import {
  AnnotationDraft,
  buildAnnotationRequest,
  createAnnotation,
  deleteAnnotation,
  listAnnotations,
  ListedAnnotation,
  PanelLocation,
} from '../api/annotations';
import { refreshQueries } from '../api/refresh';

function message(err: unknown): string {
  if (err && typeof err === 'object') {
    const data: unknown = Reflect.get(err, 'data');
    const text: unknown = data && typeof data === 'object' ? Reflect.get(data, 'message') : undefined;
    if (typeof text === 'string' && text) {
      return text;
    }
  }
  return err instanceof Error ? err.message : String(err);
}

export interface AnnotationActions {
  /** Writes the annotation and re-runs the queries; resolves to an error message, or undefined on success. */
  save: (draft: AnnotationDraft) => Promise<string | undefined>;
  remove: (id: number) => Promise<string | undefined>;
  load: (range: { from: number; to: number }) => Promise<void>;
  listed: ListedAnnotation[];
  loading: boolean;
  listError?: string;
}

/** Creating, listing and removing Foresight annotations for one panel, refreshing the queries after a change. */
export function useAnnotationActions(location: PanelLocation, eventBus?: EventBus): AnnotationActions {
  const [listed, setListed] = useState<ListedAnnotation[]>([]);
  const [loading, setLoading] = useState(false);
  const [listError, setListError] = useState<string | undefined>();
  const { dashboardUID, panelId } = location;
  // Each listing's number: only the latest may set the list, so an earlier range answering last is dropped.
  const latestLoad = useRef(0);

  const save = useCallback(
    async (draft: AnnotationDraft) => {
      try {
        await createAnnotation(buildAnnotationRequest(draft, { dashboardUID, panelId }));
      } catch (err) {
        return `Could not save the annotation: ${message(err)}`;
      }
      refreshQueries(eventBus);
      return undefined;
    },
    [dashboardUID, panelId, eventBus]
  );

  const remove = useCallback(
    async (id: number) => {
      try {
        await deleteAnnotation(id);
      } catch (err) {
        return `Could not remove the annotation: ${message(err)}`;
      }
      setListed((current) => current.filter((a) => a.id !== id));
      refreshQueries(eventBus);
      return undefined;
    },
    [eventBus]
  );

  const load = useCallback(
    async (range: { from: number; to: number }) => {
      const call = ++latestLoad.current;
      setLoading(true);
      setListError(undefined);
      try {
        const rows = await listAnnotations(range, { dashboardUID, panelId });
        if (call === latestLoad.current) {
          setListed(rows);
        }
      } catch (err) {
        if (call === latestLoad.current) {
          setListError(`Could not list annotations: ${message(err)}`);
        }
      } finally {
        if (call === latestLoad.current) {
          setLoading(false);
        }
      }
    },
    [dashboardUID, panelId]
  );

  return { save, remove, load, listed, loading, listError };
}
