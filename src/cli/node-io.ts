/** The CLI's outside world in Node: files, standard streams and a monotonic clock. */
import {
  accessSync,
  closeSync,
  constants,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
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
      return decodeText(readFileSync(path));
    } catch (error) {
      throw new CliError(`cannot read ${path}: ${describeFsError(error)}`);
    }
  },
  readStdin() {
    try {
      return readAll(STDIN_FD);
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

const STDIN_FD = 0;
/** How long to wait for a slow writer before reading a non-blocking pipe again. */
const PIPE_WAIT_MS = 10;

/**
 * Every byte of a file descriptor up to its end. A shell pipe can be non-blocking (as Node leaves standard
 * input), and readFileSync then fails with EAGAIN as soon as the writer (curl, a slow query) has not caught up:
 * wait briefly and read on instead.
 */
function readAll(fd: number): string {
  const chunks: Buffer[] = [];
  const buffer = Buffer.alloc(1 << 16);
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    let n: number;
    try {
      n = readSync(fd, buffer, 0, buffer.length, null);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        Atomics.wait(pause, 0, 0, PIPE_WAIT_MS);
        continue;
      }
      // Windows reports the end of a pipe as EOF.
      if (code === 'EOF') {
        break;
      }
      throw error;
    }
    if (n === 0) {
      break;
    }
    chunks.push(Buffer.from(buffer.subarray(0, n)));
  }
  return decodeText(Buffer.concat(chunks));
}

/**
 * UTF-8 text, or UTF-16 where a byte order mark says so (Windows PowerShell's Out-File and Excel's "Unicode text"
 * write it), without the mark: JSON.parse refuses one, and Notepad saves a --config with it.
 */
function decodeText(bytes: Buffer): string {
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    text = bytes.toString('utf16le');
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    text = Buffer.from(bytes.subarray(0, bytes.length - (bytes.length % 2)))
      .swap16()
      .toString('utf16le');
  } else {
    text = bytes.toString('utf8');
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
