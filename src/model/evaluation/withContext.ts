import { ModelInputError } from '../index';

/** Runs `work`; a ModelInputError it throws is re-thrown with `context` in front, so the user learns where. */
export function withContext<T>(context: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof ModelInputError) {
      throw new ModelInputError(`${context}: ${error.message}`);
    }
    throw error;
  }
}
