import type { DataQuery } from '@grafana/schema';
import { DataSourceApi } from '@grafana/data';
import { getDataSourceSrv } from '@grafana/runtime';
import { Alert, ErrorBoundaryAlert, Field, TextArea } from '@grafana/ui';
import { ChangeEvent, useEffect, useState } from 'react';

import type { ForesightQuery } from '../../../shared/types';
import { TEST_IDS } from '../../constants';
import { fromSourceEditorQuery, parseSourceJson, toSourceEditorQuery } from './sourceQuery';

export interface SourceQueryEditorProps {
  query: ForesightQuery;
  onChange: (query: ForesightQuery) => void;
  onRunQuery: () => void;
}

type Loaded = { state: 'loading' } | { state: 'ready'; api: DataSourceApi } | { state: 'failed'; error: string };

function useSourceDatasource(uid: string | undefined): Loaded | undefined {
  const [result, setResult] = useState<{ uid: string; loaded: Loaded } | undefined>();
  useEffect(() => {
    if (!uid) {
      return;
    }
    let live = true;
    getDataSourceSrv()
      .get({ uid })
      .then((api) => live && setResult({ uid, loaded: { state: 'ready', api } }))
      .catch(
        (err: unknown) =>
          live &&
          setResult({ uid, loaded: { state: 'failed', error: err instanceof Error ? err.message : String(err) } })
      );
    return () => {
      live = false;
    };
  }, [uid]);
  if (!uid) {
    return undefined;
  }
  return result?.uid === uid ? result.loaded : { state: 'loading' };
}

/** The source datasource's own query editor when it has one, else its query model as JSON. */
export function SourceQueryEditor({ query, onChange, onRunQuery }: SourceQueryEditorProps) {
  const loaded = useSourceDatasource(query.sourceDatasource?.uid);
  const Editor = loaded?.state === 'ready' ? loaded.api.components?.QueryEditor : undefined;

  if (loaded?.state === 'ready' && Editor) {
    return (
      <ErrorBoundaryAlert>
        <Editor
          datasource={loaded.api}
          query={toSourceEditorQuery(query)}
          onChange={(edited: DataQuery) => onChange(fromSourceEditorQuery(query, edited))}
          onRunQuery={onRunQuery}
        />
      </ErrorBoundaryAlert>
    );
  }
  return (
    <>
      {loaded?.state === 'failed' && (
        <Alert severity="warning" title="Could not load the source datasource">
          {loaded.error}. Its query model can still be entered as JSON.
        </Alert>
      )}
      {/* A box per source datasource: picking another starts from its (reset) query, not the last one's text. */}
      <SourceJsonField
        key={query.sourceDatasource?.uid ?? ''}
        query={query}
        onChange={onChange}
        onRunQuery={onRunQuery}
      />
    </>
  );
}

function SourceJsonField({ query, onChange, onRunQuery }: SourceQueryEditorProps) {
  const [text, setText] = useState(() => JSON.stringify(query.sourceQuery ?? {}, null, 2));
  const [error, setError] = useState<string | undefined>();
  const commit = () => {
    const parsed = parseSourceJson(text);
    if (!parsed.ok) {
      setError(parsed.error);
      return;
    }
    setError(undefined);
    onChange({ ...query, sourceQuery: parsed.value });
    onRunQuery();
  };
  return (
    <Field
      label="Source query (JSON)"
      description="The query model of the source datasource, as its own editor would save it"
      invalid={error !== undefined}
      error={error}
    >
      <TextArea
        data-testid={TEST_IDS.querySourceJson}
        rows={4}
        value={text}
        onChange={(event: ChangeEvent<HTMLTextAreaElement>) => setText(event.target.value)}
        onBlur={commit}
      />
    </Field>
  );
}
