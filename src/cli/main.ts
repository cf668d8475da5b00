/** Entry point (`npm run cli -- ...`): Node's file system and streams around `run`. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { CliError } from './errors';
import type { CliIO } from './io';
import { run } from './run';

const nodeIO: CliIO = {
  readFile(path) {
    try {
      return readFileSync(path, 'utf8');
    } catch (error) {
      throw new CliError(`cannot read ${path}: ${describeFsError(error)}`);
    }
  },
  writeFile(path, text) {
    try {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
    } catch (error) {
      throw new CliError(`cannot write ${path}: ${describeFsError(error)}`);
    }
  },
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  now: () => performance.now(),
};

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const known: Record<string, string> = {
    ENOENT: 'no such file or folder',
    EACCES: 'permission denied',
    EISDIR: 'it is a folder',
    ENOTDIR: 'a part of the path is not a folder',
  };
  return (code && known[code]) ?? (error as Error).message;
}

process.exitCode = run(process.argv.slice(2), nodeIO);
