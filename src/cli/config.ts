/**
 * Model parameters from a JSON file: Prophet's snake_case names. Times in `exclude`, `false_alarms`,
 * `changepoints` and the `ranges` of `conditions` may be epoch milliseconds or ISO 8601 texts (no zone: UTC).
 */
import { DEFAULT_PARAMS, ModelInputError, resolveParams, type ModelParams } from '../model';
import { MAX_NESTING, nestsDeeper } from '../model/params';
import { CliError } from './errors';
import { parseIsoTimestamp } from './timestamps';

const KNOWN_KEYS = [...Object.keys(DEFAULT_PARAMS), 'changepoints'];

export function parseParamsConfig(text: string, fileName: string): Partial<ModelParams> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${fileName}: not valid JSON (${(error as Error).message})`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new CliError(`${fileName}: expected a JSON object of model parameters`);
  }
  // Messages write a bad value as JSON, which a value nested thousands deep overflows the stack writing.
  if (nestsDeeper(raw, MAX_NESTING)) {
    throw new CliError(`${fileName}: the values nest deeper than ${MAX_NESTING} levels`);
  }
  const config = { ...(raw as Record<string, unknown>) };
  for (const key of Object.keys(config)) {
    if (!KNOWN_KEYS.includes(key)) {
      throw new CliError(`${fileName}: unknown parameter "${key}" (known: ${KNOWN_KEYS.join(', ')})`);
    }
  }
  for (const key of ['exclude', 'false_alarms'] as const) {
    if (config[key] !== undefined) {
      config[key] = readRanges(config[key], key, fileName);
    }
  }
  if (Array.isArray(config.conditions)) {
    config.conditions = config.conditions.map((c: unknown, i) =>
      c !== null && typeof c === 'object' && 'ranges' in c
        ? { ...c, ranges: readRanges(c.ranges, `conditions[${i}].ranges`, fileName) }
        : c
    );
  }
  if (config.changepoints !== undefined) {
    config.changepoints = readTimes(config.changepoints, 'changepoints', fileName);
  }
  const params = config as Partial<ModelParams>;
  try {
    resolveParams(params);
  } catch (error) {
    if (error instanceof ModelInputError) {
      throw new CliError(`${fileName}: ${error.message}`);
    }
    throw error;
  }
  return params;
}

function readRanges(value: unknown, key: string, fileName: string): Array<[number, number]> {
  if (!Array.isArray(value)) {
    throw new CliError(`${fileName}: "${key}" must be a list of [start, end] pairs`);
  }
  return value.map((pair, i) => {
    if (!Array.isArray(pair) || pair.length !== 2) {
      throw new CliError(`${fileName}: ${key}[${i}] must be a [start, end] pair`);
    }
    const [start, end] = [
      readTime(pair[0], `${key}[${i}][0]`, fileName),
      readTime(pair[1], `${key}[${i}][1]`, fileName),
    ];
    if (end < start) {
      throw new CliError(`${fileName}: ${key}[${i}] ends before it starts`);
    }
    return [start, end];
  });
}

function readTimes(value: unknown, key: string, fileName: string): number[] {
  if (!Array.isArray(value)) {
    throw new CliError(`${fileName}: "${key}" must be a list of times`);
  }
  return value.map((v, i) => readTime(v, `${key}[${i}]`, fileName));
}

function readTime(value: unknown, where: string, fileName: string): number {
  if (typeof value === 'number' && Number.isFinite(value)) {
    return value;
  }
  if (typeof value === 'string') {
    const ms = parseIsoTimestamp(value);
    if (Number.isFinite(ms)) {
      return ms;
    }
  }
  throw new CliError(`${fileName}: ${where} ${JSON.stringify(value)} is not an ISO 8601 time or epoch milliseconds`);
}
