/**
 * Shared test vectors (testdata/fixtures/): the TypeScript kernels and the whole model must reproduce
 * them here, and pkg/engine's Go kernels and engine must reproduce the same files in `go test`.
 *
 * Regenerate after a deliberate change to the kernels or the model:
 *   npm run fixtures:update   (FORESIGHT_UPDATE_FIXTURES=1 npx jest src/engine/kernels.vectors.test.ts)
 *
 * Every kernel file has one format (vectors/codec.ts) and one replay here and in Go, so a kernel's vectors
 * are its cases in vectors/kernelCases.ts and nothing else. The whole-model file keeps its own shape (the
 * engine benchmark reads it too): JSON has no NaN, so NaN is null there.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { generateDemoSeries } from '../demo/messagingMetric';
import { detectBatch, typescriptKernels } from '../model';
import type { Kernels, ModelParams } from '../model';
import { mismatch, recordCase, replayCase, VectorWriter, type KernelVectors } from './vectors/codec';
import { KERNEL_CASES } from './vectors/kernelCases';

const FIXTURES = join(__dirname, '../../testdata/fixtures');
const UPDATE = process.env.FORESIGHT_UPDATE_FIXTURES === '1';
const KERNEL_TOLERANCE = 1e-9;
/** Kernels whose Go side must give the very numbers TypeScript does (a trained network's weights, the day-kind
 * rule's difference and bar, which decide a split): no tolerance. */
const EXACT_KERNELS: ReadonlySet<string> = new Set(['trainNetwork', 'networkOutputs', 'dayKindDifference']);
const MODEL_TOLERANCE = 1e-6;
const KERNELS = Object.keys(KERNEL_CASES) as Array<keyof Kernels>;

type AnyKernel = (...args: never[]) => unknown;

function fixturePath(...parts: string[]): string {
  return join(FIXTURES, ...parts);
}

function readFixture<T>(...parts: string[]): T {
  return JSON.parse(readFileSync(fixturePath(...parts), 'utf8')) as T;
}

function writeFixture(value: unknown, ...parts: string[]): void {
  const path = fixturePath(...parts);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, JSON.stringify(value) + '\n');
}

/** Records every case of one kernel with the TypeScript kernels. */
function recordKernel(kernel: keyof Kernels): KernelVectors {
  const writer = new VectorWriter();
  const run = typescriptKernels[kernel] as AnyKernel;
  const cases = KERNEL_CASES[kernel]().map((c) => recordCase(writer, run, c.name, c.args));
  return { kernel, arrays: writer.arrays, cases };
}

/** Every case of a file that `kernel` does not reproduce, with what differs. */
function replayFile(vectors: KernelVectors, kernel: AnyKernel): string[] {
  return vectors.cases.flatMap((c) => {
    const m = replayCase(vectors, kernel, c, EXACT_KERNELS.has(vectors.kernel) ? 0 : KERNEL_TOLERANCE);
    return m === null ? [] : [`${c.name}: ${m}`];
  });
}

// ---- Whole-model case -------------------------------------------------------------------------------

type Numbers = Array<number | null>;

const toJson = (values: ArrayLike<number>): Numbers => Array.from(values, (v) => (Number.isNaN(v) ? null : v));
const fromJson = (values: Numbers): Float64Array => Float64Array.from(values, (v) => v ?? NaN);

const DAY = 86_400_000;

// ---- Whole-model case -------------------------------------------------------------------------------

interface ModelCase {
  description: string;
  params: Record<string, unknown>;
  timestamps: Numbers;
  values: Numbers;
  expected: {
    yhat: Numbers;
    yhat_lower: Numbers;
    yhat_upper: Numbers;
    score: Numbers;
    outlier: number[];
  };
}

/** Two weeks of 5-minute demo data over Chuseok 2025 with gaps and a spike, as the CLI's `detect` judges it. */
function modelCase(
  params: Record<string, unknown> = { country_holidays: ['KR'], holidays_tz_offset_minutes: 540, interval_width: 0.99 }
): ModelCase {
  const end = Date.UTC(2025, 9, 12);
  const series = generateDemoSeries({ start: end - 14 * DAY, end, seed: 7 });
  const values = Float64Array.from(series.values);
  for (let i = 0; i < values.length; i++) {
    if (i % 97 === 0 || (i >= 2000 && i < 2012)) {
      values[i] = NaN;
    }
  }
  values[3000] *= 3;
  const detection = detectBatch(series.timestamps, values, params);
  return {
    description:
      'Two weeks of 5-minute demo data (seed 7, Chuseok 2025) with every 97th value and one hour missing and a 3× spike at row 3000; expected = detectBatch (the CLI detect default) on TypeScript kernels.',
    params,
    timestamps: toJson(series.timestamps),
    values: toJson(values),
    expected: {
      yhat: toJson(detection.yhat),
      yhat_lower: toJson(detection.yhat_lower),
      yhat_upper: toJson(detection.yhat_upper),
      score: toJson(detection.score),
      outlier: Array.from(detection.outlier),
    },
  };
}

function expectClose(actual: ArrayLike<number>, expected: Numbers, what: string): void {
  const writer = new VectorWriter();
  const m = mismatch(
    Float64Array.from(actual),
    writer.encode(fromJson(expected)),
    writer.arrays,
    MODEL_TOLERANCE,
    what
  );
  expect(m).toBeNull();
}

// ---- Tests ------------------------------------------------------------------------------------------

const MODEL_FILE = ['model', 'detect-kr-5min.json'];
const AUTOREGRESSIVE_FILE = ['model', 'detect-ar-5min.json'];
const AUTOREGRESSIVE_PARAMS = { model: 'autoregressive', interval_width: 0.99 };
/** The same series judged by the holt_winters family (pkg/engine replays it in holtwinters_test.go). */
const HOLT_WINTERS_FILE = ['model', 'detect-holt-winters-5min.json'];

/** The same series judged by the neural family, trained for 300 steps (pkg/engine replays it in neuralkernels_test.go). */
const NEURAL_FILE = ['model', 'detect-neural-5min.json'];
const NEURAL_PARAMS = { model: 'neural' as const, neural_steps: 300 };

function familyCase(params: Partial<ModelParams> & { model: ModelParams['model'] }): ModelCase {
  const c = modelCase();
  const detection = detectBatch(fromJson(c.timestamps), fromJson(c.values), params);
  return {
    ...c,
    description: c.description.replace('expected = detectBatch', `expected = detectBatch with model ${params.model}`),
    params,
    expected: {
      yhat: toJson(detection.yhat),
      yhat_lower: toJson(detection.yhat_lower),
      yhat_upper: toJson(detection.yhat_upper),
      score: toJson(detection.score),
      outlier: Array.from(detection.outlier),
    },
  };
}

if (UPDATE) {
  beforeAll(() => {
    for (const kernel of KERNELS) {
      writeFixture(recordKernel(kernel), 'kernels', `${kernel}.json`);
    }
    writeFixture(modelCase(), ...MODEL_FILE);
    writeFixture(modelCase(AUTOREGRESSIVE_PARAMS), ...AUTOREGRESSIVE_FILE);
    writeFixture(familyCase({ model: 'holt_winters' }), ...HOLT_WINTERS_FILE);
    writeFixture(familyCase(NEURAL_PARAMS), ...NEURAL_FILE);
  });
}

describe('shared kernel vectors (testdata/fixtures/kernels)', () => {
  const files = (): Record<string, KernelVectors> =>
    Object.fromEntries(KERNELS.map((k) => [k, readFixture<KernelVectors>('kernels', `${k}.json`)]));

  it('has one file per kernel of Kernels, and no other', () => {
    const stored = readdirSync(fixturePath('kernels')).filter((f) => f.endsWith('.json'));
    expect(stored.sort()).toEqual(KERNELS.map((k) => `${k}.json`).sort());
    expect(KERNELS.sort()).toEqual(Object.keys(typescriptKernels).sort());
  });

  it.each(KERNELS)('%s reproduces every case: result, written arguments, untouched inputs', (kernel) => {
    const vectors = readFixture<KernelVectors>('kernels', `${kernel}.json`);
    expect(vectors.kernel).toBe(kernel);
    expect(vectors.cases.length).toBeGreaterThanOrEqual(3);
    expect(replayFile(vectors, typescriptKernels[kernel] as AnyKernel)).toEqual([]);
  });

  it("cover the error, NaN and null paths and constants other than the model's", () => {
    const all = files();
    const names = (k: keyof Kernels) => all[k].cases.map((c) => c.name);
    expect(all.solveSpd.cases.some((c) => c.expected.error === 'normal equations are not positive definite')).toBe(
      true
    );
    expect(all.lagCorrelation.cases.some((c) => c.expected.result === 'NaN')).toBe(true);
    expect(all.judge.cases.some((c) => c.args[1] === null)).toBe(true);
    expect(all.designMatrix.cases.some((c) => c.args[2] !== null)).toBe(true);
    expect(names('hampelWeights')).toContain('other knees (1, 2, 4) at scale 2');
    expect(names('madSigma')).toContain('one wild value among five, factor 1');
    expect(names('judge')).toContain('past the band edges, score half-point 1');
    expect(all.trainNetwork.cases.some((c) => c.expected.error === 'a network takes 1-64 inputs, got 2.5')).toBe(true);
    expect(names('trainNetwork')).toContain('targets all 0: every error exactly 0');
  });

  it('a replay catches a wrong result, a missed write and a write into an input', () => {
    const vectors = recordKernel('addScaled');
    const c = vectors.cases.find((x) => x.name === 'subtract')!;
    const ignoresFactor: Kernels['addScaled'] = (target, values) => typescriptKernels.addScaled(target, values, 1);
    const writesNothing: Kernels['addScaled'] = () => undefined;
    const scribbles: Kernels['addScaled'] = (target, values, factor) => {
      typescriptKernels.addScaled(target, values, factor);
      values[0] = 0;
    };
    expect(replayCase(vectors, typescriptKernels.addScaled as AnyKernel, c, KERNEL_TOLERANCE)).toBeNull();
    expect(replayCase(vectors, ignoresFactor as AnyKernel, c, KERNEL_TOLERANCE)).toMatch(/argument 0 \(written\)/);
    expect(replayCase(vectors, writesNothing as AnyKernel, c, KERNEL_TOLERANCE)).toMatch(/argument 0 \(written\)/);
    expect(replayCase(vectors, scribbles as AnyKernel, c, KERNEL_TOLERANCE)).toMatch(
      /argument 1 \(must be left alone\)/
    );
    const quantiles = recordKernel('quantile');
    const q = quantiles.cases.find((x) => x.name === 'four values (numpy: q = 0.25 gives 1.75), q = 0.25')!;
    expect(q.expected.result).toBe(1.75);
    expect(replayCase(quantiles, (() => 1.7500001) as AnyKernel, q, KERNEL_TOLERANCE)).toMatch(/result/);
  });

  it('the tolerance is relative to max(1, |expected|) and NaN or an infinity must match exactly', () => {
    const writer = new VectorWriter();
    const check = (actual: number[], expected: number[], tolerance = KERNEL_TOLERANCE) =>
      mismatch(Float64Array.from(actual), writer.encode(Float64Array.from(expected)), writer.arrays, tolerance);
    expect(check([1e6 + 1e-4, NaN], [1e6, NaN])).toBeNull();
    expect(check([1, 2.000001], [1, 2])).toMatch(/\[1\]/);
    expect(check([NaN], [1])).not.toBeNull();
    expect(check([Infinity], [1e308])).not.toBeNull();
    expect(check([Infinity], [-Infinity])).not.toBeNull();
    expect(check([NaN], [Infinity])).not.toBeNull();
    expect(check([NaN, Infinity, -Infinity], [NaN, Infinity, -Infinity], 0)).toBeNull();
  });

  it('NaN, ±Infinity and null round-trip through the file format', () => {
    const writer = new VectorWriter();
    const value = { a: Float64Array.of(1.5, NaN, Infinity, -Infinity), b: NaN, c: null, d: Int8Array.of(-1, 7) };
    const json = JSON.parse(JSON.stringify(writer.encode(value)));
    expect(writer.arrays[0].values).toEqual([1.5, 'NaN', 'Infinity', '-Infinity']);
    expect(mismatch(value, json, writer.arrays, 0)).toBeNull();
  });
});

describe('shared whole-model vector (testdata/fixtures/model)', () => {
  it.each([MODEL_FILE, AUTOREGRESSIVE_FILE, HOLT_WINTERS_FILE, NEURAL_FILE])(
    'detectBatch reproduces the stored detection of %j (regenerate the fixtures after a deliberate model change)',
    (...file) => {
      const c = readFixture<ModelCase>(...file);
      const detection = detectBatch(fromJson(c.timestamps), fromJson(c.values), c.params);
      expectClose(detection.yhat, c.expected.yhat, 'yhat');
      expectClose(detection.yhat_lower, c.expected.yhat_lower, 'yhat_lower');
      expectClose(detection.yhat_upper, c.expected.yhat_upper, 'yhat_upper');
      expectClose(detection.score, c.expected.score, 'score');
      expect(Array.from(detection.outlier)).toEqual(c.expected.outlier);
      expect(c.expected.outlier.filter((o) => o !== 0).length).toBeGreaterThan(0);
    }
  );

  it('detectBatch with model holt_winters reproduces its stored detection', () => {
    const c = readFixture<ModelCase>(...HOLT_WINTERS_FILE);
    const detection = detectBatch(fromJson(c.timestamps), fromJson(c.values), c.params);
    expectClose(detection.yhat, c.expected.yhat, 'yhat');
    expectClose(detection.yhat_upper, c.expected.yhat_upper, 'yhat_upper');
    expectClose(detection.score, c.expected.score, 'score');
    expect(Array.from(detection.outlier)).toEqual(c.expected.outlier);
    // The 3× spike at row 3000 is flagged.
    expect(c.expected.outlier[3000]).toBe(1);
  });
});
