import { TimeZone } from '@grafana/data';

import { formatTooltipTime } from '../../chart/timeAxis';
import { alertingRows, PointDetails } from '../../data/pointDetails';
import { warningRows, type SeriesWarning } from '../../data/warning';
import { TEST_IDS } from '../../constants';

export interface ChartTooltipProps {
  point: PointDetails;
  left: number;
  top: number;
  className: string;
  timeZone: TimeZone;
  formatValue: (value: number) => string;
  /** The series' early warning, when its query asks for one. */
  warning?: SeriesWarning;
}

function describeOutlier(flag: number): string {
  return flag > 0 ? 'outlier, high' : flag < 0 ? 'outlier, low' : 'not an outlier';
}

/**
 * Value, expectation, band, score, the alerting fields the frame carries, the early warning and exclusion of the
 * point under the cursor.
 */
export function ChartTooltip(props: ChartTooltipProps) {
  const { point, left, top, className, timeZone, formatValue, warning } = props;
  const show = (v: number | null) => (v === null ? '–' : formatValue(v));
  const early = warningRows(warning, point, (time) => formatTooltipTime(time, timeZone));
  return (
    <div className={className} style={{ left, top }} data-testid={TEST_IDS.tooltip}>
      <strong>{formatTooltipTime(point.time, timeZone)}</strong>
      {point.forecast && ' (forecast)'}
      <table>
        <tbody>
          {!point.forecast && (
            <tr>
              <td>Value</td>
              <td>{show(point.value)}</td>
            </tr>
          )}
          <tr>
            <td>Expected</td>
            <td>{show(point.expected)}</td>
          </tr>
          <tr>
            <td>Band</td>
            <td>
              {show(point.lower)} – {show(point.upper)}
            </td>
          </tr>
          {!point.forecast && (
            <tr>
              <td>Score</td>
              <td>
                {point.score === null ? '–' : point.score.toFixed(2)} ({describeOutlier(point.outlier)})
              </td>
            </tr>
          )}
          {!point.forecast &&
            alertingRows(point.alerting).map((row) => (
              <tr key={row.label}>
                <td>{row.label}</td>
                <td>{row.text}</td>
              </tr>
            ))}
          {early.map((row) => (
            <tr key={row.label}>
              <td>{row.label}</td>
              <td>{row.text}</td>
            </tr>
          ))}
          <tr>
            <td>Excluded</td>
            <td>{point.excluded ? 'yes, not used for training' : 'no'}</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}
