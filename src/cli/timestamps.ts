/**
 * Reading timestamps as written in CSV files: ISO 8601 (date, date-time, optional fraction and zone;
 * no zone means UTC, never the host's zone) or epoch numbers, whose unit (seconds or milliseconds)
 * is decided once for the whole column.
 */

const ISO_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;

const EPOCH_PATTERN = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Epoch numbers below this are seconds (1e11 s is year 5138; 1e11 ms is March 1973). */
const SECONDS_LIMIT = 1e11;
/** Epoch numbers from here on would be micro- or nanoseconds, which we do not guess. */
const MILLISECONDS_LIMIT = 1e14;

export type EpochUnit = 'seconds' | 'milliseconds';

/** Epoch milliseconds of an ISO 8601 text, or NaN when the text is not a valid ISO 8601 time. */
export function parseIsoTimestamp(text: string): number {
  const m = ISO_PATTERN.exec(text.trim());
  if (!m) {
    return NaN;
  }
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const millis = m[7] === undefined ? 0 : Number(`0.${m[7]}`) * 1000;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return NaN;
  }
  if (hour > 24 || minute > 59 || second > 59 || (hour === 24 && (minute > 0 || second > 0 || millis > 0))) {
    return NaN;
  }
  let offsetMinutes = 0;
  if (m[9] !== undefined) {
    const zoneHours = Number(m[10]);
    const zoneMinutes = m[11] === undefined ? 0 : Number(m[11]);
    if (zoneHours > 18 || zoneMinutes > 59) {
      return NaN;
    }
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (zoneHours * 60 + zoneMinutes);
  }
  const utc = Date.UTC(year, month - 1, day, hour, minute, second) + Math.round(millis);
  // Date.UTC maps years 0..99 to 1900..1999; undo that.
  const fixedUtc = year < 100 ? utc + yearShift(year) : utc;
  return fixedUtc - offsetMinutes * 60_000;
}

/**
 * Epoch ms of one time written alone (not in a column): ISO 8601, or an epoch number whose own magnitude says
 * seconds or milliseconds; NaN when it is neither.
 */
export function parseTimeText(text: string): number {
  if (!isEpochText(text)) {
    return parseIsoTimestamp(text);
  }
  const value = Number(text);
  const unit = epochUnitFor(Math.abs(value));
  return unit === null ? NaN : epochToMs(value, unit);
}

export function isEpochText(text: string): boolean {
  return EPOCH_PATTERN.test(text.trim());
}

/** Unit for a column of epoch numbers, from their largest magnitude; null when too large for ms. */
export function epochUnitFor(maxAbs: number): EpochUnit | null {
  if (maxAbs < SECONDS_LIMIT) {
    return 'seconds';
  }
  return maxAbs < MILLISECONDS_LIMIT ? 'milliseconds' : null;
}

export function epochToMs(value: number, unit: EpochUnit): number {
  return unit === 'seconds' ? Math.round(value * 1000) : Math.round(value);
}

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

function yearShift(year: number): number {
  const wrong = Date.UTC(1900 + year, 0, 1);
  const d = new Date(0);
  d.setUTCFullYear(year, 0, 1);
  return d.getTime() - wrong;
}
