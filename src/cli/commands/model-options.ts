/** Options naming the model family (or 'auto') and the objective automatic selection ranks by. */
import { DEFAULT_PARAMS, FAMILY_NAMES, type FamilyName, type ModelParams } from '../../model';
import { parseObjective } from '../../model/selection';
import type { SelectionObjectiveText } from '../../model/types';
import type { OptionSpec, ParsedArgs } from '../args';
import { stringOption } from '../args';
import { CliError } from '../errors';

const MODEL_CHOICES: ReadonlyArray<ModelParams['model']> = ['auto', ...FAMILY_NAMES];

export const MODEL_OPTION: OptionSpec = {
  name: 'model',
  kind: 'value',
  valueName: 'NAME',
  help: `model family: ${MODEL_CHOICES.join(', ')} (auto chooses per series by cross-validation; default the config's, else an ensemble of decomposition and past)`,
};

export const OBJECTIVE_OPTION: OptionSpec = {
  name: 'objective',
  kind: 'value',
  valueName: 'NAME',
  help: 'what auto minimises: violations (default), magnitude or weighted:W (W × share outside + (1 − W) × distance)',
};

export function readObjective(args: ParsedArgs, command: string): SelectionObjectiveText | undefined {
  const raw = stringOption(args, 'objective');
  if (raw === undefined) {
    return undefined;
  }
  try {
    parseObjective(raw);
  } catch {
    throw new CliError(`${command}: --objective "${raw}" is not violations, magnitude or weighted:W with W in [0, 1]`);
  }
  return raw as SelectionObjectiveText;
}

/** The config's parameters with --model and --objective applied. */
export function withModelOptions(
  params: Partial<ModelParams>,
  args: ParsedArgs,
  command: string
): Partial<ModelParams> {
  const model = stringOption(args, 'model');
  if (model !== undefined && !(MODEL_CHOICES as readonly string[]).includes(model)) {
    throw new CliError(`${command}: --model "${model}" is not one of ${MODEL_CHOICES.join(', ')}`);
  }
  const objective = readObjective(args, command);
  return {
    ...params,
    ...(model !== undefined ? { model: model as FamilyName | 'auto' } : {}),
    ...(objective !== undefined ? { selection_objective: objective } : {}),
  };
}

/**
 * Refuses the first of `names` given on the command line unless the model is `auto`: only automatic selection
 * reads them, and another model would run as if they were absent. `params` are the config's with --model applied;
 * the message says whether the model came from --model, from the config or from the default.
 */
export function refuseUnlessAuto(
  params: Partial<ModelParams>,
  args: ParsedArgs,
  names: readonly string[],
  command: string,
  configName: string | undefined
): void {
  const given = names.find((name) => args[name] !== undefined);
  const model = params.model ?? DEFAULT_PARAMS.model;
  if (given === undefined || model === 'auto') {
    return;
  }
  const source =
    args.model !== undefined ? 'from --model' : params.model !== undefined ? `from ${configName}` : 'the default';
  throw new CliError(`${command}: --${given} applies only with --model auto (the model here is ${model}, ${source})`);
}

/** A family list: `all` or names separated by commas. */
export function readFamilies(raw: string, command: string): FamilyName[] {
  if (raw === 'all') {
    return [...FAMILY_NAMES];
  }
  const names = raw.split(',').map((name) => name.trim());
  for (const name of names) {
    if (!(FAMILY_NAMES as readonly string[]).includes(name)) {
      throw new CliError(`${command}: --families: "${name}" is not one of all, ${FAMILY_NAMES.join(', ')}`);
    }
  }
  return [...new Set(names)] as FamilyName[];
}
