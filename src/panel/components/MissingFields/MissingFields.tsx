import { Alert } from '@grafana/ui';

import { REQUIRED_PANEL_FIELDS } from '../../../shared/constants';
import { TEST_IDS } from '../../constants';
import { type FrameGap, groupGaps } from '../../data/foresightFrames';

export interface MissingFieldsProps {
  gaps: FrameGap[];
  width: number;
  height: number;
  /** refIds of the panel's Foresight queries in alert output: theirs lack the band by design. */
  alertRefIds?: readonly string[];
}

const MAX_LISTED = 5;

/** Shown when no frame carries the band: the panel needs a Foresight query in full output mode. */
export function MissingFields({ gaps, width, height, alertRefIds = [] }: MissingFieldsProps) {
  const alertMode = gaps.some((gap) => alertRefIds.includes(gap.frame));
  return (
    <div style={{ width, height, overflow: 'auto' }} data-testid={TEST_IDS.missingFields}>
      <Alert
        severity="warning"
        title={alertMode ? 'Set the query’s Output to Full' : 'This panel needs the Foresight datasource'}
      >
        {alertMode ? (
          <p>
            A Foresight query with the Alert output returns one field per series for alert rules. This panel draws the
            numeric fields {REQUIRED_PANEL_FIELDS.join(', ')}, which the Full output returns.
          </p>
        ) : (
          <p>
            It draws frames with a time field and the numeric fields {REQUIRED_PANEL_FIELDS.join(', ')}, which a
            Foresight query in full output mode returns. Switch the query to the Foresight datasource, or use the Time
            series panel for raw metrics.
          </p>
        )}
        <ul>
          {groupGaps(gaps)
            .slice(0, MAX_LISTED)
            .map((gap) => (
              <li key={`${gap.frame} ${gap.missing.join()}`}>
                {gap.count > 1 ? `${gap.count} frames of ${gap.frame} lack` : `${gap.frame} lacks`}{' '}
                {gap.missing.join(', ')}
              </li>
            ))}
        </ul>
      </Alert>
    </div>
  );
}
