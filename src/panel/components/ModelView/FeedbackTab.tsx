import { feedbackCounts } from '../../../model/evaluation/feedback';
import type { TimeRange } from '../../../model/types';
import type { Region } from '../../data/exclusions';
import type { SeriesView } from '../../data/seriesView';

export interface FeedbackTabProps {
  series: SeriesView | undefined;
  regions: Region[];
}

function rangesOf(regions: Region[], kind: Region['kind']): TimeRange[] {
  return regions.filter((r) => r.kind === kind).map((r) => [r.from, r.to]);
}

/** How the flags on screen meet the incident and false-alarm labels people drew on this series. */
export function FeedbackTab({ series, regions }: FeedbackTabProps) {
  if (!series) {
    return <p>Pick one series to see how its flags meet the labels.</p>;
  }
  const incidents = rangesOf(regions, 'incident');
  const falseAlarms = rangesOf(regions, 'falseAlarm');
  if (incidents.length === 0 && falseAlarms.length === 0) {
    return (
      <p>
        No labels on this series in the time range. Drag in <b>Incident</b> or <b>False alarm</b> mode to label what the
        detector got right or wrong; the counts appear here.
      </p>
    );
  }
  const c = feedbackCounts(series.times, series.outlier, { incidents, falseAlarms });
  return (
    <table style={{ width: '100%' }}>
      <tbody>
        <tr>
          <td>Incidents caught</td>
          <td>
            {c.incidentsCaught} of {c.incidents}
          </td>
        </tr>
        <tr>
          <td>False alarms still raised</td>
          <td>
            {c.falseAlarmsStillFlagged} of {c.falseAlarms}
          </td>
        </tr>
        <tr>
          <td>Flagged points in range</td>
          <td>
            {c.flaggedPoints} ({c.flaggedInIncidents} in incidents, {c.flaggedInFalseAlarms} in false alarms)
          </td>
        </tr>
      </tbody>
    </table>
  );
}
