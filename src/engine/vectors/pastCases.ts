/** Shared-vector cases of the `past` family's kernel (see kernelCases.ts). */
import { seededRandom } from '../../demo/random';
import type { SlotSpec } from '../../model/types';
import type { KernelCase } from './kernelCases';

const DAY = 86_400_000;
const STEP = 300_000;
const START = Date.UTC(2025, 8, 29);
/** Output arrays start filled with this, so a kernel that skips an entry shows. */
const FILL = -999.5;

/** Sorted times about STEP apart with jitter, ~3% duplicates and ~5% gaps. */
function jitteredTimes(length: number, seed: number): Float64Array {
  const random = seededRandom(seed);
  const out = new Float64Array(length);
  let t = START;
  for (let i = 0; i < length; i++) {
    const u = random.uniform();
    if (i > 0 && u >= 0.03) {
      t += u < 0.08 ? STEP * (2 + Math.floor(10 * random.uniform())) : STEP + Math.round((u - 0.5) * 0.2 * STEP);
    }
    out[i] = t;
  }
  return out;
}

function outputs(n: number): { summary: Float64Array; used: Float64Array } {
  return { summary: new Float64Array(n).fill(FILL), used: new Float64Array(n).fill(FILL) };
}

function spec(period: number, count: number, end: number, extra: Partial<SlotSpec> = {}): SlotSpec {
  return { period_ms: period, tolerance_ms: STEP / 2, count, max_lags: 2 * count, end_ms: end, shift: 0, ...extra };
}

export function slotSummariesCases(): Array<KernelCase<'slotSummaries'>> {
  // Three days of 5-minute points with a daily shape; every 7th unusable.
  const n = 3 * 288;
  const random = seededRandom(131);
  const times = Float64Array.from({ length: n }, (_, i) => START + i * STEP);
  const values = Float64Array.from(
    times,
    (t) => 100 + 10 * Math.sin((2 * Math.PI * (t % DAY)) / DAY) + random.normal()
  );
  const usable = Float64Array.from({ length: n }, (_, i) => (i % 7 === 3 ? 0 : 1));
  const end = times[n - 1];
  const history = Float64Array.from({ length: 301 }, (_, i) => times[3 * i] + 40_000);
  const future = Float64Array.from({ length: 50 }, (_, i) => end + (i + 1) * 7 * STEP);
  const fallback = Float64Array.from(history, (_, i) => -i);
  // Irregular series: jitter, duplicates and gaps, over the 1,024-row check.
  const irregular = jitteredTimes(3001, 132);
  const irregularValues = Float64Array.from(irregular, (_, i) => (i % 11) + 0.5 * Math.cos(i));
  const irregularEnd = irregular[irregular.length - 1];
  const queries = Float64Array.from({ length: 3001 }, (_, i) => irregular[i] + (i % 5) * 20_000);
  const odd = Float64Array.of(START - DAY, START + 0.5, end + 1e300, NaN, end + 10 * DAY);
  return [
    { name: 'no queries', args: [new Float64Array(0), times, values, usable, null, spec(DAY, 4, end), outputs(0)] },
    {
      name: 'history, every 7th unusable, with a fallback',
      args: [history, times, values, usable, fallback, spec(DAY, 4, end), outputs(history.length)],
    },
    {
      name: 'three slots (odd count), all usable',
      args: [history, times, values, null, null, spec(DAY, 3, end), outputs(301)],
    },
    {
      name: 'future: the last periods there are, shifted',
      args: [future, times, values, usable, null, spec(DAY, 2, end, { shift: 2.5 }), outputs(future.length)],
    },
    {
      name: 'forward (negative period), no fallback',
      args: [history, times, values, usable, null, spec(-DAY, 4, end), outputs(history.length)],
    },
    {
      name: 'irregular times with duplicates and gaps, hourly period',
      args: [
        queries,
        irregular,
        irregularValues,
        null,
        null,
        spec(3_600_000, 5, irregularEnd, { tolerance_ms: 100_000, shift: -1 }),
        outputs(queries.length),
      ],
    },
    {
      name: 'before the history, far past it, NaN, no slot within reach',
      args: [odd, times, values, usable, Float64Array.of(1, 2, 3, 4, 5), spec(DAY, 4, end), outputs(odd.length)],
    },
    {
      name: 'no history',
      args: [
        history.subarray(0, 5),
        new Float64Array(0),
        new Float64Array(0),
        null,
        null,
        spec(DAY, 4, end),
        outputs(5),
      ],
    },
  ];
}
