/**
 * A command's files, checked before any long work: `-` means standard input or output, an output
 * may not overwrite an input or another output, and every output folder is made and tested first.
 */
import { CliError } from './errors';
import type { CliIO } from './io';

/** The path that means standard input (for --input) or standard output (for outputs). */
export const STANDARD_STREAM = '-';

export interface FileUse {
  /** The option that names the file, e.g. "--output". */
  option: string;
  /** Undefined when the option is not given. */
  path: string | undefined;
}

interface GivenFile extends FileUse {
  path: string;
}

/** Prepares every output folder and refuses clashing files; options not given are skipped. */
export function prepareFiles(io: CliIO, inputs: FileUse[], outputs: FileUse[]): void {
  const given = (uses: FileUse[]): GivenFile[] => uses.filter((use): use is GivenFile => use.path !== undefined);
  const files = (uses: FileUse[]): GivenFile[] => given(uses).filter((use) => use.path !== STANDARD_STREAM);
  const toStdout = given(outputs).filter((use) => use.path === STANDARD_STREAM);
  if (toStdout.length > 1) {
    throw new CliError(
      `${toStdout.map((use) => use.option).join(' and ')} cannot both write to standard output (-); give one a file`
    );
  }
  const written = files(outputs);
  // Folders first, so that the comparison below sees the paths as they will be written.
  for (const output of written) {
    io.prepareOutput(output.path);
  }
  const keys = new Map<string, GivenFile>();
  for (const input of files(inputs)) {
    keys.set(io.fileKey(input.path), input);
  }
  for (const output of written) {
    const key = io.fileKey(output.path);
    const clash = keys.get(key);
    if (clash !== undefined) {
      const what = outputs.includes(clash) ? 'which is also written' : 'which it would overwrite';
      throw new CliError(
        `${output.option} ${output.path} is the same file as ${clash.option} ${clash.path}, ${what}; choose another ${output.option}`
      );
    }
    keys.set(key, output);
  }
}

/** Writes an output file, or to standard output for `-`. */
export function writeOutput(io: CliIO, path: string, text: string): void {
  if (path === STANDARD_STREAM) {
    io.stdout(text);
  } else {
    io.writeFile(path, text);
  }
}

/** Where progress and summary lines go: stderr when an output goes to stdout, so stdout stays clean. */
export function messageStream(io: CliIO, outputs: Array<string | undefined>): (text: string) => void {
  return outputs.includes(STANDARD_STREAM) ? io.stderr : io.stdout;
}

/** How messages name an input. */
export function inputName(path: string): string {
  return path === STANDARD_STREAM ? 'standard input' : path;
}

/** How messages name an output. */
export function describeOutput(path: string): string {
  return path === STANDARD_STREAM ? 'standard output' : path;
}
