import { Alert, Button, InlineField, InlineFieldRow, Input, LoadingPlaceholder } from '@grafana/ui';
import { ChangeEvent, useCallback, useState } from 'react';

import { RESOURCE_PATHS } from '../../../shared/constants';
import { postResource } from '../../api/resources';
import { DurationError, parseDuration } from '../../../shared/duration';
import { CrossValidation, parseCrossValidation, parseNotices } from '../../data/modelResources';
import { matchSeries } from '../../data/seriesMatch';
import { LabelMetricsTable } from './LabelMetricsTable';
import { Load, Notices, NotInAnswer, resourceTarget, TabProps } from './tabShared';

const CV_FIELDS = [
  { key: 'initial', label: 'Initial', tooltip: 'Training span before the first cutoff' },
  { key: 'horizon', label: 'Horizon', tooltip: 'How far ahead each cutoff forecasts' },
  { key: 'period', label: 'Period', tooltip: 'Spacing between cutoffs' },
] as const;

/**
 * Prophet's metrics, overall and by horizon, from the datasource's `cv` resource, and precision and recall against
 * the series' labels when it has some.
 */
export function CrossValidationTab({ target, series: wanted, range }: TabProps) {
  const [text, setText] = useState({ initial: '14d', horizon: '1d', period: '12h' });
  const [load, setLoad] = useState<Load<CrossValidation[]> | undefined>();
  const [invalid, setInvalid] = useState<string | undefined>();

  const run = useCallback(() => {
    const options: Record<string, number> = {};
    for (const { key, label } of CV_FIELDS) {
      try {
        options[key] = parseDuration(text[key]);
      } catch (err) {
        setInvalid(`${label}: ${err instanceof DurationError ? err.message : String(err)}`);
        return;
      }
    }
    setInvalid(undefined);
    setLoad({ state: 'loading' });
    postResource(resourceTarget(target, range), RESOURCE_PATHS.crossValidation, options)
      .then((body) => setLoad({ state: 'done', value: parseCrossValidation(body), notices: parseNotices(body) }))
      .catch((err: Error) => setLoad({ state: 'failed', error: err.message }));
  }, [target, range, text]);

  const series = load?.state === 'done' ? matchSeries(load.value, wanted) : undefined;
  const rows = series ? [...(series.overall ? [series.overall] : []), ...series.byHorizon] : [];
  const metricNames = Array.from(new Set(rows.flatMap((r) => Object.keys(r.metrics))));
  return (
    <>
      <InlineFieldRow>
        {CV_FIELDS.map(({ key, label, tooltip }) => (
          <InlineField key={key} label={label} labelWidth={10} tooltip={tooltip}>
            <Input
              aria-label={label}
              value={text[key]}
              width={8}
              onChange={(event: ChangeEvent<HTMLInputElement>) => setText({ ...text, [key]: event.target.value })}
            />
          </InlineField>
        ))}
        <Button onClick={run} disabled={load?.state === 'loading'}>
          Run
        </Button>
      </InlineFieldRow>
      {invalid && <Alert severity="error" title={invalid} />}
      {load?.state === 'loading' && <LoadingPlaceholder text="Cross-validating…" />}
      {load?.state === 'failed' && (
        <Alert severity="warning" title="Cross-validation unavailable">
          {load.error}
        </Alert>
      )}
      {load?.state === 'done' && <Notices notices={load.notices} />}
      {load?.state === 'done' && !series && <NotInAnswer name={wanted.displayName} />}
      {series?.error && (
        <Alert severity="warning" title={`No cross-validation for ${series.name}`}>
          {series.error}
        </Alert>
      )}
      {series && !series.error && rows.length === 0 && <p>The datasource returned no metrics.</p>}
      {rows.length > 0 && (
        <table style={{ width: '100%' }} data-testid="foresight-cv-table">
          <thead>
            <tr>
              <th>horizon</th>
              {metricNames.map((m) => (
                <th key={m}>{m}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.label}>
                <td>{r.label}</td>
                {metricNames.map((m) => (
                  <td key={m}>{r.metrics[m] === undefined ? '–' : Number(r.metrics[m].toPrecision(4))}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {series?.labelMetrics && <LabelMetricsTable metrics={series.labelMetrics} />}
    </>
  );
}
