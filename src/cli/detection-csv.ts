/** The `detect` output: one row per input row, in input order, timestamps echoed as written. */
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
    const value = Number.isNaN(series.values[i]) ? '' : series.valueText[i];
    lines.push(
      formatCsvRow([
        series.timestampText[i],
        value,
        formatCell(d.yhat[i]),
        formatCell(d.yhat_lower[i]),
        formatCell(d.yhat_upper[i]),
        String(d.outlier[i]),
        formatCell(d.score[i]),
      ])
    );
  }
  return lines.join('\n') + '\n';
}
