/** A problem with the caller's input or parameters; its message is one line meant for the user. */
export class ModelInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelInputError';
  }
}

/**
 * Bad settings: a parameter, or a model size limit the parameters pass on this series (its columns once a
 * holiday's window enters training, its design values), which the user must change, where other refusals are the
 * data's (a window too short, every value excluded). A caller that leaves out what a window's data refuses (an
 * ensemble's member, an online block) passes this on, so bad settings fail loudly instead of silently leaving
 * points unjudged. Its name stays ModelInputError: the engine's host reads both as the caller's input.
 */
export class ModelSettingsError extends ModelInputError {}
