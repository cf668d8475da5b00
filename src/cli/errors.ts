/** A mistake in the user's input or command line: printed as one line, exit code 2, no stack. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}
