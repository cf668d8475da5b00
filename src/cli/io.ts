/** What commands may do to the outside world; main.ts supplies Node's, tests supply their own. */
export interface CliIO {
  /** Text of a file; throws CliError when it cannot be read. */
  readFile(path: string): string;
  /** Writes a file, creating its folder; throws CliError when it cannot. */
  writeFile(path: string, text: string): void;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Milliseconds from a monotonic clock, for timings. */
  now(): number;
}
