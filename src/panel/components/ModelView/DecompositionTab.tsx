import { Alert, LoadingPlaceholder } from '@grafana/ui';
import { useEffect, useState } from 'react';

import { RESOURCE_PATHS } from '../../../shared/constants';
import { postResource } from '../../api/resources';
import { Decomposition, parseDecomposition, parseNotices } from '../../data/modelResources';
import { matchSeries } from '../../data/seriesMatch';
import type { ModelTarget } from '../../data/modelTarget';
import { ComponentChart } from './ComponentChart';
import { Load, Notices, NotInAnswer, resourceTarget, TabProps } from './tabShared';

const CHART_WIDTH = 480;

/** Trend, each seasonality and holidays of the series, from the datasource's `components` resource. */
export function DecompositionTab({ target, series: wanted, range, timeZone = 'browser' }: TabProps) {
  const [result, setResult] = useState<{ target: ModelTarget; range: object; load: Load<Decomposition[]> }>();
  useEffect(() => {
    let live = true;
    postResource(resourceTarget(target, range), RESOURCE_PATHS.components)
      .then(
        (body) =>
          live &&
          setResult({
            target,
            range,
            load: { state: 'done', value: parseDecomposition(body), notices: parseNotices(body) },
          })
      )
      .catch((err: Error) => live && setResult({ target, range, load: { state: 'failed', error: err.message } }));
    return () => {
      live = false;
    };
  }, [target, range]);
  const load: Load<Decomposition[]> =
    result && result.target === target && result.range === range ? result.load : { state: 'loading' };

  if (load.state === 'loading') {
    return <LoadingPlaceholder text="Fitting the model…" />;
  }
  if (load.state === 'failed') {
    return (
      <Alert severity="warning" title="Decomposition unavailable">
        {load.error}
      </Alert>
    );
  }
  const series = matchSeries(load.value, wanted);
  if (!series) {
    return (
      <>
        <Notices notices={load.notices} />
        <NotInAnswer name={wanted.displayName} />
      </>
    );
  }
  if (series.error) {
    return (
      <Alert severity="warning" title={`No decomposition for ${series.name}`}>
        {series.error}
      </Alert>
    );
  }
  if (series.components.length === 0) {
    return <p>The datasource returned no components for this series.</p>;
  }
  return (
    <>
      <Notices notices={load.notices} />
      {series.components.map((c) => (
        <ComponentChart
          key={c.name}
          name={c.name}
          times={series.times}
          values={c.values}
          width={CHART_WIDTH}
          timeZone={timeZone}
        />
      ))}
    </>
  );
}
