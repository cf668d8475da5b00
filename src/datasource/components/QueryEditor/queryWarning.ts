import type { ForesightQuery, WarningJson } from '../../../shared/types';

/** The boxes of the Early warning section, each a string as typed. */
export type WarningBox = 'above' | 'below' | 'leadTime' | 'ruleUid';

/** A threshold as the query keeps it: a number when the box holds one, else the text (a dashboard variable). */
function levelOf(text: string): number | string {
  const n = Number(text);
  return text.trim() !== '' && Number.isFinite(n) ? n : text;
}

/**
 * Sets one box of the warning object, or removes it when blank; an empty object is dropped, so the query then
 * asks for no warning at all.
 */
export function withWarning(query: ForesightQuery, box: WarningBox, text: string): ForesightQuery {
  const trimmed = text.trim();
  const { warning: _dropped, ...rest } = query;
  const next: WarningJson = { ...query.warning };
  if (box === 'ruleUid') {
    delete next.rule;
    if (trimmed !== '') {
      next.rule = { uid: trimmed };
    }
  } else if (box === 'leadTime') {
    delete next.leadTime;
    if (trimmed !== '') {
      next.leadTime = trimmed;
    }
  } else {
    delete next[box];
    if (trimmed !== '') {
      next[box] = levelOf(trimmed);
    }
  }
  return Object.keys(next).length === 0 ? rest : { ...rest, warning: next };
}

/** The text a box shows for the query's warning object. */
export function warningBoxText(warning: WarningJson | undefined, box: WarningBox): string {
  const value = box === 'ruleUid' ? warning?.rule?.uid : warning?.[box];
  return value === undefined ? '' : String(value);
}
