import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliError } from './errors';
import { nodeIO } from './node-io';

describe('nodeIO', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'foresight-io-'));
    writeFileSync(join(dir, 'in.csv'), 'timestamp,value\n');
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('makes missing folders for an output and leaves no probe file behind', () => {
    const out = join(dir, 'a', 'b', 'out.csv');
    nodeIO.prepareOutput(out);
    expect(readdirSync(join(dir, 'a', 'b'))).toEqual([]);
    nodeIO.writeFile(out, 'x\n');
    expect(existsSync(out)).toBe(true);
  });

  // Node's own recursive mkdir spins forever on /proc/x (ENOENT although /proc exists).
  (existsSync('/proc/self') ? it : it.skip)('refuses a folder the file system will not create, at once', () => {
    expect(() => nodeIO.prepareOutput('/proc/foresight-x/demo.csv')).toThrow(
      new CliError(
        'cannot write /proc/foresight-x/demo.csv: cannot create folder /proc/foresight-x: /proc does not allow new folders'
      )
    );
  });

  it.each([
    [
      'a file used as a folder',
      (d: string) => join(d, 'in.csv', 'out.csv'),
      /^cannot write .*: .*in\.csv is a file, not a folder$/,
    ],
    ['a folder used as a file', (d: string) => d, /^cannot write .*: it is a folder$/],
  ])('refuses %s', (_label, path, message) => {
    expect(() => nodeIO.prepareOutput(path(dir))).toThrow(message);
  });

  it('reads UTF-16 text by its byte order mark (Windows PowerShell writes files so)', () => {
    const text = '\ufefftimestamp,value\r\n2024-01-01,1\r\n';
    writeFileSync(join(dir, 'le.csv'), Buffer.from(text, 'utf16le'));
    writeFileSync(join(dir, 'be.csv'), Buffer.from(text, 'utf16le').swap16());
    expect(nodeIO.readFile(join(dir, 'le.csv'))).toBe(text.slice(1));
    expect(nodeIO.readFile(join(dir, 'be.csv'))).toBe(text.slice(1));
  });

  it('drops a byte order mark, so a --config or --grid JSON saved with one parses', () => {
    // Notepad saves UTF-8 with a mark; JSON.parse refused it ("Unexpected token '\ufeff'").
    writeFileSync(join(dir, 'params.json'), '\ufeff{"interval_width": 0.9}');
    expect(JSON.parse(nodeIO.readFile(join(dir, 'params.json')))).toEqual({ interval_width: 0.9 });
  });

  it('gives one key to every spelling of a file and different keys to different files', () => {
    mkdirSync(join(dir, 'sub'));
    symlinkSync(join(dir, 'in.csv'), join(dir, 'link.csv'));
    symlinkSync(dir, join(dir, 'alias'));
    const key = nodeIO.fileKey(join(dir, 'in.csv'));
    for (const spelling of ['./in.csv', 'sub/../in.csv', 'link.csv', 'alias/in.csv']) {
      // Concatenated, not joined: join would normalise the spelling away.
      expect(nodeIO.fileKey(`${dir}/${spelling}`)).toBe(key);
    }
    expect(nodeIO.fileKey(join(dir, 'other.csv'))).not.toBe(key);
    expect(nodeIO.fileKey(`${dir}/alias/new.csv`)).toBe(nodeIO.fileKey(`${dir}/./new.csv`));
  });

  (existsSync('/bin/sh') ? it : it.skip)('reads all of a piped standard input that arrives in pieces', () => {
    // `curl ... | npm run cli -- detect --input -`: a shell pipe the writer fills slowly failed with EAGAIN.
    const script = join(dir, 'read-stdin.ts');
    writeFileSync(
      script,
      `import { nodeIO } from ${JSON.stringify(join(__dirname, 'node-io.ts'))};\n` +
        'process.stdout.write(String(nodeIO.readStdin().length));\n'
    );
    const writer = 'head -c 100000 /dev/zero; sleep 1; head -c 100000 /dev/zero';
    const result = spawnSync('/bin/sh', ['-c', `(${writer}) | "${process.execPath}" --import tsx "${script}"`], {
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('200000');
  });
});
