/** The CLI's outside world in Node: files, standard streams and a monotonic clock. */
import {
  accessSync,
  closeSync,
  constants,
  mkdirSync,
  openSync,
  readFileSync,
  realpathSync,
  statSync,
  unlinkSync,
  writeFileSync,
  type Stats,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { CliError } from './errors';
import type { CliIO } from './io';

export const nodeIO: CliIO = {
  readFile(path) {
    try {
      return readFileSync(path, 'utf8');
    } catch (error) {
      throw new CliError(`cannot read ${path}: ${describeFsError(error)}`);
    }
  },
  readStdin() {
    try {
      return readFileSync(process.stdin.fd, 'utf8');
    } catch (error) {
      throw new CliError(`cannot read standard input: ${describeFsError(error)}`);
    }
  },
  writeFile(path, text) {
    try {
      writeFileSync(path, text);
    } catch (error) {
      throw new CliError(`cannot write ${path}: ${describeFsError(error)}`);
    }
  },
  prepareOutput(path) {
    makeFolder(dirname(resolve(path)), path);
    probeWritable(path);
  },
  fileKey(path) {
    const stat = statOrNull(path);
    if (stat !== null) {
      return `inode ${stat.dev}:${stat.ino}`;
    }
    const folder = dirname(resolve(path));
    const real = statOrNull(folder) === null ? folder : realpathSync(folder);
    return `path ${join(real, basename(path))}`;
  },
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrIsTerminal: process.stderr.isTTY === true,
  now: () => performance.now(),
};

/**
 * Creates the missing folders one level at a time. Node's recursive mkdir loops forever where a
 * file system answers ENOENT to a folder whose parent exists (e.g. /proc/x); here that is an error.
 */
function makeFolder(folder: string, output: string): void {
  const missing: string[] = [];
  let current = folder;
  let stat = statOrNull(current);
  while (stat === null && dirname(current) !== current) {
    missing.push(current);
    current = dirname(current);
    stat = statOrNull(current);
  }
  if (stat !== null && !stat.isDirectory()) {
    throw new CliError(`cannot write ${output}: ${current} is a file, not a folder`);
  }
  for (const next of missing.reverse()) {
    try {
      mkdirSync(next);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const reason = code === 'ENOENT' ? `${dirname(next)} does not allow new folders` : describeFsError(error);
      throw new CliError(`cannot write ${output}: cannot create folder ${next}: ${reason}`);
    }
  }
}

/** An existing file must be a writable file; a new one is created and removed again to prove it can be. */
function probeWritable(path: string): void {
  const stat = statOrNull(path);
  try {
    if (stat?.isDirectory()) {
      throw Object.assign(new Error('it is a folder'), { code: 'EISDIR' });
    }
    if (stat !== null) {
      accessSync(path, constants.W_OK);
      return;
    }
    closeSync(openSync(path, 'wx'));
    unlinkSync(path);
  } catch (error) {
    throw new CliError(`cannot write ${path}: ${describeFsError(error)}`);
  }
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const known: Record<string, string> = {
    ENOENT: 'no such file or folder',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'read-only file system',
    EISDIR: 'it is a folder',
    ENOTDIR: 'a part of the path is not a folder',
  };
  return (code && known[code]) ?? (error as Error).message;
}
