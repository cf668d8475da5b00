/** The shared duration grammar (src/shared/duration.ts), with the option named in the error. */
import { DurationError, parseDuration as parseDurationText } from '../shared/duration';
import { CliError } from './errors';

/** Milliseconds in the value of --optionName; a CliError naming the option and the value otherwise. */
export function parseDuration(text: string, optionName: string): number {
  try {
    return parseDurationText(text);
  } catch (err) {
    throw err instanceof DurationError ? new CliError(`--${optionName} ${err.message}`) : err;
  }
}
