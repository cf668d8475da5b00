/**
 * Progress of long work (online detection, cross-validation, tuning), for a caller that shows it. The model
 * only calls back; how often and how to show it is the caller's business. Without a callback nothing is done.
 */

/** `done` of `total` units (rows or fits) are finished; called often, so it must be cheap. */
export type ProgressCallback = (done: number, total: number) => void;

export interface ProgressOption {
  onProgress?: ProgressCallback;
}

/**
 * The callback for one of `passes` equal passes of `perPass` units each (e.g. one grid combination's fits),
 * reporting on the whole run; undefined when there is no callback.
 */
export function passProgress(
  onProgress: ProgressCallback | undefined,
  pass: number,
  perPass: number,
  passes: number
): ProgressCallback | undefined {
  return onProgress && ((done) => onProgress(pass * perPass + done, passes * perPass));
}
