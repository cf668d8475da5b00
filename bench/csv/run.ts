/**
 * The CLI's CSV reader (src/cli/csv.ts) against papaparse and csv-parse: parse time on a generated
 * file and the errors each gives for broken input. Writes bench/results/csv.md.
 *
 *   npx tsx bench/csv/run.ts [--rows 1000000] [--runs 5] [--csv-parse DIR] [--out FILE]
 *
 * papaparse is in the root node_modules already (a dependency of @grafana/data). csv-parse is not a
 * dependency: install it anywhere (`npm i --prefix /tmp/csvp --no-save csv-parse`) and pass that folder
 * with --csv-parse, or its column is left out.
 */
import { parseArgs } from 'node:util';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCsv } from '../../src/cli/csv';
import { summarize } from '../lib/summary';

/** What a parser gives: the fields of each record and, where it can tell, the line the record starts on. */
interface Parsed {
  records: string[][];
  rows?: number[];
}

type Parser = (text: string) => Parsed;

interface PapaResult {
  data: string[][];
  errors: Array<{ code: string; message: string; row?: number }>;
}

interface CsvParseRecord {
  record: string[];
  info: { lines: number };
}

const STEP_MS = 5 * 60_000;
const START_MS = Date.UTC(2024, 0, 1);

/** The command's options; a misspelt one is an error rather than a silent default. */
function option(argv: string[], name: 'rows' | 'runs' | 'out' | 'csv-parse'): string | undefined {
  const text = { type: 'string' } as const;
  const { values } = parseArgs({ args: argv, options: { rows: text, runs: text, out: text, 'csv-parse': text } });
  return values[name];
}

/** `ds,y` rows of 5-minute ISO times and values; every 1000th value quoted, as spreadsheets sometimes write. */
function generate(rows: number): string {
  const lines = ['ds,y'];
  for (let i = 0; i < rows; i++) {
    const value = (100 + 20 * Math.sin(i / 288) + ((i * 7919) % 97) / 10).toFixed(3);
    lines.push(`${new Date(START_MS + i * STEP_MS).toISOString()},${i % 1000 === 999 ? `"${value}"` : value}`);
  }
  return lines.join('\n') + '\n';
}

function parsers(csvParseDir: string | undefined): Array<[string, Parser]> {
  const requireHere = createRequire(__filename);
  const papa = requireHere('papaparse') as { parse(text: string, config: object): PapaResult };
  const list: Array<[string, Parser]> = [
    [
      'src/cli/csv.ts (current)',
      (text) => {
        const records = parseCsv(text, 'input.csv');
        return { records: records.map((r) => r.fields), rows: records.map((r) => r.row) };
      },
    ],
    [
      `papaparse ${(requireHere('papaparse/package.json') as { version: string }).version}`,
      (text) => {
        const result = papa.parse(text, { skipEmptyLines: 'greedy' });
        if (result.errors.length > 0) {
          const e = result.errors[0];
          throw new Error(`${e.code}: ${e.message} (record index ${e.row})`);
        }
        // No line numbers: a record's index is its line only while no quoted field spans lines.
        return { records: result.data };
      },
    ],
  ];
  if (csvParseDir !== undefined) {
    const requireThere = createRequire(join(csvParseDir, 'node_modules', 'csv-parse', 'package.json'));
    const { parse } = requireThere('csv-parse/sync') as { parse(text: string, options: object): CsvParseRecord[] };
    const version = (requireThere('./package.json') as { version: string }).version;
    list.push([
      `csv-parse ${version}`,
      (text) => {
        // info.lines is the line a record ends on, so it names the start only of one-line records.
        const out = parse(text, { skip_empty_lines: true, relax_column_count: true, info: true });
        return { records: out.map((r) => r.record), rows: out.map((r) => r.info.lines) };
      },
    ]);
  }
  return list;
}

/** Broken or awkward inputs and what a user should be told. */
const CASES: Array<[string, string, string]> = [
  [
    'quote never closed (row 3)',
    'ds,y\n2024-01-01T00:00:00Z,1\n2024-01-01T00:05:00Z,"2\n2024-01-01T00:10:00Z,3\n',
    'row 3',
  ],
  [
    'line break inside a quoted field (row 2), record after it',
    'ds,y,note\n2024-01-01T00:00:00Z,1,"two\nlines"\n2024-01-01T00:05:00Z,x,\n',
    'the record with "x" starts on row 4',
  ],
  ['text after a closing quote (row 2)', 'ds,y\n2024-01-01T00:00:00Z,"1"2\n', 'kept as written: 12'],
  ['stray quote inside a field (row 2)', 'ds,y\n2024-01-01T00:00:00Z,1"2\n', 'kept as written: 1"2'],
];

function describe(parser: Parser, text: string): string {
  try {
    const { records, rows } = parser(text);
    const last = records.length - 1;
    const where = rows ? `row ${rows[last]}` : 'no row';
    return `ok: last record ${JSON.stringify(records[last])}, ${where}`;
  } catch (error) {
    return `error: ${(error as Error).message.replace(/\s+/g, ' ')}`;
  }
}

function main(argv: string[]): void {
  const rows = Number(option(argv, 'rows') ?? 1_000_000);
  const runs = Number(option(argv, 'runs') ?? 5);
  const out = option(argv, 'out') ?? join(__dirname, '..', 'results', 'csv.md');
  const csvParseDir = option(argv, 'csv-parse');
  if (csvParseDir !== undefined && !existsSync(join(csvParseDir, 'node_modules', 'csv-parse'))) {
    throw new Error(`--csv-parse ${csvParseDir}: no node_modules/csv-parse there`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'foresight-csv-'));
  const file = join(dir, 'series.csv');
  writeFileSync(file, generate(rows));
  const text = readFileSync(file, 'utf8');
  rmSync(dir, { recursive: true });
  const list = parsers(csvParseDir);
  const expected = JSON.stringify(list[0][1](text).records);
  const timings = list.map(([name, parse]) => {
    if (JSON.stringify(parse(text).records) !== expected) {
      throw new Error(`${name} read the generated file differently from the current reader`);
    }
    const samples: number[] = [];
    for (let r = 0; r < runs; r++) {
      const start = performance.now();
      parse(text);
      samples.push(performance.now() - start);
    }
    return { name, ...summarize(samples) };
  });
  const report = [
    '# CSV input: the CLI reader against npm parsers',
    '',
    `Parse of one generated file held in memory (${rows.toLocaleString('en-US')} rows of \`ds,y\`, ` +
      `${(text.length / 2 ** 20).toFixed(1)} MiB; every 1000th value quoted), ${runs} runs each after one untimed ` +
      'run that also checks every parser reads the same records. `npx tsx bench/csv/run.ts`.',
    '',
    '| parser | median ms | min ms | max ms |',
    '|---|---|---|---|',
    ...timings.map((t) => `| ${t.name} | ${t.median.toFixed(0)} | ${t.min.toFixed(0)} | ${t.max.toFixed(0)} |`),
    '',
    'What each parser gives on broken or awkward input (the row of the last record, where the parser can tell):',
    '',
    `| input | what a user needs | ${list.map(([name]) => name).join(' | ')} |`,
    `|---|---|${list.map(() => '---').join('|')}|`,
    ...CASES.map(
      ([name, input, needed]) =>
        `| ${name} | ${needed} | ${list.map(([, parse]) => describe(parse, input).replace(/\|/g, '\\|')).join(' | ')} |`
    ),
    '',
    `Machine: ${cpus()[0]?.model ?? 'unknown'}, ${cpus().length} cores, Node ${process.versions.node}; ` +
      `load average ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}; ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
    '',
  ].join('\n');
  writeFileSync(out, report);
  process.stdout.write(report);
}

try {
  main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 1;
}
