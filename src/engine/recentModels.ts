/**
 * The models this runtime fitted or read last, by their text. The backend judges a fit's newest points right after
 * fitting it, passing the model text back, and reading that text again (its JSON, the past family's values) took a
 * sixth of the engine's JavaScript time in a cold alert query. A fitted model predicts exactly as its text read back
 * (recentModels.test.ts checks it family by family), so either may stand for the other; a fit whose text could not
 * be read back would be a defect of its own (it would not survive a restart), and values so small that a band came
 * out non-finite are refused (grossValues.ts). Predictions only read a model, never change it.
 */
import type { FittedFamily } from '../model';

/**
 * Two per runtime, the fit a query is judging with and the one before: 0.2-0.45 MB each for 28 days of 5-minute data
 * (the default pair's the most, its update statistics included), and the backend runs a runtime per core and half
 * as many for analyses.
 */
const MAX_RECENT_MODELS = 2;

const recent = new Map<string, FittedFamily>();

/** Keeps a model under its text, as the most recent one. */
export function rememberModel(text: string, model: FittedFamily): void {
  recent.delete(text);
  recent.set(text, model);
  if (recent.size > MAX_RECENT_MODELS) {
    recent.delete(recent.keys().next().value as string);
  }
}

/** The model a text holds: a recent one, else read by `read` (and then kept). */
export function modelOfText(text: string, read: (text: string) => FittedFamily): FittedFamily {
  const known = recent.get(text);
  if (known !== undefined) {
    rememberModel(text, known);
    return known;
  }
  const model = read(text);
  rememberModel(text, model);
  return model;
}

/** Forgets every model (tests: to compare a recent model with its text read afresh). */
export function forgetModels(): void {
  recent.clear();
}

/** How many models are kept (tests). */
export function recentModelCount(): number {
  return recent.size;
}
