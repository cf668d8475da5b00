/**
 * The `detect` output: one row per input row, in input order, timestamps echoed as written. A row
 * without a verdict (missing value, or online without enough history) has empty `outlier` and `score`.
 * With outlooks (thresholds given), two more columns: `breach_eta_minutes` (empty when the expectation does not
 * cross within the lead) and `breach_probability`, both empty on rows without an outlook.
 */
import type { RowOutlooks } from '../model/earlyWarning/rows';
import type { Detection } from '../model/online';
import { formatCsvRow } from './csv';
import { formatCell } from './format';
import type { SeriesInput } from './series-input';

export const DETECTION_COLUMNS = ['timestamp', 'value', 'yhat', 'yhat_lower', 'yhat_upper', 'outlier', 'score'];
export const WARNING_COLUMNS = ['breach_eta_minutes', 'breach_probability'];

/** Whether row i has a verdict: a value, and a model that judged it (online rows before enough history have none). */
export function hasVerdict(values: ArrayLike<number>, d: Pick<Detection, 'yhat'>, i: number): boolean {
  return !Number.isNaN(values[i]) && Number.isFinite(d.yhat[i]);
}

export function detectionCsv(
  series: Pick<SeriesInput, 'timestampText' | 'values' | 'valueText'>,
  d: Detection,
  outlooks?: RowOutlooks
): string {
  const lines = [formatCsvRow(outlooks ? [...DETECTION_COLUMNS, ...WARNING_COLUMNS] : DETECTION_COLUMNS)];
  for (let i = 0; i < series.timestampText.length; i++) {
    const missing = Number.isNaN(series.values[i]);
    const value = missing ? '' : series.valueText[i];
    const judged = hasVerdict(series.values, d, i);
    lines.push(
      formatCsvRow([
        series.timestampText[i],
        value,
        formatCell(d.yhat[i]),
        formatCell(d.yhat_lower[i]),
        formatCell(d.yhat_upper[i]),
        judged ? String(d.outlier[i]) : '',
        judged ? formatCell(d.score[i]) : '',
        ...(outlooks ? [formatCell(outlooks.eta_ms[i] / 60_000), formatCell(outlooks.probability[i])] : []),
      ])
    );
  }
  return lines.join('\n') + '\n';
}
