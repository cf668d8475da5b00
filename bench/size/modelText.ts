/**
 * How long a fitted model's text is: the past model, the decomposition and their ensemble fitted on 28 days of
 * 5-minute points of the speed benchmark's series (noisy floats), and the past model on the last 28 days (at
 * most 8,064 rows) of every NAB file. The backend's fit cache holds these texts, so their length bounds how many
 * series it keeps.
 *
 *   npx tsx bench/size/modelText.ts [--nab ../shared/data/nab]
 */
import * as fs from 'fs';
import * as path from 'path';
import { fitModel, serializeModelParts } from '../../src/model/families/registry';
import type { ModelParams } from '../../src/model/types';
import { DEFAULT_NAB_DIR, parseSeriesCsv } from '../nab/corpus';
import { generateSeries } from '../speed/synthetic-series';

const POINTS = 8064;

/** Lengths of the model's text and of the statistics only an update reads, which the backend keeps apart. */
function textLengths(
  timestamps: Float64Array,
  values: Float64Array,
  params: Partial<ModelParams>
): { model: number; state: number } {
  const parts = serializeModelParts(fitModel(timestamps, values, params));
  return { model: parts.model.length, state: parts.state.length };
}

function kb(chars: number): string {
  return `${(chars / 1000).toFixed(1)} KB`;
}

function main(): void {
  const at = process.argv.indexOf('--nab');
  const nabDir = at > 0 ? process.argv[at + 1] : DEFAULT_NAB_DIR;
  const s = generateSeries(POINTS);
  console.log('28 days of 5-minute noisy floats (model text, and update statistics kept apart):');
  for (const params of [
    { model: 'past' },
    { model: 'decomposition' },
    { model: 'ensemble', ensemble_members: ['decomposition', 'past'] },
  ] as Array<Partial<ModelParams>>) {
    const { model, state } = textLengths(s.timestamps, s.values, params);
    const name = params.ensemble_members ? `ensemble of ${params.ensemble_members.join(' + ')}` : params.model;
    console.log(`  ${name}: ${kb(model)} + ${kb(state)}`);
  }

  const rows: string[] = [];
  let total = 0;
  const dataDir = path.join(nabDir, 'data');
  for (const category of fs.readdirSync(dataDir).sort()) {
    const dir = path.join(dataDir, category);
    if (!fs.statSync(dir).isDirectory()) {
      continue;
    }
    for (const file of fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.csv'))
      .sort()) {
      const parsed = parseSeriesCsv(fs.readFileSync(path.join(dir, file), 'utf8'), file);
      const from = Math.max(0, parsed.timestamps.length - POINTS);
      try {
        const n = textLengths(parsed.timestamps.subarray(from), parsed.values.subarray(from), { model: 'past' }).model;
        total += n;
        rows.push(`${category}/${file}\t${parsed.timestamps.length - from}\t${n}`);
      } catch (error) {
        rows.push(`${category}/${file}\t${parsed.timestamps.length - from}\tnot fitted: ${(error as Error).message}`);
      }
    }
  }
  console.log(`NAB, past model on each file's last ${POINTS} rows: ${rows.length} files, ${kb(total)} in all`);
  console.log('file\trows\tchars');
  console.log(rows.join('\n'));
}

main();
