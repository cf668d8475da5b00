import { readFileSync } from 'node:fs';
import { posix, resolve } from 'node:path';
import { AUTO_FAMILIES, FAMILY_NAMES } from '../model/families/family';
import { selectionCandidates } from '../model/selection/candidates';
import { parseCsv } from './csv';
import { CliError } from './errors';
import type { CliIO } from './io';
import { COMMANDS, EXIT_OK, EXIT_USER_ERROR, run } from './run';

interface FakeIO extends CliIO {
  files: Map<string, string>;
  out: string[];
  err: string[];
}

/**
 * Files in memory under normalised relative paths; `stdin` is what standard input holds. With `terminal`,
 * stderr is a terminal and the clock advances `tickMs` at every reading (never real time).
 */
function fakeIO(files: Record<string, string> = {}, stdin?: string, terminal?: { tickMs: number }): FakeIO {
  const key = (path: string) => posix.normalize(path);
  const map = new Map(Object.entries(files).map(([path, text]) => [key(path), text]));
  const out: string[] = [];
  const err: string[] = [];
  let clock = 0;
  return {
    files: map,
    out,
    err,
    readFile(path) {
      const text = map.get(key(path));
      if (text === undefined) {
        throw new CliError(`cannot read ${path}: no such file or folder`);
      }
      return text;
    },
    readStdin() {
      if (stdin === undefined) {
        throw new CliError('cannot read standard input: it is closed');
      }
      return stdin;
    },
    writeFile(path, text) {
      map.set(key(path), text);
    },
    prepareOutput(path) {
      if (path.startsWith('/proc/')) {
        throw new CliError(`cannot write ${path}: cannot create folder /proc/x: /proc does not allow new folders`);
      }
    },
    fileKey: key,
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    stderrIsTerminal: terminal !== undefined,
    now: () => (clock += terminal?.tickMs ?? 5),
  };
}

const HOUR = 3_600_000;
const START = Date.UTC(2024, 4, 6);

/** Hourly series with a daily cycle; `spikeAt` gets +60. Timestamps as `YYYY-MM-DD HH:MM:SS`. */
function hourlyCsv(days: number, spikeAt = -1): { text: string; stamps: string[] } {
  const stamps: string[] = [];
  const lines = ['timestamp,value'];
  for (let i = 0; i < days * 24; i++) {
    const t = START + i * HOUR;
    const stamp = new Date(t).toISOString().slice(0, 19).replace('T', ' ');
    const value = 100 + 20 * Math.sin((2 * Math.PI * i) / 24) + ((i * 7919) % 13) / 13 + (i === spikeAt ? 60 : 0);
    stamps.push(stamp);
    lines.push(`${stamp},${value.toFixed(3)}`);
  }
  return { text: lines.join('\n') + '\n', stamps };
}

function rowsOf(io: FakeIO, path: string): string[][] {
  return parseCsv(io.files.get(path) ?? '', path).map((r) => r.fields);
}

describe('help', () => {
  it.each([[['--help']], [['-h']], [['help']]])('lists the commands on stdout for %j', (argv) => {
    const io = fakeIO();
    expect(run(argv, io)).toBe(EXIT_OK);
    for (const command of COMMANDS) {
      expect(io.out.join('')).toContain(command.name);
    }
    expect(io.err).toEqual([]);
  });

  it('prints the usage on stderr with exit code 2 when no command is given', () => {
    const io = fakeIO();
    expect(run([], io)).toBe(EXIT_USER_ERROR);
    expect(io.out).toEqual([]);
    expect(io.err.join('')).toMatch(/^usage: npm run cli -- <command> \[options\]\n/);
  });

  it.each(COMMANDS.map((c) => c.name))('describes every option of %s', (name) => {
    const io = fakeIO();
    expect(run([name, '--help'], io)).toBe(EXIT_OK);
    const text = io.out.join('');
    expect(text).toMatch(new RegExp(`^usage: npm run cli -- ${name} `));
    for (const option of COMMANDS.find((c) => c.name === name)!.options) {
      expect(text).toContain(`--${option.name}`);
    }
  });

  it("matches the README's synopsis, command for command", () => {
    const readme = readFileSync(resolve(__dirname, '../../README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Command line'), readme.indexOf('## The model'));
    const synopsis = [...section.matchAll(/^npm run cli -- (\w.*)$/gm)].map((m) => m[1].replace(/\s+/g, ' '));
    expect(synopsis).toEqual(COMMANDS.map((c) => c.usage));
  });

  it('rejects an unknown command', () => {
    const io = fakeIO();
    expect(run(['detekt'], io)).toBe(EXIT_USER_ERROR);
    expect(io.err.join('')).toBe('error: unknown command "detekt"; commands: detect, cv, tune, demo (see --help)\n');
  });
});

describe('detect', () => {
  it('writes exactly the verdict columns, one row per input row, timestamps echoed', () => {
    const { text, stamps } = hourlyCsv(8, 150);
    const io = fakeIO({ 'in.csv': text });
    expect(run(['detect', '--input', 'in.csv', '--output', 'out.csv'], io)).toBe(EXIT_OK);
    const rows = rowsOf(io, 'out.csv');
    expect(rows[0]).toEqual(['timestamp', 'value', 'yhat', 'yhat_lower', 'yhat_upper', 'outlier', 'score']);
    expect(rows.length - 1).toBe(stamps.length);
    expect(rows.slice(1).map((r) => r[0])).toEqual(stamps);
    expect(rows[151][5]).toBe('1');
    expect(Number(rows[151][6])).toBeGreaterThan(0.8);
    for (const row of rows.slice(1)) {
      expect(row.slice(2).every((cell) => cell !== '' && Number.isFinite(Number(cell)))).toBe(true);
    }
    expect(io.out.join('')).toContain('wrote out.csv (192 rows)');
  });

  it('keeps the input order for unsorted input and says it sorted', () => {
    const { text } = hourlyCsv(6);
    const [header, ...lines] = text.trim().split('\n');
    const shuffled = [header, ...lines.slice(50), ...lines.slice(0, 50)].join('\n');
    const io = fakeIO({ 'in.csv': text, 'shuffled.csv': shuffled });
    run(['detect', '--input', 'in.csv', '--output', 'a.csv'], io);
    run(['detect', '--input', 'shuffled.csv', '--output', 'b.csv'], io);
    const sorted = rowsOf(io, 'a.csv').slice(1);
    const unsorted = rowsOf(io, 'b.csv').slice(1);
    expect(unsorted).toEqual([...sorted.slice(50), ...sorted.slice(0, 50)]);
    expect(io.err.join('')).toContain(
      'note: rows are not in time order: sorted for the model, output keeps the input order'
    );
  });

  it('keeps duplicate timestamps and warns about them', () => {
    const { text } = hourlyCsv(4);
    const lines = text.trim().split('\n');
    const io = fakeIO({ 'in.csv': [...lines, lines[10]].join('\n') });
    expect(run(['detect', '--input', 'in.csv', '--output', 'out.csv'], io)).toBe(EXIT_OK);
    expect(rowsOf(io, 'out.csv').length - 1).toBe(lines.length);
    expect(io.err.join('')).toContain(
      'warning: in.csv: 1 row(s) repeat an earlier timestamp (first: row 98 repeats the time of row 11); all rows are kept and judged\n'
    );
  });

  it('leaves missing values empty and unjudged', () => {
    const { text } = hourlyCsv(4);
    const lines = text.trim().split('\n');
    lines[5] = lines[5].replace(/,.*/, ',');
    lines[6] = lines[6].replace(/,.*/, ',NaN');
    const io = fakeIO({ 'in.csv': lines.join('\n') });
    expect(run(['detect', '--input', 'in.csv', '--output', 'out.csv'], io)).toBe(EXIT_OK);
    const rows = rowsOf(io, 'out.csv');
    for (const row of [rows[5], rows[6]]) {
      expect(row[1]).toBe('');
      expect(row[5]).toBe('');
      expect(row[6]).toBe('');
      expect(Number.isFinite(Number(row[2]))).toBe(true);
    }
  });

  it('counts only rows with a verdict as judged in its summary, batch and online', () => {
    const { text } = hourlyCsv(8, 150);
    const lines = text.trim().split('\n');
    // Day one has no values, and from row 61 on (inside the online part) every third row but the spike's has none:
    // 68 missing, 124 with a value.
    const missing = (row: number) => (row >= 1 && row <= 24) || (row >= 61 && row % 3 === 0 && row !== 151);
    const blanked = lines.map((line, row) => (missing(row) ? line.replace(/,.*/, ',') : line));
    const verdicts = (io: FakeIO) => {
      const cells = rowsOf(io, 'out.csv')
        .slice(1)
        .map((r) => r[5])
        .filter((cell) => cell !== '');
      return { judged: cells.length, outliers: cells.filter((cell) => cell !== '0').length };
    };
    const batch = fakeIO({ 'in.csv': blanked.join('\n') });
    expect(run(['detect', '--input', 'in.csv', '--output', 'out.csv'], batch)).toBe(EXIT_OK);
    const b = verdicts(batch);
    expect(b.judged).toBe(124);
    expect(b.outliers).toBeGreaterThan(0); // so that the share depends on what counts as judged
    expect(batch.out.join('')).toContain(
      `${b.outliers} outliers (${((b.outliers / 124) * 100).toFixed(1)}% of judged rows)`
    );
    const online = fakeIO({ 'in.csv': blanked.join('\n') });
    expect(run(['detect', '--input', 'in.csv', '--output', 'out.csv', '--online'], online)).toBe(EXIT_OK);
    const o = verdicts(online);
    expect(online.out.join('')).toMatch(new RegExp(`online: \\d+ fits, ${o.judged} of 192 rows judged\n`));
    expect(o.judged).toBeGreaterThan(0);
    expect(online.out.join('')).toContain(`(${((o.outliers / o.judged) * 100).toFixed(1)}% of judged rows)`);
  });

  it('in online mode leaves rows without enough history empty and judges the rest', () => {
    const { text } = hourlyCsv(5, 100);
    const io = fakeIO({ 'in.csv': text });
    expect(run(['detect', '--input', 'in.csv', '--output', 'out.csv', '--online'], io)).toBe(EXIT_OK);
    const rows = rowsOf(io, 'out.csv').slice(1);
    expect(rows.length).toBe(120);
    expect(rows[0].slice(2)).toEqual(['', '', '', '', '']);
    // The window must span 2 days, so row 49 (index 49, 49 hours in) is the first judged.
    expect(rows[48].slice(2)).toEqual(['', '', '', '', '']);
    expect(rows[49][2]).not.toBe('');
    expect(rows[49][5]).toBe('0');
    expect(rows[49][6]).not.toBe('');
    expect(rows[100][5]).toBe('1');
    expect(io.out.join('')).toMatch(/online: \d+ fits, 71 of 120 rows judged/);
  });

  it('appends breach_eta_minutes,breach_probability only with a threshold, on the last row in batch', () => {
    const { text } = hourlyCsv(6);
    const io = fakeIO({ 'in.csv': text });
    expect(run(['detect', '--input', 'in.csv', '--output', 'plain.csv'], io)).toBe(EXIT_OK);
    expect(rowsOf(io, 'plain.csv')[0]).toHaveLength(7);
    // The series ends at 23:00, 15 below its 06:00 peak of 120: the expectation climbs past 110 within 6 hours.
    const argv = ['detect', '--input', 'in.csv', '--output', 'out.csv', '--above', '110', '--lead', '6h'];
    expect(run(argv, io)).toBe(EXIT_OK);
    const [header, ...rows] = rowsOf(io, 'out.csv');
    expect(header).toEqual([
      ...['timestamp', 'value', 'yhat', 'yhat_lower', 'yhat_upper', 'outlier', 'score'],
      ...['breach_eta_minutes', 'breach_probability'],
    ]);
    expect(rows.slice(0, -1).every((r) => r[7] === '' && r[8] === '')).toBe(true);
    const last = rows[rows.length - 1];
    expect(Number(last[7])).toBeGreaterThan(60);
    expect(Number(last[7])).toBeLessThan(360);
    expect(Number(last[8])).toBeGreaterThan(0.8);
    expect(io.out.join('')).toMatch(
      /outlook from 2024-05-11 23:00 UTC: expected crossing in \d+ min, breach_probability/
    );
    // Every value is under 200, the last one too: already past a 200 floor, said so, not as a crossing in 0 min.
    run(['detect', '--input', 'in.csv', '--output', 'past.csv', '--below', '200'], io);
    expect(io.out.join('')).toMatch(
      /outlook from 2024-05-11 23:00 UTC: already past the threshold, breach_probability 1\n/
    );
    // Far above every peak: no crossing, an empty ETA and a probability near 0.
    run(['detect', '--input', 'in.csv', '--output', 'high.csv', '--above', '500', '--below', '-20'], io);
    const high = rowsOf(io, 'high.csv').pop() as string[];
    expect(high[7]).toBe('');
    expect(Number(high[8])).toBeLessThan(1e-6);
  });

  it('online, gives every judged row its outlook from that row', () => {
    const { text } = hourlyCsv(5);
    const io = fakeIO({ 'in.csv': text });
    const argv = ['detect', '--input', 'in.csv', '--output', 'out.csv', '--online', '--below', '85'];
    expect(run(argv, io)).toBe(EXIT_OK);
    const rows = rowsOf(io, 'out.csv').slice(1);
    expect(rows[48].slice(7)).toEqual(['', '']);
    const judged = rows.slice(49);
    expect(judged.every((r) => r[8] !== '' && Number(r[8]) >= 0 && Number(r[8]) <= 1)).toBe(true);
    // The nightly trough (80 at 18:00) goes under 85 every day: rows in the 6 hours before it expect the crossing.
    expect(judged.some((r) => r[7] !== '' && Number(r[8]) > 0.8)).toBe(true);
    expect(judged.some((r) => r[7] === '')).toBe(true);
  });

  it('says so when online mode judges nothing', () => {
    const { text } = hourlyCsv(1);
    const io = fakeIO({ 'in.csv': text });
    expect(run(['detect', '--input', 'in.csv', '--output', 'out.csv', '--online'], io)).toBe(EXIT_OK);
    expect(io.err.join('')).toBe(
      'warning: in.csv: no row had enough history to be judged (needs 24 values over 2 days)\n'
    );
  });

  it('applies a config with exclude ranges and draws the plot with them', () => {
    const { text } = hourlyCsv(6);
    const io = fakeIO({
      'in.csv': text,
      'p.json': '{"interval_width": 0.95, "exclude": [["2024-05-08", "2024-05-08T12:00:00Z"]]}',
    });
    expect(run(['detect', '--input', 'in.csv', '--output', 'o.csv', '--config', 'p.json', '--plot', 'o.svg'], io)).toBe(
      EXIT_OK
    );
    const svg = io.files.get('o.svg') ?? '';
    expect(svg).toMatch(/^<svg /);
    expect(svg).toContain('excluded from training');
    expect(svg).toContain('in.csv: batch detection');
  });

  it('plots a window and marks the holidays of the config', () => {
    const { text } = hourlyCsv(8);
    const io = fakeIO({ 'in.csv': text, 'p.json': '{"country_holidays": ["US"]}' });
    const argv = ['detect', '--input', 'in.csv', '--output', 'o.csv', '--config', 'p.json', '--plot', 'o.svg'];
    expect(run([...argv, '--from', '2024-05-10', '--to', '1715644800'], io)).toBe(EXIT_OK);
    const svg = io.files.get('o.svg') ?? '';
    expect(svg).toContain('>in.csv: batch detection, US holidays</text>');
    expect(svg).toContain('96 of 192 points, 2024-05-10 00:00 to 2024-05-14 00:00 UTC');
    // Memorial Day 2024 is May 27, after the window: nothing to shade.
    expect(svg).not.toMatch(/>Memorial Day</);
    expect(rowsOf(io, 'o.csv')).toHaveLength(193);
  });

  describe('bad input: one line on stderr, exit code 2', () => {
    const good = hourlyCsv(3).text;
    const badRow = good.split('\n');
    badRow[16] = 'abc,1';
    it.each([
      [
        'missing file',
        {},
        ['--input', 'missing.csv', '--output', 'o.csv'],
        'cannot read missing.csv: no such file or folder',
      ],
      ['empty file', { 'in.csv': '' }, [], 'in.csv: file is empty (expected a header row and data rows)'],
      [
        'no header',
        { 'in.csv': '2024-01-01,1\n2024-01-02,2\n' },
        [],
        'in.csv row 1: no header row (the first row looks like data); expected a header naming a time column "timestamp", "ds", "time" (any case)',
      ],
      [
        'missing value column',
        { 'in.csv': 'timestamp,reading\n2024-01-01,1\n' },
        [],
        'in.csv row 1: no value column (found "timestamp", "reading"); name one "value", "y" (any case) or pick one with --value-column NAME',
      ],
      [
        'all values missing',
        { 'in.csv': 'ds,y\n2024-01-01,\n2024-01-02,NaN\n' },
        [],
        'in.csv: all 2 values in column "y" are missing',
      ],
      [
        'single row',
        { 'in.csv': 'ds,y\n2024-01-01,5\n' },
        [],
        'in.csv: the series needs at least two distinct timestamps with values',
      ],
      [
        'bad timestamp at row 17',
        { 'in.csv': badRow.join('\n') },
        [],
        'in.csv row 17, column "timestamp": timestamp "abc" is not ISO 8601 or epoch',
      ],
      [
        'unknown config key',
        { 'in.csv': good, 'p.json': '{"yearly": true}' },
        ['--config', 'p.json'],
        /^p\.json: unknown parameter "yearly" \(known: /,
      ],
      [
        'unknown holiday country, blamed on the config',
        { 'in.csv': good, 'p.json': '{"country_holidays": ["XX"]}' },
        ['--config', 'p.json'],
        'p.json: country_holidays[0] "XX" is not a supported holiday country (supported: KR, US)',
      ],
      [
        'online option without --online',
        { 'in.csv': good },
        ['--refit-every', '5'],
        'detect: --refit-every applies only with --online',
      ],
      [
        'bad option value',
        { 'in.csv': good },
        ['--online', '--refit-every', '0'],
        '--refit-every must be a whole number >= 1, got "0"',
      ],
      ['threshold not a number', { 'in.csv': good }, ['--above', 'ten'], '--above must be a finite number, got "ten"'],
      ['threshold NaN', { 'in.csv': good }, ['--below', 'NaN'], '--below must be a finite number, got "NaN"'],
      [
        'above not above below',
        { 'in.csv': good },
        ['--above', '5', '--below', '5'],
        'detect: --above (5) must be greater than --below (5)',
      ],
      [
        'lead without a threshold',
        { 'in.csv': good },
        ['--lead', '6h'],
        'detect: --lead needs a threshold, --above V and/or --below V',
      ],
      [
        'lead of zero',
        { 'in.csv': good },
        ['--above', '1', '--lead', '0m'],
        '--lead "0m" is not a duration like 14d, 12h, 30m or 1d12h (units ms, s, m, h, d, w)',
      ],
      ['lead too long', { 'in.csv': good }, ['--above', '1', '--lead', '2w'], '--lead "2w" is longer than 7 days'],
      ['unknown option', { 'in.csv': good }, ['--bogus'], 'detect: unknown option --bogus (see detect --help)'],
      [
        'plot window without a plot',
        { 'in.csv': good },
        ['--from', '2024-05-07'],
        '--from chooses what the plot shows; it needs --plot OUT.svg',
      ],
      [
        'plot window outside the series',
        { 'in.csv': good },
        ['--plot', 'o.svg', '--from', '2025-01-01'],
        'in.csv has no rows from 2025-01-01 00:00 UTC to its end (its rows run from 2024-05-06 00:00 UTC to 2024-05-08 23:00 UTC); check --from/--to',
      ],
    ])('%s', (_label, files, extra, message) => {
      const io = fakeIO(files as Record<string, string>);
      const argv =
        extra[0] === '--input' ? ['detect', ...extra] : ['detect', '--input', 'in.csv', '--output', 'o.csv', ...extra];
      expect(run(argv, io)).toBe(EXIT_USER_ERROR);
      const err = io.err.join('');
      expect(err.endsWith('\n')).toBe(true);
      expect(err.trimEnd().split('\n')).toHaveLength(1);
      expect(err.startsWith('error: ')).toBe(true);
      if (typeof message === 'string') {
        expect(err).toBe(`error: ${message}\n`);
      } else {
        expect(err.slice('error: '.length)).toMatch(message);
      }
      expect(io.files.has('o.csv')).toBe(false);
    });
  });

  it('shows the stack of an unexpected error with exit code 1', () => {
    const io = fakeIO({ 'in.csv': hourlyCsv(3).text });
    io.writeFile = () => {
      throw new TypeError('disk on fire');
    };
    expect(run(['detect', '--input', 'in.csv', '--output', 'o.csv'], io)).toBe(1);
    expect(io.err.join('')).toMatch(/^unexpected error \(a bug, please report it\):\nTypeError: disk on fire\n\s+at /);
  });
});

describe('files and standard streams', () => {
  const { text } = hourlyCsv(4);

  it.each([['in.csv'], ['./in.csv'], ['sub/../in.csv']])('refuses --output %s, the input itself', (output) => {
    const io = fakeIO({ 'in.csv': text });
    expect(run(['detect', '--input', 'in.csv', '--output', output], io)).toBe(EXIT_USER_ERROR);
    expect(io.err.join('')).toBe(
      `error: --output ${output} is the same file as --input in.csv, which it would overwrite; choose another --output\n`
    );
    expect(io.files.get('in.csv')).toBe(text);
  });

  it('refuses a plot written over the CSV output and a --best-output over the config', () => {
    const io = fakeIO({ 'in.csv': text, 'p.json': '{}' });
    expect(run(['detect', '--input', 'in.csv', '--output', 'o.csv', '--plot', './o.csv'], io)).toBe(EXIT_USER_ERROR);
    expect(io.err.join('')).toMatch(
      /^error: --plot \.\/o\.csv is the same file as --output o\.csv, which is also written;/
    );
    const tune = fakeIO({ 'in.csv': text, 'p.json': '{}' });
    expect(run(['tune', '--input', 'in.csv', '--config', 'p.json', '--best-output', 'p.json'], tune)).toBe(
      EXIT_USER_ERROR
    );
    expect(tune.err.join('')).toMatch(/^error: --best-output p\.json is the same file as --config p\.json/);
    expect(tune.files.get('p.json')).toBe('{}');
  });

  it('fails at once, before any model work, when an output cannot be written', () => {
    const io = fakeIO();
    let clockReads = 0;
    io.now = () => ++clockReads;
    expect(run(['demo', '--output-dir', '/proc/x'], io)).toBe(EXIT_USER_ERROR);
    expect(io.err.join('')).toBe(
      'error: cannot write /proc/x/demo.csv: cannot create folder /proc/x: /proc does not allow new folders\n'
    );
    expect(clockReads).toBe(0);
  });

  it('--input - reads standard input and --output - writes a clean CSV to stdout, messages to stderr', () => {
    const io = fakeIO({}, text);
    expect(run(['detect', '--input', '-', '--output', '-'], io)).toBe(EXIT_OK);
    const csv = io.out.join('');
    const rows = parseCsv(csv, 'stdout');
    expect(rows[0].fields).toEqual(['timestamp', 'value', 'yhat', 'yhat_lower', 'yhat_upper', 'outlier', 'score']);
    expect(rows).toHaveLength(97);
    expect(io.err.join('')).toMatch(/outliers .*; batch detection took \d+ ms\nwrote standard output \(96 rows\)\n$/);
    expect(io.files.size).toBe(0);
  });

  it('names standard input in input errors and refuses two outputs on stdout', () => {
    const bad = fakeIO({}, 'timestamp,reading\n2024-01-01,1\n');
    expect(run(['detect', '--input', '-', '--output', 'o.csv'], bad)).toBe(EXIT_USER_ERROR);
    expect(bad.err.join('')).toMatch(/^error: standard input row 1: no value column/);
    const both = fakeIO({}, text);
    expect(run(['detect', '--input', '-', '--output', '-', '--plot', '-'], both)).toBe(EXIT_USER_ERROR);
    expect(both.err.join('')).toBe(
      'error: --output and --plot cannot both write to standard output (-); give one a file\n'
    );
  });
});

describe('cv and tune', () => {
  const { text } = hourlyCsv(8);

  it('cv prints the overall and by-horizon metrics', () => {
    const io = fakeIO({ 'in.csv': text });
    expect(
      run(['cv', '--input', 'in.csv', '--horizon', '1d', '--initial', '5d', '--period', '1d', '--rows', '4'], io)
    ).toBe(EXIT_OK);
    const out = io.out.join('');
    expect(out).toMatch(/cross-validation of in\.csv: 2 cutoffs, horizon 1d, 48 points scored/);
    expect(out).toMatch(/overall\s+mse\s+rmse\s+mae\s+mape\s+mdape\s+smape\s+coverage\s+outside band/);
    expect(out).toMatch(/by horizon \(rolling window of 4 rows; 4 of \d+ horizons shown\)/);
    expect(out).toMatch(/\n1d\s+[\d.]+/);
  });

  it('on a series longer than two months, cv and tune run on the most recent history by default', () => {
    const io = fakeIO({ 'in.csv': hourlyCsv(90).text });
    // Defaults: horizon 1d, initial 3d, period 12h: 172 cutoffs, fewer than the 200 fits allowed.
    expect(run(['cv', '--input', 'in.csv'], io)).toBe(EXIT_OK);
    expect(io.out.join('')).toMatch(/in\.csv: 172 cutoffs, horizon 1d/);
    expect(run(['cv', '--input', 'in.csv', '--max-fits', '5'], io)).toBe(EXIT_OK);
    expect(io.out.join('')).toMatch(
      /5 cutoffs[^]*note: used the most recent 5 of 172 cutoffs \(--max-fits to use more\)/
    );
    // The default grid's 16 combinations share the 200 fits: the most recent 12 cutoffs each.
    expect(run(['tune', '--input', 'in.csv'], io)).toBe(EXIT_OK);
    expect(io.out.join('')).toMatch(/16 combinations × 12 cutoffs = 192 fits[^]*most recent 12 of 172 cutoffs/);
  });

  it('cv names the problem when the series is too short', () => {
    const io = fakeIO({ 'in.csv': text });
    expect(run(['cv', '--input', 'in.csv', '--horizon', '7d'], io)).toBe(EXIT_USER_ERROR);
    expect(io.err.join('')).toMatch(/^error: in\.csv: not enough data for cross-validation: need a span of at least/);
  });

  it('tune ranks a grid and writes the best parameters', () => {
    const io = fakeIO({ 'in.csv': text, 'grid.json': '{"changepoint_prior_scale": [0.01, 0.5]}' });
    const argv = ['tune', '--input', 'in.csv', '--horizon', '1d', '--initial', '5d', '--grid', 'grid.json'];
    expect(run([...argv, '--best-output', 'best.json'], io)).toBe(EXIT_OK);
    const out = io.out.join('');
    expect(out).toMatch(/tuned in\.csv: 2 combinations × \d+ cutoffs = \d+ fits/);
    expect(out).toMatch(/rank\s+changepoint_prior_scale\s+rmse/);
    const best = JSON.parse(io.files.get('best.json') ?? '{}');
    expect([0.01, 0.5]).toContain(best.changepoint_prior_scale);
  });

  it.each([
    [['--metric', 'r2'], /^error: tune: --metric "r2" is not one of rmse, /],
    [['--grid', 'grid.json', '--extended'], /^error: tune: give either --grid or --extended, not both\n$/],
    [['--horizon', 'soon'], /^error: --horizon "soon" is not a duration like 14d/],
  ])('tune rejects %j', (extra, message) => {
    const io = fakeIO({ 'in.csv': text, 'grid.json': '{"n_changepoints": [5]}' });
    expect(run(['tune', '--input', 'in.csv', ...extra], io)).toBe(EXIT_USER_ERROR);
    expect(io.err.join('')).toMatch(message);
  });

  it('tune refuses a grid nested thousands deep in one line: naming its combination overflowed the stack', () => {
    const deep = '['.repeat(20_000) + ']'.repeat(20_000);
    const io = fakeIO({ 'in.csv': text, 'grid.json': `{"n_changepoints": [${deep}]}` });
    expect(run(['tune', '--input', 'in.csv', '--grid', 'grid.json'], io)).toBe(EXIT_USER_ERROR);
    expect(io.err.join('')).toBe('error: grid.json: the values nest deeper than 32 levels\n');
  });
});

describe('model choice', () => {
  const { text } = hourlyCsv(8);
  /** Every registered family's candidates (each family times its selection grid). */
  const CANDIDATES = selectionCandidates({}, AUTO_FAMILIES).length;
  /** `tune --families all` ranks the ensemble too. */
  const ALL = selectionCandidates({}, FAMILY_NAMES).length;

  it('detect --model auto says which model it chose, of how many, by which objective', () => {
    const io = fakeIO({ 'in.csv': text });
    expect(run(['detect', '--input', 'in.csv', '--output', 'o.csv', '--model', 'auto'], io)).toBe(EXIT_OK);
    expect(io.out.join('')).toMatch(
      new RegExp(
        `auto: chose (\\w+)( \\{[^}]*\\})? of ${CANDIDATES} candidates \\(${3 * CANDIDATES} fits on 3 cutoffs\\), ` +
          'objective violations \\(score [\\d.]+\\)(, serving inside the ensemble)?\n'
      )
    );
    // A winning decomposition serves inside the ensemble, and the line says so; another family serves alone.
    const chose = /auto: chose (\w+).*?(, serving inside the ensemble)?\n/.exec(io.out.join(''))!;
    expect(chose[2] !== undefined).toBe(chose[1] === 'decomposition');
    expect(rowsOf(io, 'o.csv')).toHaveLength(8 * 24 + 1);
    const magnitude = fakeIO({ 'in.csv': text });
    const argv = ['detect', '--input', 'in.csv', '--output', 'o.csv', '--model', 'auto', '--objective', 'magnitude'];
    expect(run(argv, magnitude)).toBe(EXIT_OK);
    expect(magnitude.out.join('')).toMatch(/objective magnitude/);
    // A named family selects nothing.
    const named = fakeIO({ 'in.csv': text });
    expect(run(['detect', '--input', 'in.csv', '--output', 'o.csv', '--model', 'decomposition'], named)).toBe(EXIT_OK);
    expect(named.out.join('')).not.toContain('auto:');
  });

  it('detect --online --model auto counts its selections and swaps', () => {
    const io = fakeIO({ 'in.csv': text });
    const argv = [
      'detect',
      '--input',
      'in.csv',
      '--output',
      'o.csv',
      '--online',
      '--model',
      'auto',
      '--refit-every',
      '24',
    ];
    expect(run(argv, io)).toBe(EXIT_OK);
    // 8 days, judged from day 2 in blocks of a day: 6 fits, a selection before each.
    expect(io.out.join('')).toMatch(/online: 6 fits[^]*auto: 6 selections, \d+ swaps/);
    // auto from the config takes the options that only auto reads.
    const fromConfig = fakeIO({ 'in.csv': text, 'auto.json': '{"model": "auto"}' });
    const configured = [...argv.filter((a) => a !== '--model' && a !== 'auto'), '--config', 'auto.json'];
    expect(run([...configured, '--swap-margin', '0.1', '--objective', 'magnitude'], fromConfig)).toBe(EXIT_OK);
    expect(fromConfig.out.join('')).toMatch(/auto: 6 selections/);
  });

  it.each([
    [['--model', 'prophet'], /^error: detect: --model "prophet" is not one of auto, decomposition/],
    [['--objective', 'fewest'], /^error: detect: --objective "fewest" is not violations, magnitude or weighted:W/],
    [['--swap-margin', '0.1'], /^error: detect: --swap-margin applies only with --online\n$/],
    [['--online', '--model', 'auto', '--swap-margin', '2'], /^error: in\.csv: the swap margin must be in \[0, 1\)/],
    // Only auto reads these: any other model, the default ensemble included, would run as if they were absent.
    [
      ['--objective', 'magnitude'],
      /^error: detect: --objective applies only with --model auto \(the model here is ensemble, the default\)\n$/,
    ],
    [
      ['--online', '--swap-margin', '0.1'],
      /^error: detect: --swap-margin applies only with --model auto \(the model here is ensemble, the default\)\n$/,
    ],
    [
      ['--online', '--model', 'decomposition', '--select-every-days', '2'],
      /^error: detect: --select-every-days applies only with --model auto \(the model here is decomposition, from --model\)\n$/,
    ],
    [
      ['--config', 'past.json', '--objective', 'magnitude'],
      /^error: detect: --objective applies only with --model auto \(the model here is past, from past\.json\)\n$/,
    ],
    [
      ['--config', 'auto.json', '--model', 'past', '--online', '--swap-margin', '0.1'],
      /^error: detect: --swap-margin applies only with --model auto \(the model here is past, from --model\)\n$/,
    ],
  ])('detect rejects %j', (extra, message) => {
    const io = fakeIO({ 'in.csv': text, 'past.json': '{"model": "past"}', 'auto.json': '{"model": "auto"}' });
    expect(run(['detect', '--input', 'in.csv', '--output', 'o.csv', ...extra], io)).toBe(EXIT_USER_ERROR);
    expect(io.err.join('')).toMatch(message);
  });

  it('tune --families ranks each family and its variants and writes the winner as a config', () => {
    const io = fakeIO({ 'in.csv': text });
    const argv = ['tune', '--input', 'in.csv', '--families', 'all', '--objective', 'weighted:0.5'];
    expect(run([...argv, '--best-output', 'best.json'], io)).toBe(EXIT_OK);
    const out = io.out.join('');
    expect(out).toMatch(
      new RegExp(
        `ranked in\\.csv: ${ALL} candidates × 3 cutoffs = ${3 * ALL} fits in [\\d.]+ s, objective weighted:0\\.5`
      )
    );
    expect(out).toMatch(/model\s+objective\s+outside band\s+distance\s+mae\s+rmse\s+coverage\n1\. \w+/);
    expect(out.match(/\n\d+\. decomposition \{changepoint_prior_scale/g)).toHaveLength(6);
    const bestLine = /\nbest: (\w+)/.exec(out);
    const best = JSON.parse(io.files.get('best.json') ?? '{}');
    // The config serves the winner as auto would: a winning decomposition inside the ensemble.
    expect(best.model).toBe(bestLine?.[1] === 'decomposition' ? 'ensemble' : bestLine?.[1]);
    expect(FAMILY_NAMES).toContain(best.model);
    // The budget bounds the fits: 6 candidates share 12.
    const small = fakeIO({ 'in.csv': text });
    expect(run(['tune', '--input', 'in.csv', '--families', 'decomposition', '--max-fits', '12'], small)).toBe(EXIT_OK);
    expect(small.out.join('')).toMatch(/6 candidates × 2 cutoffs = 12 fits/);
  });

  it('tune --families on monthly points says why it cannot rank them', () => {
    // Four years of monthly points: a long history, but one point in the 28 days selection ranks on.
    const monthly = [
      'ds,y',
      ...Array.from({ length: 48 }, (_, i) => `${new Date(Date.UTC(2020, i, 1)).toISOString()},${100 + i}`),
    ];
    const io = fakeIO({ 'in.csv': monthly.join('\n') + '\n' });
    expect(run(['tune', '--input', 'in.csv', '--families', 'all'], io)).toBe(EXIT_USER_ERROR);
    expect(io.err.join('')).toMatch(
      /^error: in\.csv: no ranking: 1 usable point in the last 28 days, selection needs 24 \(families are ranked on the last 28 days only; tune without --families cross-validates one family over the whole history\)\n$/
    );
  });

  it.each([
    [['--families', 'prophet'], /^error: tune: --families: "prophet" is not one of all, decomposition/],
    [
      ['--families', 'all', '--metric', 'rmse'],
      /^error: tune: --families ranks by --objective over each family's own grid; drop --metric\n$/,
    ],
    [['--objective', 'magnitude'], /^error: tune: --objective ranks families; give --families too\n$/],
    [['--families', 'all', '--max-fits', '5'], /^error: in\.csv: selection has \d+ candidates, more than maxFits = 5/],
  ])('tune rejects %j', (extra, message) => {
    const io = fakeIO({ 'in.csv': text });
    expect(run(['tune', '--input', 'in.csv', ...extra], io)).toBe(EXIT_USER_ERROR);
    expect(io.err.join('')).toMatch(message);
  });
});

describe('labels', () => {
  // Eight days, hourly, a +60 spike at hour 150 (day 7, 06:00): labelled an incident.
  const { text, stamps } = hourlyCsv(8, 150);
  const labels = `start,end,kind\n${stamps[149]},${stamps[151]},incident\n${stamps[100]},${stamps[101]},false-alarm\n`;

  it('detect --labels leaves the incident out of training and still judges it', () => {
    const io = fakeIO({ 'in.csv': text, 'labels.csv': labels });
    expect(run(['detect', '--input', 'in.csv', '--output', 'o.csv', '--labels', 'labels.csv'], io)).toBe(EXIT_OK);
    expect(rowsOf(io, 'o.csv')[151][5]).toBe('1');
  });

  it('cv and tune print precision and recall against the labels', () => {
    const io = fakeIO({ 'in.csv': text, 'labels.csv': labels, 'grid.json': '{"changepoint_prior_scale": [0.05]}' });
    const windows = ['--horizon', '1d', '--initial', '5d', '--period', '1d'];
    expect(run(['cv', '--input', 'in.csv', ...windows, '--labels', 'labels.csv'], io)).toBe(EXIT_OK);
    expect(io.out.join('')).toMatch(
      /labels: precision [\d.]+ \(1 of \d+ alarms in incidents\), recall 1 \(1 of 1 held-out incidents found\)/
    );
    expect(run(['tune', '--input', 'in.csv', ...windows, '--grid', 'grid.json', '--labels', 'labels.csv'], io)).toBe(
      EXIT_OK
    );
    expect(io.out.join('')).toMatch(/outside band\s+precision\s+recall\n/);
    expect(run(['tune', '--input', 'in.csv', '--families', 'past', '--labels', 'labels.csv'], io)).toBe(EXIT_OK);
    expect(io.out.join('')).toMatch(/coverage\s+label score\s+precision\s+recall\n/);
  });

  it('warns, once per run and on stderr, about labels outside the data', () => {
    const far = 'start,end,kind\n2030-06-03T00:00:00Z,2030-06-04T00:00:00Z,incident\n';
    const warning =
      'warning: far.csv: 1 of 1 labels lie outside the data (2024-05-06 00:00 UTC to 2024-05-13 23:00 UTC) and change nothing\n';
    const io = fakeIO({ 'in.csv': text, 'far.csv': far });
    expect(run(['detect', '--input', 'in.csv', '--output', '-', '--labels', 'far.csv'], io)).toBe(EXIT_OK);
    expect(io.err.filter((line) => line.startsWith('warning:'))).toEqual([warning]);
    expect(io.out.join('')).toMatch(/^timestamp,value,/);
    const quiet = fakeIO({ 'in.csv': text, 'labels.csv': labels });
    expect(run(['detect', '--input', 'in.csv', '--output', 'o.csv', '--labels', 'labels.csv'], quiet)).toBe(EXIT_OK);
    expect(quiet.err.join('')).not.toContain('warning:');
    const families = fakeIO({ 'in.csv': text, 'far.csv': far });
    expect(run(['tune', '--input', 'in.csv', '--families', 'past', '--labels', 'far.csv'], families)).toBe(EXIT_OK);
    expect(families.err.join('')).toContain(warning);
  });

  it('names the row of a bad labels file', () => {
    const io = fakeIO({ 'in.csv': text, 'labels.csv': `start,end,kind\n${stamps[3]},${stamps[2]},incident\n` });
    expect(run(['cv', '--input', 'in.csv', '--labels', 'labels.csv'], io)).toBe(EXIT_USER_ERROR);
    expect(io.err.join('')).toBe('error: labels.csv row 2: end is before start\n');
  });
});

describe('demo', () => {
  it('writes the CSV and SVG and reports every injected incident as detected, offline and streaming', () => {
    const io = fakeIO();
    expect(run(['demo', '--output-dir', 'd/'], io)).toBe(EXIT_OK);
    const out = io.out.join('');
    expect(out).toContain('16,128 points from 2025-08-25 00:00 UTC to 2025-10-19 23:55 UTC');
    expect(out).toContain('80% band drawn, outliers outside the 99.5% band');
    expect(out.match(/injected incidents detected: 3 of 3/g)).toHaveLength(2);
    expect(out).toMatch(
      /streaming: each point judged by a model of the 28 days before it \(\d+ fits, 15,551 points judged/
    );
    expect(out).toContain('Chuseok');
    expect(out).toContain('wrote d/demo.csv and d/demo.svg');
    const rows = rowsOf(io, 'd/demo.csv');
    expect(rows[0]).toEqual(['timestamp', 'value', 'yhat', 'yhat_lower', 'yhat_upper', 'outlier', 'score']);
    expect(rows[1][0]).toBe('2025-08-25T00:00:00Z');
    expect(rows.length - 1).toBe(16128);
    const svg = io.files.get('d/demo.svg') ?? '';
    expect(svg).toContain('injected incident');
    expect(svg).toContain('80% band, outliers at 99.5%, KR holidays</text>');
    expect(svg).toMatch(/>Chuseok \/ Hangeul Day<\/text>/);
    for (const kind of ['spike', 'outage', 'degradation']) {
      expect(svg).toContain(`>${kind}</text>`);
    }
  });

  it('draws a window of the demo on request', () => {
    const io = fakeIO();
    expect(run(['demo', '--output-dir', 'w', '--from', '2025-10-01', '--to', '2025-10-08'], io)).toBe(EXIT_OK);
    const svg = io.files.get('w/demo.svg') ?? '';
    expect(svg).toContain('2,017 of 16,128 points, 2025-10-01 00:00 to 2025-10-08 00:00 UTC');
    expect(svg).not.toContain('>spike</text>');
  });
});

describe('progress on a terminal', () => {
  const { text } = hourlyCsv(8);
  const windows = ['--horizon', '1d', '--initial', '5d', '--period', '1d'];
  const grid = '{"changepoint_prior_scale": [0.01, 0.5]}';
  const runs: Array<[string, string[], RegExp]> = [
    ['detect --online', ['detect', '--online', '--input', 'in.csv', '--output', 'out.csv'], /of 192 rows \(\d+%\)/],
    ['cv', ['cv', '--input', 'in.csv', ...windows], /^\rcv: 1 of 2 fits \(50%\), [\d.]+ fits\/s, about 1 s left/],
    ['tune', ['tune', '--input', 'in.csv', ...windows, '--grid', 'grid.json'], /^\rtune: 1 of 4 fits \(25%\)/],
    [
      'tune --families',
      ['tune', '--input', 'in.csv', '--families', 'past', '--max-fits', '2'],
      /^\rtune --families: 1 of 2 fits/,
    ],
  ];

  it.each(runs)('%s draws progress lines on stderr and erases them before its messages', (_, argv, first) => {
    // Every clock reading is 300 ms on: every callback draws, whatever the machine's speed.
    const io = fakeIO({ 'in.csv': text, 'grid.json': grid }, undefined, { tickMs: 300 });
    expect(run(argv, io)).toBe(EXIT_OK);
    expect(io.err.length).toBeGreaterThan(1);
    expect(io.err[0]).toMatch(first);
    expect(
      io.err.slice(0, -1).every((line) => /^\r.+: [\d,]+ of [\d,]+ (rows|fits) \(\d+%\).*\x1b\[K$/.test(line))
    ).toBe(true);
    expect(io.err.join('')).toMatch(/(rows|fits)\/s, about \d+ s left/);
    expect(io.err[io.err.length - 1]).toBe('\r\x1b[K');
  });

  it.each(runs)('%s stays quiet when stderr is not a terminal, and with --quiet', (_, argv) => {
    const piped = fakeIO({ 'in.csv': text, 'grid.json': grid });
    expect(run(argv, piped)).toBe(EXIT_OK);
    expect(piped.err).toEqual([]);
    const quiet = fakeIO({ 'in.csv': text, 'grid.json': grid }, undefined, { tickMs: 300 });
    expect(run([...argv, '--quiet'], quiet)).toBe(EXIT_OK);
    expect(quiet.err).toEqual([]);
  });
});

describe('cv and tune for scripts and for the eye', () => {
  const { text } = hourlyCsv(8);
  const windows = ['--horizon', '1d', '--initial', '5d', '--period', '1d'];
  const files = () => ({ 'in.csv': text, 'grid.json': '{"changepoint_prior_scale": [0.01, 0.5]}' });

  it('cv --format json prints one document with every horizon, and nothing else on stdout', () => {
    const io = fakeIO(files());
    expect(run(['cv', '--input', 'in.csv', ...windows, '--format', 'json'], io)).toBe(EXIT_OK);
    const report = JSON.parse(io.out.join(''));
    expect(Object.keys(report)).toEqual([
      'command',
      'format_version',
      'input',
      'horizon_ms',
      'cutoffs',
      'cutoffs_available',
      'overall',
      'rolling_window_points',
      'by_horizon',
      'label_metrics',
    ]);
    expect(report).toMatchObject({ command: 'cv', format_version: 1, input: 'in.csv', horizon_ms: 86_400_000 });
    expect(report.cutoffs).toEqual(['2024-05-11T23:00:00.000Z', '2024-05-12T23:00:00.000Z']);
    expect(report.overall.points).toBe(48);
    // Prophet's rolling window (10% of rows) leaves out the shortest horizon.
    expect(report.by_horizon).toHaveLength(23);
    expect(report.by_horizon[22]).toMatchObject({ horizon_ms: 86_400_000, coverage: expect.any(Number) });
    for (const row of report.by_horizon) {
      expect(Object.keys(row)).toEqual(['horizon_ms', 'mse', 'rmse', 'mae', 'mape', 'mdape', 'smape', 'coverage']);
    }
    expect(report.label_metrics).toBeNull();
    // The summary line is still there for a person, on stderr.
    expect(io.err.join('')).toMatch(/^cross-validation of in\.csv: 2 cutoffs/);
  });

  it('cv --plot draws error and coverage by horizon with their labels', () => {
    const io = fakeIO(files());
    expect(run(['cv', '--input', 'in.csv', ...windows, '--plot', 'cv.svg'], io)).toBe(EXIT_OK);
    expect(io.out.join('')).toMatch(/wrote cv\.svg\n$/);
    const svg = io.files.get('cv.svg') ?? '';
    for (const role of ['mae', 'rmse', 'coverage', 'nominal']) {
      expect(svg).toMatch(new RegExp(`<path data-role="${role}" d="M[\\d.]+,[\\d.]+L`));
    }
    expect(svg.match(/data-role="point"/g)?.length).toBeGreaterThan(10);
    for (const label of [
      'in.csv: cross-validation, horizon 1d',
      '48 points from 2 cutoffs',
      'Forecast error by horizon',
      'Band coverage by horizon',
      'nominal 80%',
      'horizon (time after the cutoff)',
      '>10h<',
    ]) {
      expect(svg).toContain(label);
    }
  });

  it('tune --format json ranks every combination with its metrics and the best parameters', () => {
    const io = fakeIO(files());
    const argv = ['tune', '--input', 'in.csv', ...windows, '--grid', 'grid.json', '--format', 'json'];
    expect(run(argv, io)).toBe(EXIT_OK);
    const report = JSON.parse(io.out.join(''));
    expect(report).toMatchObject({ command: 'tune', format_version: 1, mode: 'grid', metric: 'rmse', fits: 4 });
    expect(report.ranking.map((r: { rank: number }) => r.rank)).toEqual([1, 2]);
    const [first, second] = report.ranking;
    expect(first.metrics.rmse).toBeLessThanOrEqual(second.metrics.rmse);
    expect(Object.keys(first.metrics)).toEqual([
      'points',
      'mse',
      'rmse',
      'mae',
      'mape',
      'mdape',
      'smape',
      'coverage',
      'outside_band',
    ]);
    expect(report.best.combination).toEqual(first.combination);
    expect(report.best.params.changepoint_prior_scale).toBe(first.combination.changepoint_prior_scale);
  });

  it('tune shows the number it ranked by in its table, whatever --metric says', () => {
    // The table's fixed columns left out mse, mape, mdape and the distance in band widths: a ranking by them
    // showed no number it was ranked by.
    for (const [metric, column] of [
      ['mse', 'mse'],
      ['mape', 'mape'],
      ['mdape', 'mdape'],
      ['violationMagnitude', 'distance'],
    ]) {
      const io = fakeIO(files());
      expect(run(['tune', '--input', 'in.csv', ...windows, '--grid', 'grid.json', '--metric', metric], io)).toBe(
        EXIT_OK
      );
      const header = io.out
        .join('')
        .split('\n')
        .find((line) => line.startsWith('rank'));
      expect(header?.split(/\s{2,}/)).toContain(column);
    }
  });

  it('tune --plot draws one dot per combination, best first, named by its parameters', () => {
    const io = fakeIO(files());
    expect(run(['tune', '--input', 'in.csv', ...windows, '--grid', 'grid.json', '--plot', 'rank.svg'], io)).toBe(
      EXIT_OK
    );
    const svg = io.files.get('rank.svg') ?? '';
    expect(svg.match(/data-role="candidate"/g)).toHaveLength(2);
    expect(svg).toContain('in.csv: tuning, 2 combinations ranked by rmse');
    expect(svg).toContain('rmse (lower is better)');
    const best = JSON.parse(
      (() => {
        const json = fakeIO(files());
        run(['tune', '--input', 'in.csv', ...windows, '--grid', 'grid.json', '--format', 'json'], json);
        return json.out.join('');
      })()
    ).best.combination.changepoint_prior_scale;
    expect(svg).toMatch(new RegExp(`font-weight="bold" fill="[^"]+">1\\. changepoint_prior_scale=${best}<`));
  });

  it('tune writes list and object grid values as JSON in the table and the plot', () => {
    const custom = '[{"name":"x","period_days":3,"fourier_order":2}]';
    const io = fakeIO({ 'in.csv': text, 'grid.json': `{"seasonalities": [[], ${custom}]}` });
    const argv = ['tune', '--input', 'in.csv', ...windows, '--grid', 'grid.json', '--plot', 'rank.svg'];
    expect(run(argv, io)).toBe(EXIT_OK);
    const out = io.out.join('');
    expect(out).not.toContain('[object Object]');
    expect(out).toMatch(new RegExp(`\\n\\d  +${custom.replace(/[[\]{}]/g, '\\$&')}  +[\\d.]+`));
    expect(out).toMatch(/\n\d  +\[\]  +[\d.]+/);
    const svg = io.files.get('rank.svg') ?? '';
    expect(svg).not.toContain('[object Object]');
    expect(svg).toMatch(/>\d\. s=\[\{&#34;name&#34;:&#34;x&#34;/);
  });

  it('tune --families gives its ranking as JSON and as a plot too', () => {
    const io = fakeIO(files());
    const argv = ['tune', '--input', 'in.csv', '--families', 'past,decomposition', '--max-fits', '8'];
    expect(run([...argv, '--format', 'json', '--plot', 'families.svg'], io)).toBe(EXIT_OK);
    const report = JSON.parse(io.out.join(''));
    expect(report).toMatchObject({ command: 'tune', format_version: 1, mode: 'families', objective: 'violations' });
    expect(report.ranking.length).toBeGreaterThan(2);
    expect(report.ranking[0].scores).toMatchObject({ objective: expect.any(Number), outside_band: expect.any(Number) });
    expect(report.winner.family).toMatch(/^(past|decomposition)$/);
    const svg = io.files.get('families.svg') ?? '';
    expect(svg.match(/data-role="candidate"/g)).toHaveLength(report.ranking.length);
    expect(svg).toContain(`1. ${report.ranking[0].family}`);
    expect(svg).toContain('objective violations (lower is better)');
  });

  it.each([
    [['--format', 'yaml'], /^error: cv: --format "yaml" is not text or json\n$/],
    [['--format', 'json', '--plot', '-'], /--format json and --plot cannot both write to standard output/],
    [['--plot', 'in.csv'], /--plot in\.csv is the same file as --input in\.csv/],
  ])('cv refuses %j', (extra, message) => {
    const io = fakeIO(files());
    expect(run(['cv', '--input', 'in.csv', ...windows, ...extra], io)).toBe(EXIT_USER_ERROR);
    expect(io.err.join('')).toMatch(message);
  });
});
