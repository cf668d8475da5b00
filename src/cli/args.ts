/** Command-line options: `--name value`, `--name=value` and boolean `--flag`; anything else is an error. */
import { CliError } from './errors';

export interface OptionSpec {
  name: string;
  /** 'flag' takes no value. */
  kind: 'value' | 'flag';
  /** Shown in help, e.g. FILE or DURATION. */
  valueName?: string;
  help: string;
  required?: boolean;
}

export type ParsedArgs = Record<string, string | true | undefined>;

export function parseArgs(argv: readonly string[], specs: readonly OptionSpec[], command: string): ParsedArgs {
  const parsed: ParsedArgs = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      throw new CliError(`${command}: unexpected argument "${arg}" (options start with --; see ${command} --help)`);
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const spec = specs.find((s) => s.name === name);
    if (!spec) {
      throw new CliError(`${command}: unknown option --${name} (see ${command} --help)`);
    }
    if (parsed[name] !== undefined) {
      throw new CliError(`${command}: option --${name} is given twice`);
    }
    if (spec.kind === 'flag') {
      if (eq >= 0) {
        throw new CliError(`${command}: option --${name} takes no value`);
      }
      parsed[name] = true;
      continue;
    }
    let value: string | undefined;
    if (eq >= 0) {
      value = arg.slice(eq + 1);
    } else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) {
      value = argv[++i];
    }
    if (value === undefined || value === '') {
      throw new CliError(`${command}: option --${name} needs a value (${spec.valueName ?? 'VALUE'})`);
    }
    parsed[name] = value;
  }
  for (const spec of specs) {
    if (spec.required && parsed[spec.name] === undefined) {
      throw new CliError(`${command}: missing --${spec.name} ${spec.valueName ?? 'VALUE'} (see ${command} --help)`);
    }
  }
  return parsed;
}

export function wantsHelp(argv: readonly string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}

/** Help text: usage line, description, and one line per option. */
export function formatHelp(usage: string, description: string, specs: readonly OptionSpec[]): string {
  const labels = specs.map((s) => `--${s.name}${s.kind === 'value' ? ` ${s.valueName ?? 'VALUE'}` : ''}`);
  const width = Math.max(0, ...labels.map((l) => l.length)) + 2;
  const lines = specs.map((s, i) => `  ${labels[i].padEnd(width)}${s.help}${s.required ? ' (required)' : ''}`);
  return [
    `usage: ${usage}`,
    '',
    description,
    '',
    'options:',
    ...lines,
    `  ${'--help'.padEnd(width)}show this help`,
    '',
  ].join('\n');
}

/** An unsigned decimal, with an optional exponent: 12, 0.5, .5, 1e9, 2.5E-3 (not hex, signs, Infinity or spaces). */
const UNSIGNED_DECIMAL = /^(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/** A whole number option within bounds (exponent notation allowed: 1e3), or undefined when absent. */
export function integerOption(args: ParsedArgs, name: string, min: number): number | undefined {
  const raw = args[name];
  if (raw === undefined || raw === true) {
    return undefined;
  }
  const value = Number(raw);
  if (!UNSIGNED_DECIMAL.test(raw) || !Number.isSafeInteger(value) || value < min) {
    throw new CliError(`--${name} must be a whole number >= ${min}, got "${raw}"`);
  }
  return value;
}

/** A finite number option >= 0 (exponent notation allowed: 1e9), or undefined when absent. */
export function numberOption(args: ParsedArgs, name: string): number | undefined {
  const raw = args[name];
  if (raw === undefined || raw === true) {
    return undefined;
  }
  const value = Number(raw);
  if (!UNSIGNED_DECIMAL.test(raw) || !Number.isFinite(value)) {
    throw new CliError(`--${name} must be a finite number >= 0, got "${raw}"`);
  }
  return value;
}

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const raw = args[name];
  return typeof raw === 'string' ? raw : undefined;
}
