/**
 * An ensemble's update (ModelFamily.update): each member moves to the new window its own way, or the whole
 * update is refused (UpdateRefused) and the caller fits the ensemble again.
 *
 * - A member whose family updates (the decomposition, incremental.ts) takes the change itself, and may refuse it.
 * - The past model is fitted again on the training points it keeps from the new window's start on, with the
 *   added points (pastFamily.fit selects those as a fit of the series does: excluded ranges, holidays, gross
 *   values). A past fit is medians per slot over the window, a few times cheaper than a decomposition fit, and
 *   this one gives what a fit of the new window would, except where the rule for gross values moved: a point
 *   the old window's rule left out is not restored (its rule is 1,000 times the series' spread); and the kept
 *   points come as the last fit left them, on its values' grid (valueGrid.ts: each within 1/2048 of the band's
 *   scale of the series' own), so the band and level move by about as much.
 * - Any other member refuses: the ensemble is fitted again.
 *
 * An ensemble with a member left out of its fit refuses, so the next fit can bring that member in.
 */
import { ModelInputError } from '../errors';
import { UpdateRefused, type WindowChange } from '../incremental';
import { resolveParams } from '../params';
import type { Kernels, ModelParams } from '../types';
import type { FamilyName, FittedFamily } from './family';
import { ensembleOf, memberFamily, type FittedEnsemble } from './ensembleMembers';
import { firstAtOrAfter, pastFamily, type FittedPast } from './past';

/** Whether an ensemble of these members can be updated, so its fit keeps the statistics its updates read. */
export function updatableMembers(names: readonly FamilyName[]): boolean {
  return names.every((name) => name === 'past' || memberFamily(name).update !== undefined);
}

/** The past member fitted again on its points in the new window and the added points. */
function refitPast(member: FittedPast, change: WindowChange, kernels: Kernels): FittedPast {
  if (member.params.false_alarms.length > 0) {
    throw new UpdateRefused('labelled false alarms are judged against the whole history');
  }
  const from = firstAtOrAfter(member.times, change.windowStart);
  const kept = member.times.length - from;
  const added = change.added;
  const times = new Float64Array(kept + added.timestamps.length);
  const values = new Float64Array(times.length);
  times.set(member.times.subarray(from));
  times.set(added.timestamps, kept);
  values.set(member.values.subarray(from));
  values.set(added.values, kept);
  try {
    return pastFamily.fit(times, values, member.params, kernels);
  } catch (error) {
    if (error instanceof ModelInputError) {
      throw new UpdateRefused(`its past member cannot be fitted on the new window: ${error.message}`);
    }
    throw error;
  }
}

function checkChange(fitted: FittedEnsemble, change: WindowChange): void {
  const added = change.added;
  if (added.timestamps.length !== added.values.length) {
    throw new ModelInputError(`the update has ${added.timestamps.length} timestamps but ${added.values.length} values`);
  }
  if (added.timestamps.length > 0 && !(added.timestamps[0] > fitted.history_end)) {
    throw new ModelInputError(
      `the update's new points must come after the model's history, which ends at ${fitted.history_end} ms`
    );
  }
  if (!Number.isFinite(change.windowStart) || change.windowStart < fitted.history_start) {
    throw new ModelInputError(
      `the update's window start must be at or after the history's start (${fitted.history_start} ms)`
    );
  }
}

/**
 * The ensemble with `change` applied to every member. Members that update themselves go first, so a refusal
 * (the common one: a full refit is due) costs no past fit.
 */
export function updateEnsemble(
  fitted: FittedEnsemble,
  change: WindowChange,
  params: Partial<ModelParams> | undefined,
  kernels: Kernels
): FittedEnsemble {
  if (params !== undefined && JSON.stringify(resolveParams(params)) !== JSON.stringify(fitted.params)) {
    throw new UpdateRefused('the parameters differ from the fit');
  }
  for (const member of fitted.members) {
    if (!updatableMembers([member.family])) {
      throw new UpdateRefused(`its ${member.family} member cannot update a fit`);
    }
  }
  if (fitted.left_out.length > 0) {
    // A member the first data refused (past, before a day of history) may fit now: a full fit brings it in.
    throw new UpdateRefused(`its ${fitted.left_out[0].family} member was left out of the fit`);
  }
  checkChange(fitted, change);
  const members: FittedFamily[] = fitted.members.slice();
  members.forEach((member, i) => {
    const update = memberFamily(member.family).update;
    if (update !== undefined) {
      members[i] = update(member, change, undefined, kernels);
    }
  });
  members.forEach((member, i) => {
    if (member.family === 'past') {
      members[i] = refitPast(member as FittedPast, change, kernels);
    }
  });
  return { ...fitted, ...ensembleOf(fitted.params, members, fitted.left_out) };
}
