/** A problem with the caller's input or parameters; its message is one line meant for the user. */
export class ModelInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelInputError';
  }
}
