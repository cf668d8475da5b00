/**
 * The `detect` output: one row per input row, in input order, timestamps echoed as written. A row
 * without a verdict (missing value, or online without enough history) has empty `outlier` and `score`.
 */
import type { Detection } from '../model/online';
import { formatCsvRow } from './csv';
import { formatCell } from './format';
import type { SeriesInput } from './series-input';

export const DETECTION_COLUMNS = ['timestamp', 'value', 'yhat', 'yhat_lower', 'yhat_upper', 'outlier', 'score'];

export function detectionCsv(
  series: Pick<SeriesInput, 'timestampText' | 'values' | 'valueText'>,
  d: Detection
): string {
  const lines = [formatCsvRow(DETECTION_COLUMNS)];
  for (let i = 0; i < series.timestampText.length; i++) {
    const missing = Number.isNaN(series.values[i]);
    const value = missing ? '' : series.valueText[i];
    const judged = !missing && Number.isFinite(d.yhat[i]);
    lines.push(
      formatCsvRow([
        series.timestampText[i],
        value,
        formatCell(d.yhat[i]),
        formatCell(d.yhat_lower[i]),
        formatCell(d.yhat_upper[i]),
        judged ? String(d.outlier[i]) : '',
        judged ? formatCell(d.score[i]) : '',
      ])
    );
  }
  return lines.join('\n') + '\n';
}
