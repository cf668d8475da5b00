/** Writes a folder into a zip under one top-level folder, and reads a zip's entries back (yazl / yauzl). */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { pipeline } from 'node:stream/promises';

import yauzl from 'yauzl';
import yazl from 'yazl';

/** Unix modes stored in the zip: the backend executables must keep their executable bit. */
export const EXECUTABLE_MODE = 0o100755;
export const FILE_MODE = 0o100644;
export const DIRECTORY_MODE = 0o40755;

export interface ZipEntry {
  /** Path inside the zip, without a trailing slash for directories. */
  name: string;
  directory: boolean;
  /** Unix mode (type and permission bits) from the entry's external attributes; 0 when the zip has none. */
  mode: number;
  size: number;
  /** Text content, for the entries `readText` asked for. */
  content?: string;
}

/** Every file under `dir`, as sorted forward-slash paths relative to it. */
export function listFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

/**
 * Zips the files of `sourceDir` as `<folder>/<path>`, with a directory entry for every folder. Files for which
 * `isExecutable` holds get mode 755, the rest 644, whatever the file system says.
 */
export async function writeZip(
  zipPath: string,
  sourceDir: string,
  folder: string,
  isExecutable: (relativePath: string) => boolean
): Promise<void> {
  const zip = new yazl.ZipFile();
  const files = listFiles(sourceDir);
  const directories = new Set<string>([folder]);
  for (const file of files) {
    for (let dir = path.posix.dirname(file); dir !== '.'; dir = path.posix.dirname(dir)) {
      directories.add(`${folder}/${dir}`);
    }
  }
  for (const dir of [...directories].sort()) {
    zip.addEmptyDirectory(dir, { mode: DIRECTORY_MODE });
  }
  for (const file of files) {
    zip.addFile(path.join(sourceDir, file), `${folder}/${file}`, {
      mode: isExecutable(file) ? EXECUTABLE_MODE : FILE_MODE,
    });
  }
  zip.end();
  fs.mkdirSync(path.dirname(zipPath), { recursive: true });
  await pipeline(zip.outputStream, fs.createWriteStream(zipPath));
}

/** The zip's entries in stored order; `readText(name)` picks the (small, text) entries whose content to read. */
export async function readZip(zipPath: string, readText: (name: string) => boolean = () => false): Promise<ZipEntry[]> {
  const zip = await yauzl.openPromise(zipPath, { lazyEntries: true, autoClose: true });
  const entries: ZipEntry[] = [];
  for await (const entry of zip.eachEntry()) {
    const directory = entry.fileName.endsWith('/');
    const name = directory ? entry.fileName.slice(0, -1) : entry.fileName;
    const madeOnUnix = entry.versionMadeBy >> 8 === 3;
    const item: ZipEntry = {
      name,
      directory,
      mode: madeOnUnix ? (entry.externalFileAttributes >>> 16) & 0xffff : 0,
      size: entry.uncompressedSize,
    };
    if (!directory && readText(name)) {
      item.content = await text(await zip.openReadStreamPromise(entry));
    }
    entries.push(item);
  }
  return entries;
}

export async function sha1File(file: string): Promise<string> {
  const hash = createHash('sha1');
  for await (const chunk of fs.createReadStream(file)) {
    hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}

/** The checksum file beside a zip, in `sha1sum` format so that `sha1sum -c` checks it. */
export function checksumPath(zipPath: string): string {
  return `${zipPath}.sha1`;
}

export async function writeChecksum(zipPath: string): Promise<string> {
  const sum = await sha1File(zipPath);
  fs.writeFileSync(checksumPath(zipPath), `${sum}  ${path.basename(zipPath)}\n`);
  return sum;
}
