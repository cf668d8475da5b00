import type { PanelData } from '@grafana/data';

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
