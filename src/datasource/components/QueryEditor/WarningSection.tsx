import { Alert, CollapsableSection, InlineField, InlineFieldRow, Input } from '@grafana/ui';
import { useState } from 'react';

import { WARNING_DEFAULTS, WARNING_LIMITS } from '../../../shared/contract.gen';
import type { ForesightQuery } from '../../../shared/types';
import { TEST_IDS } from '../../constants';
import { warningBoxText, withWarning, type WarningBox } from './queryWarning';

export interface WarningSectionProps {
  query: ForesightQuery;
  onChange: (query: ForesightQuery) => void;
  onRunQuery: () => void;
  /** Notices of the last run about the warning (a rule that could not be read), shown in the section. */
  notices?: string[];
}

const LABEL_WIDTH = 20;

interface BoxProps {
  label: string;
  tooltip: string;
  testId: string;
  placeholder: string;
  value: string;
  width?: number;
  onCommit: (text: string) => void;
}

/** A text box that commits when it loses focus or on Enter (so "1." is not read half-typed). */
function Box({ label, tooltip, testId, placeholder, value, width = 16, onCommit }: BoxProps) {
  const [draft, setDraft] = useState(value);
  // A new value from outside (another editor, a reset, the query's own normalising) replaces what the box shows.
  const [shownValue, setShownValue] = useState(value);
  if (value !== shownValue) {
    setShownValue(value);
    setDraft(value);
  }
  const commit = () => draft !== value && onCommit(draft);
  return (
    <InlineField label={label} labelWidth={LABEL_WIDTH} tooltip={tooltip}>
      <Input
        data-testid={testId}
        value={draft}
        placeholder={placeholder}
        width={width}
        onChange={(event) => setDraft(event.currentTarget.value)}
        onBlur={commit}
        onKeyDown={(event) => event.key === 'Enter' && commit()}
      />
    </InlineField>
  );
}

/**
 * Early warning: thresholds (numbers or dashboard variables) or an alert rule whose threshold to read, and how far
 * ahead to look. The frames then carry breach_eta, breach_probability and drift. Starts open when the query sets
 * a warning.
 */
export function WarningSection({ query, onChange, onRunQuery, notices = [] }: WarningSectionProps) {
  const [open, setOpen] = useState(query.warning !== undefined);
  const box = (name: WarningBox) => ({
    value: warningBoxText(query.warning, name),
    onCommit: (text: string) => {
      onChange(withWarning(query, name, text));
      onRunQuery();
    },
  });
  return (
    <CollapsableSection
      label="Early warning"
      isOpen={open}
      onToggle={setOpen}
      headerDataTestId={TEST_IDS.queryWarning}
      unmountContentWhenClosed
    >
      <InlineFieldRow>
        <Box
          label="Above"
          tooltip="Warn before the series rises above this: a number or a dashboard variable ($threshold). Blank for none"
          testId={TEST_IDS.queryWarningAbove}
          placeholder="none"
          {...box('above')}
        />
        <Box
          label="Below"
          tooltip="Warn before the series falls below this: a number or a dashboard variable. Blank for none"
          testId={TEST_IDS.queryWarningBelow}
          placeholder="none"
          {...box('below')}
        />
        <Box
          label="Lead time"
          tooltip={`How far ahead the forecast looks: 6h, 90m or 2d (at most ${WARNING_LIMITS.maxLeadHours / 24} days)`}
          testId={TEST_IDS.queryWarningLead}
          placeholder={WARNING_DEFAULTS.leadTime}
          {...box('leadTime')}
        />
      </InlineFieldRow>
      <InlineFieldRow>
        <Box
          label="Alert rule UID"
          tooltip="Warn about an existing alert rule's threshold instead (read with the plugin's service account, which needs alert.provisioning:read)"
          testId={TEST_IDS.queryWarningRule}
          placeholder="none"
          width={32}
          {...box('ruleUid')}
        />
      </InlineFieldRow>
      {notices.map((text) => (
        <Alert key={text} severity="warning" title={text} data-testid={TEST_IDS.queryWarningNotice} />
      ))}
    </CollapsableSection>
  );
}
