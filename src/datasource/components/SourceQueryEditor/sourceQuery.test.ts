import { fromSourceEditorQuery, parseSourceJson, toSourceEditorQuery } from './sourceQuery';

describe('source query round trip', () => {
  it('hands the source editor refId and datasource, and stores only its own fields', () => {
    const query = {
      refId: 'B',
      source: 'grafana' as const,
      sourceDatasource: { uid: 'prom', type: 'prometheus' },
      sourceQuery: { expr: 'up' },
    };
    const editorQuery = toSourceEditorQuery(query);
    expect(editorQuery).toEqual({ expr: 'up', refId: 'B', datasource: { uid: 'prom', type: 'prometheus' } });
    const next = fromSourceEditorQuery(query, { ...editorQuery, expr: 'rate(x[5m])' } as typeof editorQuery);
    expect(next.sourceQuery).toEqual({ expr: 'rate(x[5m])' });
    expect(next.refId).toBe('B');
  });
});

describe('parseSourceJson(text)', () => {
  it('accepts an object and blank', () => {
    expect(parseSourceJson('{"expr":"up"}')).toEqual({ ok: true, value: { expr: 'up' } });
    expect(parseSourceJson(' ')).toEqual({ ok: true, value: {} });
  });

  it('rejects arrays, scalars and broken JSON with a reason', () => {
    expect(parseSourceJson('[1]').ok).toBe(false);
    expect(parseSourceJson('3').ok).toBe(false);
    const broken = parseSourceJson('{expr:');
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.error).toMatch(/^Not valid JSON/);
  });
});
