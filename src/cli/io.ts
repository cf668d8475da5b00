/** What commands may do to the outside world; node-io.ts supplies Node's, tests supply their own. */
export interface CliIO {
  /** Text of a file; throws CliError when it cannot be read. */
  readFile(path: string): string;
  /** All of standard input as text; throws CliError when it cannot be read. */
  readStdin(): string;
  /** Writes a file whose folder prepareOutput has made; throws CliError when it cannot. */
  writeFile(path: string, text: string): void;
  /**
   * Makes the output's folder and checks that the file can be written, before any long work;
   * throws CliError at once when it cannot (never loops, never leaves a probe file behind).
   */
  prepareOutput(path: string): void;
  /** Equal for two spellings of one file (links, `./`, `..`, absolute or relative). */
  fileKey(path: string): string;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether stderr is a terminal (a person watching), where progress lines are drawn; absent means no. */
  stderrIsTerminal?: boolean;
  /** Milliseconds from a monotonic clock, for timings. */
  now(): number;
}
