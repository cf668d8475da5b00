/**
 * Prometheus' predict_linear(v[window], t): the least-squares line through the window's samples, evaluated t
 * seconds after the evaluation time. Here per row: the samples in (tᵢ − window, tᵢ], extrapolated to tᵢ + lead.
 * The values are centred on their mean first (the line's sums of squares stay well-conditioned).
 */
import { recentLines } from '../../src/model/earlyWarning/recentLine';

export function predictLinear(
  timestamps: Float64Array,
  values: Float64Array,
  windowMs: number,
  leadMs: number
): Float64Array {
  let sum = 0;
  let count = 0;
  for (const v of values) {
    if (Number.isFinite(v)) {
      sum += v;
      count++;
    }
  }
  const centre = count > 0 ? sum / count : 0;
  const lines = recentLines(
    timestamps,
    values.map((v) => v - centre),
    windowMs
  );
  return lines.level.map((level, i) => centre + level + lines.slope[i] * leadMs);
}
