/**
 * Every model family by name, and the family-independent entry points: fit with the family `params.model`
 * names, predict with the family a model was fitted by, and (de)serialise any model.
 */
import { ModelInputError } from '../errors';
import { UpdateRefused, type WindowChange } from '../incremental';
import { typescriptKernels } from '../kernels';
import { handOn, resolveParams } from '../params';
import { fitAuto } from '../selection/autoFit';
import type { SelectionResult } from '../selection/select';
import { readSelectionSummary } from '../selection/summary';
import { readSustained } from '../sustained';
import { SCORE_HALF } from '../uncertainty';
import type { Kernels, ModelParams, Prediction } from '../types';
import { autoregressiveFamily } from './autoregressive';
import { decompositionFamily } from './decomposition';
import { decompositionAloneDays } from './decompositionDays';
import { ensembleFamily } from './ensemble';
import { ALARM_MARGIN, keepHeldRepeatsQuiet } from './falseAlarms';
import { holtWintersFamily } from './holtWinters';
import { FAMILY_NAMES, type FamilyName, type FittedFamily, type ModelFamily } from './family';
import { neuralFamily } from './neural';
import { pastFamily } from './past';
import { capRecentRepeats } from './recentRepeats';

const FAMILIES: { [K in FamilyName]: ModelFamily } = {
  decomposition: decompositionFamily as unknown as ModelFamily,
  past: pastFamily as unknown as ModelFamily,
  autoregressive: autoregressiveFamily as unknown as ModelFamily,
  holt_winters: holtWintersFamily as unknown as ModelFamily,
  neural: neuralFamily as unknown as ModelFamily,
  ensemble: ensembleFamily as unknown as ModelFamily,
};

const FORMAT = 'foresight-model';

export function familyOf(name: FamilyName): ModelFamily {
  const family = (FAMILIES as Record<string, ModelFamily | undefined>)[name];
  if (family === undefined) {
    throw new ModelInputError(`model must be one of ${FAMILY_NAMES.join(', ')}, got ${JSON.stringify(name)}`);
  }
  return family;
}

/**
 * Fits with the family `params.model` names (by default the ensemble of the decomposition and past). With 'auto', selection chooses
 * the family and its variant first (selection/), or `selection`, a result computed earlier, is used.
 */
export function fitModel(
  timestamps: ArrayLike<number>,
  values: ArrayLike<number>,
  params: Partial<ModelParams> = {},
  kernels: Kernels = typescriptKernels,
  selection?: SelectionResult
): FittedFamily {
  const resolved = resolveParams(params);
  if (resolved.model === 'auto') {
    return fitAuto(timestamps, values, params, kernels, selection);
  }
  return familyOf(resolved.model).fit(timestamps, values, handOn(resolved), kernels);
}

/**
 * The model as an outlook reads it: without the band's allowance for days of a kind it has not learned
 * (unseenDays.ts), which guards the outlier verdict on a first holiday or weekend. A threshold warning from that
 * allowance alone would fire on every such day ahead, whatever the series does.
 */
export function withLearnedDaysOnly(fitted: FittedFamily): FittedFamily {
  const members = (fitted as FittedFamily & { members?: FittedFamily[] }).members;
  return {
    ...fitted,
    params: { ...fitted.params, unseen_days_scale: 0 },
    ...(Array.isArray(members) ? { members: members.map(withLearnedDaysOnly) } : {}),
  } as FittedFamily;
}

/** Predicts (and with values, judges) with the family the model was fitted by. */
export function predictModel(
  fitted: FittedFamily,
  timestamps: ArrayLike<number>,
  values?: ArrayLike<number>,
  kernels: Kernels = typescriptKernels
): Prediction {
  const prediction = familyOf(fitted.family).predict(fitted, timestamps, values, kernels);
  // An ensemble serves its lead decomposition's expectation (without one, the members' median, which no member's
  // peaks describe); any other family its own.
  const served = values === undefined ? null : fitted.family === 'ensemble' ? leadDecomposition(fitted) : fitted;
  const peaks = served?.false_alarm_recent_peaks;
  if (peaks !== undefined) {
    // After false-alarm labels a repeat of the last day's deviations is no alarm; a held one is still raised below.
    capRecentRepeats(prediction, values as ArrayLike<number>, peaks, served!.history_end, ALARM_MARGIN);
  }
  const lead = values === undefined ? null : leadDecomposition(fitted);
  const sustained = lead === null ? null : readSustained((lead as FittedFamily & { sustained?: unknown }).sustained);
  if (lead !== null && sustained !== null) {
    // Holidays and days of a kind the decomposition has not learned are judged with allowances a median lacks, and
    // left out. A held shift no larger than one a false-alarm mark recorded keeps its score from before the step,
    // so a held repeat of a labelled held alarm stays quiet; a shift after a labelled spike is raised.
    const skip = decompositionAloneDays(lead, prediction);
    const before = (lead as FittedFamily).false_alarm_marks === undefined ? null : prediction.score.slice();
    kernels.raiseSustained(
      Float64Array.from(values as ArrayLike<number>),
      prediction.yhat,
      prediction.score,
      skip,
      sustained.points,
      sustained.scale_below,
      sustained.scale_above,
      SCORE_HALF
    );
    if (before !== null) {
      keepHeldRepeatsQuiet(
        lead,
        values as ArrayLike<number>,
        prediction.yhat,
        skip,
        sustained,
        before,
        prediction.score,
        kernels
      );
    }
  }
  return prediction;
}

/**
 * The decomposition whose sustained-deviation scales raise a prediction's score (sustained.ts): the model itself,
 * or an ensemble's leading decomposition, whose expectation the ensemble draws (and whose recent peaks then cap
 * repeats); null for the other families.
 */
function leadDecomposition(fitted: FittedFamily): FittedFamily | null {
  if (fitted.family === 'decomposition') {
    return fitted;
  }
  const members = (fitted as FittedFamily & { members?: FittedFamily[] }).members;
  return fitted.family === 'ensemble' && Array.isArray(members)
    ? (members.find((member) => member.family === 'decomposition') ?? null)
    : null;
}

/**
 * Updates a model with the points after its history and without those leaving its window, when its family
 * can (ModelFamily.update); UpdateRefused otherwise, and the caller fits again. A chosen family's selection stays.
 */
export function updateModel(
  fitted: FittedFamily,
  change: WindowChange,
  params?: Partial<ModelParams>,
  kernels: Kernels = typescriptKernels
): FittedFamily {
  const family = familyOf(fitted.family);
  if (family.update === undefined) {
    throw new UpdateRefused(`the ${fitted.family} family cannot update a fit`);
  }
  return family.update(fitted, change, params, kernels);
}

/** JSON text of any fitted model. */
export function serializeModel(fitted: FittedFamily, kernels: Kernels = typescriptKernels): string {
  return JSON.stringify(modelData(fitted, kernels));
}

/**
 * Any fitted model as JSON texts kept apart: the model, and the statistics only an update reads (its
 * `incremental` field; '' when it has none). A host that keeps many models (the backend) stores the second
 * elsewhere, so the text every prediction parses stays a third of the size.
 */
export function serializeModelParts(
  fitted: FittedFamily,
  kernels: Kernels = typescriptKernels,
  longText?: (text: string) => unknown
): { model: string; state: string } {
  const { incremental, ...model } = modelData(fitted, kernels);
  const write = (data: unknown) =>
    JSON.stringify(longText === undefined ? data : withLongTexts(data, longText, LONG_TEXT_DEPTH));
  return { model: write(model), state: incremental === undefined ? '' : write(incremental) };
}

/** Strings this long are a model's encoded arrays (float64Text.ts, valueSteps.ts), thousands of characters. */
const LONG_TEXT = 256;
/** Levels of objects they sit at: an ensemble's members' fields, its state's members' fields. */
const LONG_TEXT_DEPTH = 3;

/**
 * Plain data as `longText` gives each of its long strings, down to `levels` objects or arrays deep; what holds none
 * is returned as it is, the rest copied. `longText` returns what JSON.stringify writes as it writes the string: the
 * backend's host hands back a value its JSON.stringify writes whole, where it reads a string a character at a time.
 * Loops rather than a call per value: in the backend's interpreter a call costs more than the check.
 */
function withLongTexts(value: unknown, longText: (text: string) => unknown, levels: number): unknown {
  if (value === null || typeof value !== 'object' || 'toJSON' in value) {
    return value;
  }
  const prototype = Object.getPrototypeOf(value) as unknown;
  const array = prototype === Array.prototype;
  if (!array && prototype !== Object.prototype) {
    return value;
  }
  const given = value as Record<string, unknown>;
  // Arrays of numbers (coefficients, times) hold no text: only arrays of objects (an ensemble's members) are read.
  if (array && typeof given[0] !== 'object') {
    return value;
  }
  const keys = array ? null : Object.keys(given);
  const count = keys === null ? (given as unknown as unknown[]).length : keys.length;
  let out = given;
  for (let i = 0; i < count; i++) {
    const key = keys === null ? i : keys[i];
    const item = given[key];
    let written = item;
    if (typeof item === 'string') {
      written = item.length >= LONG_TEXT ? longText(item) : item;
    } else if (levels > 1 && typeof item === 'object') {
      written = withLongTexts(item, longText, levels - 1);
    }
    if (written !== item) {
      if (out === given) {
        out = array ? ((given as unknown as unknown[]).slice() as unknown as Record<string, unknown>) : { ...given };
      }
      out[key] = written;
    }
  }
  return out;
}

function modelData(fitted: FittedFamily, kernels: Kernels): Record<string, unknown> {
  return { ...familyOf(fitted.family).toJson(fitted, kernels), selection: fitted.selection, format: FORMAT };
}

/**
 * Restores any model `serializeModel` (or the decomposition's `serialize`) wrote, or the parts
 * `serializeModelParts` wrote (`state` non-empty); ModelInputError otherwise.
 */
export function deserializeModel(text: string, state = '', kernels: Kernels = typescriptKernels): FittedFamily {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
    if (state !== '' && raw !== null && typeof raw === 'object') {
      (raw as Record<string, unknown>).incremental = JSON.parse(state);
    }
  } catch {
    throw new ModelInputError('serialized model is not valid JSON');
  }
  if (raw === null || typeof raw !== 'object' || (raw as { format?: unknown }).format !== FORMAT) {
    throw new ModelInputError('serialized model has an unknown format');
  }
  const data = raw as Record<string, unknown>;
  // Models written before families existed carry no `family`: they are decompositions.
  const name = data.family ?? 'decomposition';
  if (typeof name !== 'string' || !(FAMILY_NAMES as readonly string[]).includes(name)) {
    throw new ModelInputError(`serialized model has an unknown family ${JSON.stringify(name)}`);
  }
  const { selection: rawSelection, ...rest } = data;
  const selection = readSelectionSummary(rawSelection);
  const fitted = familyOf(name as FamilyName).fromJson(rest, kernels);
  return selection === undefined ? fitted : { ...fitted, selection };
}
