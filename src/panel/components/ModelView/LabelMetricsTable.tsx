import type { LabelMetrics } from '../../data/modelResources';

function ratio(value: number | null): string {
  return value === null ? '–' : `${Math.round(value * 100)}%`;
}

/** Precision and recall of the held-out alarms against the series' incident and false-alarm labels. */
export function LabelMetricsTable({ metrics }: { metrics: LabelMetrics }) {
  const m = metrics;
  return (
    <table style={{ width: '100%' }} data-testid="foresight-label-metrics">
      <caption style={{ textAlign: 'left' }}>Against the labels</caption>
      <tbody>
        <tr>
          <td>Recall</td>
          <td>{ratio(m.recall)}</td>
          <td>
            {m.incidentsFound} of {m.incidents} incidents found
          </td>
        </tr>
        <tr>
          <td>Precision</td>
          <td>{ratio(m.precision)}</td>
          <td>
            {m.alarmsInIncidents} of {m.alarms} alarms in incidents
          </td>
        </tr>
        <tr>
          <td>Alarms on false alarms</td>
          <td>{m.alarmsOnFalseAlarms}</td>
          <td>raised again where a false alarm was labelled</td>
        </tr>
      </tbody>
    </table>
  );
}
