import { Alert } from '@grafana/ui';

import { TEST_IDS } from '../../constants';
import type { PanelNotice } from '../../data/panelNotices';

export interface NoDataProps {
  /** Why nothing could be drawn: the query's errors and its frames' notices (at least one). */
  reasons: PanelNotice[];
  width: number;
  height: number;
}

/** Shown instead of Grafana's bare “No data” when the response says why there is none. */
export function NoData({ reasons, width, height }: NoDataProps) {
  const severity = reasons.some((r) => r.severity === 'error') ? 'error' : 'warning';
  return (
    <div style={{ width, height, overflow: 'auto' }} data-testid={TEST_IDS.noData}>
      <Alert severity={severity} title="No data">
        <ul>
          {reasons.map((reason) => (
            <li key={reason.text}>{reason.text}</li>
          ))}
        </ul>
      </Alert>
    </div>
  );
}
