/**
 * The training preparation the members of one ensemble fit would each repeat on the same points: leaving out
 * missing and excluded values, screening stuck runs and gross values (grossValues.ts), and the screened values'
 * scale and resolution. The ensemble makes one per fit and hands it to every member (FitOptions.shared); a
 * member whose training differs (the decomposition leaving out a first weekend in progress, the past comparison
 * leaving out holidays) prepares its own. Each result is computed at most once, from the same inputs by the same
 * code, so a member gets exactly what it would have computed itself. A failure is not kept: the next member
 * meets it again, as it would on its own.
 */
import { screenGrossValues, type ScreenedTraining } from './grossValues';
import { selectTrainingData, type TrainingData } from './input';
import type { Kernels, TimeRange } from './types';

/** Whether two lists hold the same ranges in the same order (each member resolves its own copy of the params). */
function sameRanges(a: TimeRange[], b: TimeRange[]): boolean {
  if (a === b) {
    return true;
  }
  return a.length === b.length && a.every((range, k) => range[0] === b[k][0] && range[1] === b[k][1]);
}

export class SharedTraining {
  private selected: TrainingData | undefined;
  private screened: ScreenedTraining | undefined;
  private readonly derived = new Map<string, number>();

  constructor(
    private readonly timestamps: ArrayLike<number>,
    private readonly values: ArrayLike<number>,
    private readonly exclude: TimeRange[],
    private readonly kernels: Kernels
  ) {}

  /**
   * selectTrainingData of the fit's points, or null when a member asks with other points, exclusions or kernels
   * than the ensemble made this for (it then selects its own).
   */
  select(
    timestamps: ArrayLike<number>,
    values: ArrayLike<number>,
    exclude: TimeRange[],
    kernels: Kernels
  ): TrainingData | null {
    if (
      timestamps !== this.timestamps ||
      values !== this.values ||
      kernels !== this.kernels ||
      !sameRanges(exclude, this.exclude)
    ) {
      return null;
    }
    this.selected ??= selectTrainingData(timestamps, values, exclude, kernels);
    return this.selected;
  }

  /** screenGrossValues of `selected`: remembered when it is what select() gave, computed afresh otherwise. */
  screen(selected: TrainingData): ScreenedTraining {
    if (selected !== this.selected) {
      return screenGrossValues(selected, this.kernels);
    }
    this.screened ??= screenGrossValues(selected, this.kernels);
    return this.screened;
  }

  /** `compute(values)` by name, remembered only when `values` are the screened training's. */
  statistic(name: string, values: Float64Array, compute: (values: Float64Array) => number): number {
    if (this.screened === undefined || values !== this.screened.values) {
      return compute(values);
    }
    let value = this.derived.get(name);
    if (value === undefined) {
      value = compute(values);
      this.derived.set(name, value);
    }
    return value;
  }
}
