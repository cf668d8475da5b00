import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

function cli(args: string[], stdin?: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    input: stdin,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the real command line', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'foresight-cli-'));
    const lines = ['ds,y'];
    for (let i = 0; i < 96; i++) {
      lines.push(`${1_700_000_000 + i * 3600},${(50 + 10 * Math.sin((2 * Math.PI * i) / 24)).toFixed(2)}`);
    }
    writeFileSync(join(dir, 'in.csv'), lines.join('\n'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('detects from a file and writes the output file', () => {
    const result = cli(['detect', '--input', join(dir, 'in.csv'), '--output', join(dir, 'sub', 'out.csv')]);
    expect(result.stderr).toBe('note: read 96 numeric timestamp(s) as epoch seconds\n');
    expect(result.status).toBe(0);
    const out = readFileSync(join(dir, 'sub', 'out.csv'), 'utf8')
      .trim()
      .split('\n');
    expect(out[0]).toBe('timestamp,value,yhat,yhat_lower,yhat_upper,outlier,score');
    expect(out).toHaveLength(97);
    // Timestamp and value texts are echoed as written.
    expect(out[1].startsWith('1700000000,50.00,')).toBe(true);
  }, 60_000);

  it('pipes a CSV from stdin to stdout, with the messages on stderr', () => {
    const input = readFileSync(join(dir, 'in.csv'), 'utf8');
    const result = cli(['detect', '--input', '-', '--output', '-'], input);
    expect(result.status).toBe(0);
    const out = result.stdout.trim().split('\n');
    expect(out[0]).toBe('timestamp,value,yhat,yhat_lower,yhat_upper,outlier,score');
    expect(out).toHaveLength(97);
    expect(result.stderr).toMatch(/^note: read 96 numeric timestamp\(s\) as epoch seconds\n.*outliers/);
  }, 60_000);

  (existsSync('/bin/sh') ? it : it.skip)(
    'ends quietly when the reader of its standard output stops early (| head)',
    () => {
      // 5,000 rows make more output than a pipe holds, so writing goes on after head has closed it: that was an
      // unhandled EPIPE, a Node stack trace and exit code 1.
      const lines = ['timestamp,value'];
      for (let i = 0; i < 5000; i++) {
        lines.push(`${1_700_000_000 + i * 300},${(50 + 10 * Math.sin((2 * Math.PI * i) / 288)).toFixed(2)}`);
      }
      writeFileSync(join(dir, 'long.csv'), lines.join('\n'));
      const command =
        `("${process.execPath}" --import tsx src/cli/main.ts detect --input "${join(dir, 'long.csv')}" --output - ` +
        `2>"${join(dir, 'err.txt')}"; echo $? >"${join(dir, 'status.txt')}") | head -c 100 >/dev/null`;
      spawnSync('/bin/sh', ['-c', command], { cwd: ROOT, timeout: 60_000 });
      expect(readFileSync(join(dir, 'err.txt'), 'utf8')).not.toMatch(/EPIPE|Error/);
      expect(readFileSync(join(dir, 'status.txt'), 'utf8').trim()).toBe('0');
    },
    60_000
  );

  // Node's recursive mkdir used to spin at 100% CPU here until the test's timeout.
  (existsSync('/proc/self') ? it : it.skip)(
    'fails at once on an output folder that cannot be made',
    () => {
      const result = cli(['demo', '--output-dir', '/proc/foresight-x']);
      expect(result.status).toBe(2);
      expect(result.stderr).toBe(
        'error: cannot write /proc/foresight-x/demo.csv: cannot create folder /proc/foresight-x: /proc does not allow new folders\n'
      );
    },
    60_000
  );

  it('prints the usage on stderr with exit code 2 without a command', () => {
    const result = cli([]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^usage: npm run cli -- <command>/);
  }, 60_000);

  it('exits with code 2 and one line, no stack, on bad input', () => {
    writeFileSync(join(dir, 'bad.csv'), 'timestamp,value\n2024-01-01,1\nyesterday,2\n');
    const result = cli(['detect', '--input', join(dir, 'bad.csv'), '--output', join(dir, 'o.csv')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      `error: ${join(dir, 'bad.csv')} row 3, column "timestamp": timestamp "yesterday" is not ISO 8601 or epoch\n`
    );
  }, 60_000);
});
