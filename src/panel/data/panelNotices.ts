import type { PanelData } from '@grafana/data';

import { type FrameGap, groupGaps } from './foresightFrames';

export interface PanelNotice {
  severity: 'warning' | 'error';
  text: string;
}

const MAX_NOTICES = 5;

/**
 * Query errors and frame notices worth showing above the charts when some series did draw: a series the backend
 * could not model, a limit that dropped series. Duplicates are shown once; at most five.
 */
export function panelNotices(data: Pick<PanelData, 'errors' | 'error' | 'series'>): PanelNotice[] {
  const notices: PanelNotice[] = [];
  const seen = new Set<string>();
  const add = (severity: PanelNotice['severity'], text: string | undefined) => {
    if (text && !seen.has(text)) {
      seen.add(text);
      notices.push({ severity, text });
    }
  };
  for (const error of data.errors ?? (data.error ? [data.error] : [])) {
    add('error', error.message ?? error.data?.message);
  }
  for (const frame of data.series) {
    for (const notice of frame.meta?.notices ?? []) {
      if (notice.severity === 'warning' || notice.severity === 'error') {
        add(notice.severity, notice.text);
      }
    }
  }
  return notices.slice(0, MAX_NOTICES);
}

const MAX_SKIPPED_LISTED = 5;

/**
 * The frames the panel could not draw, one entry per query and what its frames lack: a raw query of 300 series
 * is one entry with its count, not 300. At most five entries, then how many more.
 */
export function skippedNotice(gaps: readonly FrameGap[]): string | undefined {
  if (gaps.length === 0) {
    return undefined;
  }
  const entries = groupGaps(gaps).map(
    (g) => `${g.count > 1 ? `${g.count} frames of ` : ''}${g.frame} (no ${g.missing.join(', ')})`
  );
  const more = entries.length - MAX_SKIPPED_LISTED;
  const listed = entries.slice(0, MAX_SKIPPED_LISTED).join('; ');
  return `Skipped ${listed}${more > 0 ? `; and ${more} more` : ''}`;
}
