import { Alert, Button, LoadingPlaceholder } from '@grafana/ui';
import { useCallback, useEffect, useState } from 'react';

import { AUTO_FAMILIES } from '../../../model/families/family';
import { RESOURCE_PATHS } from '../../../shared/constants';
import { postResource } from '../../api/resources';
import { ModelRanking, parseModelRanking, parseNotices, parseServing, ServingModel } from '../../data/modelResources';
import { matchSeries } from '../../data/seriesMatch';
import { LabelMetricsTable } from './LabelMetricsTable';
import { Load, Notices, NotInAnswer, resourceTarget, TabProps } from './tabShared';

function shown(value: number | null): string {
  return value === null ? '–' : String(Number(value.toPrecision(4)));
}

/**
 * The model families ranked on this series' recent history, as `model: auto` ranks them (the datasource's `tune`
 * resource with `families`): which one would serve, and each candidate's scores.
 */
/** For a `model: auto` query: the model the backend serves the series with, since when, and its swaps. */
function ServingNow({ target, series: wanted, range }: TabProps) {
  const [load, setLoad] = useState<Load<ServingModel[]> | undefined>();
  useEffect(() => {
    postResource(resourceTarget(target, range), RESOURCE_PATHS.selection)
      .then((body) => setLoad({ state: 'done', value: parseServing(body), notices: parseNotices(body) }))
      .catch((err: Error) => setLoad({ state: 'failed', error: err.message }));
  }, [target, range]);
  const series = load?.state === 'done' ? matchSeries(load.value, wanted) : undefined;
  if (load?.state === 'failed' || series?.error) {
    return (
      <Alert severity="warning" title="Serving model unavailable">
        {load?.state === 'failed' ? load.error : series?.error}
      </Alert>
    );
  }
  if (!series) {
    return null;
  }
  const s = series.serving;
  return (
    <div data-testid="foresight-models-serving">
      {s === null ? (
        <p>Serving now: the ensemble, until the background selection for this series finishes.</p>
      ) : (
        <>
          <p>
            Serving now: <strong>{s.label}</strong> (score {shown(s.score)}, chosen or confirmed{' '}
            {new Date(s.at).toISOString().slice(0, 16).replace('T', ' ')} UTC{s.due ? '; re-evaluation due' : ''})
          </p>
          {s.rankedAt !== null && (
            <p>
              Every candidate last ranked {new Date(s.rankedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC
              {s.shortlist.length > 0
                ? `; until the next full ranking (weekly, or at the next run for a labelled series) it is compared with ${s.shortlist.join(', ')}`
                : ''}
            </p>
          )}
          {s.trail.length > 0 && (
            <ul>
              {s.trail.map((t) => (
                <li key={t.at}>
                  {new Date(t.at).toISOString().slice(0, 16).replace('T', ' ')}: {t.from} ({shown(t.fromScore)}) →{' '}
                  {t.to} ({shown(t.toScore)})
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}

export function ModelsTab({ target, series: wanted, range }: TabProps) {
  const [load, setLoad] = useState<Load<ModelRanking[]> | undefined>();
  const run = useCallback(() => {
    setLoad({ state: 'loading' });
    // The families `auto` compares: not the ensemble, which is made of them, nor the costly neural family.
    const families = [...AUTO_FAMILIES];
    postResource(resourceTarget(target, range), RESOURCE_PATHS.tune, { families })
      .then((body) => setLoad({ state: 'done', value: parseModelRanking(body), notices: parseNotices(body) }))
      .catch((err: Error) => setLoad({ state: 'failed', error: err.message }));
  }, [target, range]);

  const series = load?.state === 'done' ? matchSeries(load.value, wanted) : undefined;
  return (
    <>
      {target.query.params?.model === 'auto' && <ServingNow target={target} series={wanted} range={range} />}
      <p>
        Cross-validates every model family on the series&apos; recent history and ranks them by the selection objective,
        as the <code>auto</code> model does.
      </p>
      <Button onClick={run} disabled={load?.state === 'loading'}>
        Rank models
      </Button>
      {load?.state === 'loading' && <LoadingPlaceholder text="Ranking models…" />}
      {load?.state === 'failed' && (
        <Alert severity="warning" title="Model ranking unavailable">
          {load.error}
        </Alert>
      )}
      {load?.state === 'done' && <Notices notices={load.notices} />}
      {load?.state === 'done' && !series && <NotInAnswer name={wanted.displayName} />}
      {series?.error && (
        <Alert severity="warning" title={`No ranking for ${series.name}`}>
          {series.error}
        </Alert>
      )}
      {series && !series.error && (
        <>
          <p data-testid="foresight-models-winner">
            Would serve: <strong>{series.winner ?? '–'}</strong>
            {series.servedInside && <> inside the {series.servedInside}</>} (objective: {series.objective})
          </p>
          <table style={{ width: '100%' }} data-testid="foresight-models-table">
            <thead>
              <tr>
                <th>model</th>
                <th>objective</th>
                <th>outside band</th>
                <th>mae</th>
                <th>coverage</th>
              </tr>
            </thead>
            <tbody>
              {series.models.map((m) => (
                <tr key={m.label}>
                  <td>{m.label === series.winner ? <strong>{m.label}</strong> : m.label}</td>
                  <td>{m.error ? m.error : shown(m.objective)}</td>
                  <td>{shown(m.violationRate)}</td>
                  <td>{shown(m.mae)}</td>
                  <td>{shown(m.coverage)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {series.labelMetrics && <LabelMetricsTable metrics={series.labelMetrics} />}
        </>
      )}
    </>
  );
}
