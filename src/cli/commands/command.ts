import type { OptionSpec } from '../args';
import type { CliIO } from '../io';

export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  usage: string;
  description: string;
  options: OptionSpec[];
  /** Runs with the arguments after the command name; returns the exit code. */
  run(argv: string[], io: CliIO): number;
}
