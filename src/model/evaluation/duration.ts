/** Formats a duration in ms for error messages, e.g. 93_600_000 → "1d 2h" (UTC arithmetic only, no Intl). */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) {
    return String(ms);
  }
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(ms);
  const units: Array<[string, number]> = [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ];
  const parts: string[] = [];
  for (const [name, size] of units) {
    const count = Math.floor(rest / size);
    if (count > 0) {
      parts.push(`${count}${name}`);
      rest -= count * size;
    }
  }
  if (rest > 0 || parts.length === 0) {
    parts.push(`${Math.round(rest * 1000) / 1000}ms`);
  }
  return sign + parts.join(' ');
}
