import { CollapsableSection, InlineField, InlineFieldRow, RadioButtonGroup } from '@grafana/ui';
import { useState } from 'react';

import { ALERTING_DEFAULTS } from '../../../shared/contract.gen';
import type { ForesightQuery } from '../../../shared/types';
import { ALERTING_BOUNDS } from '../../alertingValidation';
import { ALERTING_DIRECTION_OPTIONS, TEST_IDS } from '../../constants';
import { NumberField } from '../NumberField';
import { withAlerting, withPersistence } from './queryAlerting';

export interface AlertingSectionProps {
  query: ForesightQuery;
  onChange: (query: ForesightQuery) => void;
  onRunQuery: () => void;
}

const LABEL_WIDTH = 20;

/**
 * The query's alerting rule: which side alerts, how small a deviation is ignored, how long it must last, and the
 * static thresholds and past weeks behind the threshold_breach and vs_past fields. Blank boxes take the defaults.
 * Starts open on an alert query or one that already sets something.
 */
export function AlertingSection({ query, onChange, onRunQuery }: AlertingSectionProps) {
  const [open, setOpen] = useState(query.mode === 'alert' || query.alerting !== undefined);
  const apply = (next: ForesightQuery) => {
    onChange(next);
    onRunQuery();
  };
  const alerting = query.alerting ?? {};
  const persistence = alerting.persistence;
  return (
    <CollapsableSection
      label="Alerting"
      isOpen={open}
      onToggle={setOpen}
      headerDataTestId={TEST_IDS.queryAlerting}
      unmountContentWhenClosed
    >
      <InlineFieldRow>
        <InlineField label="Direction" labelWidth={LABEL_WIDTH} tooltip="Which deviations are outliers and may alert">
          <RadioButtonGroup
            options={ALERTING_DIRECTION_OPTIONS}
            value={alerting.direction ?? ALERTING_DEFAULTS.direction}
            onChange={(direction) => apply(withAlerting(query, 'direction', direction))}
          />
        </InlineField>
        <NumberField
          label="Min absolute"
          labelWidth={LABEL_WIDTH}
          tooltip="A deviation |value − expected| smaller than this is never an outlier (in the series' unit)"
          testId={TEST_IDS.queryMinAbsolute}
          value={alerting.minAbsolute}
          placeholder={String(ALERTING_DEFAULTS.minAbsolute)}
          bounds={ALERTING_BOUNDS.minAbsolute}
          onCommit={(v) => apply(withAlerting(query, 'minAbsolute', v))}
        />
        <NumberField
          label="Min relative"
          labelWidth={LABEL_WIDTH}
          tooltip="A deviation smaller than this fraction of |expected| is never an outlier: 0.03 ignores deviations under 3%"
          testId={TEST_IDS.queryMinRelative}
          value={alerting.minRelative}
          placeholder={String(ALERTING_DEFAULTS.minRelative)}
          bounds={ALERTING_BOUNDS.minRelative}
          onCommit={(v) => apply(withAlerting(query, 'minRelative', v))}
        />
      </InlineFieldRow>
      <InlineFieldRow>
        <NumberField
          label="Persistence window"
          labelWidth={LABEL_WIDTH}
          tooltip="Points the alert and significance look back over"
          testId={TEST_IDS.queryPersistenceWindow}
          value={persistence?.window}
          placeholder={String(ALERTING_DEFAULTS.persistence.window)}
          bounds={ALERTING_BOUNDS.window}
          onCommit={(v) => apply(withPersistence(query, v, persistence?.required))}
        />
        <NumberField
          label="Required outliers"
          labelWidth={LABEL_WIDTH}
          tooltip="The alert fires when at least this many of the window's points are outliers (at most the window)"
          testId={TEST_IDS.queryPersistenceRequired}
          value={persistence?.required}
          placeholder={String(ALERTING_DEFAULTS.persistence.required)}
          bounds={ALERTING_BOUNDS.required}
          onCommit={(v) => apply(withPersistence(query, persistence?.window, v))}
        />
        <NumberField
          label="Past weeks"
          labelWidth={LABEL_WIDTH}
          tooltip="Weeks vs_past compares with: the median of the same time in those weeks, skipping excluded ranges"
          testId={TEST_IDS.queryPastWeeks}
          // 0 means the default, as a blank box does, so it shows as one.
          value={alerting.pastWeeks === 0 ? undefined : alerting.pastWeeks}
          placeholder={String(ALERTING_DEFAULTS.pastWeeks)}
          bounds={ALERTING_BOUNDS.pastWeeks}
          onCommit={(v) => apply(withAlerting(query, 'pastWeeks', v))}
        />
      </InlineFieldRow>
      <InlineFieldRow>
        <NumberField
          label="Threshold above"
          labelWidth={LABEL_WIDTH}
          tooltip="Static threshold: threshold_breach is +1 where the value is above it. Blank for none"
          testId={TEST_IDS.queryThresholdAbove}
          value={alerting.thresholdAbove}
          placeholder="none"
          onCommit={(v) => apply(withAlerting(query, 'thresholdAbove', v))}
        />
        <NumberField
          label="Threshold below"
          labelWidth={LABEL_WIDTH}
          tooltip="Static threshold: threshold_breach is −1 where the value is below it. Blank for none"
          testId={TEST_IDS.queryThresholdBelow}
          value={alerting.thresholdBelow}
          placeholder="none"
          onCommit={(v) => apply(withAlerting(query, 'thresholdBelow', v))}
        />
      </InlineFieldRow>
    </CollapsableSection>
  );
}
