import { TimeZone } from '@grafana/data';
import { Alert, Button, Field, Modal, RadioButtonGroup, Stack, TextArea } from '@grafana/ui';
import { ChangeEvent, useState } from 'react';

import type { AnnotationKind } from '../../../shared/constants';
import type { AnnotationDraft } from '../../api/annotations';
import { formatTooltipTime } from '../../chart/timeAxis';
import { TEST_IDS } from '../../constants';
import type { ExclusionScope } from '../../types';

export interface RegionDialogProps {
  range: { from: number; to: number };
  initialKind: AnnotationKind;
  initialScope: ExclusionScope;
  /** False when the panel is not on a saved dashboard: only organisation-wide annotations are possible. */
  canScopeToPanel: boolean;
  timeZone: TimeZone;
  onSave: (draft: AnnotationDraft) => Promise<string | undefined>;
  onDismiss: () => void;
}

const KIND_OPTIONS: Array<{ label: string; value: AnnotationKind; description: string }> = [
  { label: 'Exclude', value: 'exclude', description: 'Leave this range out of training (foresight:exclude)' },
  { label: 'Incident', value: 'incident', description: 'A real problem (foresight:incident)' },
  { label: 'False alarm', value: 'falseAlarm', description: 'Flagged but normal (foresight:false-alarm)' },
];

const SCOPE_OPTIONS: Array<{ label: string; value: ExclusionScope }> = [
  { label: 'This panel', value: 'panel' },
  { label: 'Whole organisation', value: 'organization' },
];

/** Confirms a dragged region: kind, scope and an optional note, then writes the annotation. */
export function RegionDialog(props: RegionDialogProps) {
  const { range, timeZone, canScopeToPanel, onSave, onDismiss } = props;
  const [kind, setKind] = useState<AnnotationKind>(props.initialKind);
  const [scope, setScope] = useState<ExclusionScope>(canScopeToPanel ? props.initialScope : 'organization');
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const save = async () => {
    setSaving(true);
    const problem = await onSave({ kind, from: range.from, to: range.to, note, scope });
    setSaving(false);
    if (problem) {
      setError(problem);
    } else {
      onDismiss();
    }
  };

  return (
    <Modal title="Mark this range" isOpen onDismiss={onDismiss}>
      <div data-testid={TEST_IDS.regionDialog}>
        <p>
          {formatTooltipTime(range.from, timeZone)} to {formatTooltipTime(range.to, timeZone)}
        </p>
        <Field label="Kind">
          <RadioButtonGroup options={KIND_OPTIONS} value={kind} onChange={setKind} />
        </Field>
        <Field
          label="Applies to"
          description={canScopeToPanel ? undefined : 'Save the dashboard first to scope an annotation to this panel'}
        >
          <RadioButtonGroup
            options={SCOPE_OPTIONS}
            value={scope}
            onChange={setScope}
            disabledOptions={canScopeToPanel ? [] : ['panel']}
          />
        </Field>
        <Field label="Note" description="Optional: what happened">
          <TextArea
            data-testid={TEST_IDS.regionNote}
            value={note}
            rows={2}
            onChange={(event: ChangeEvent<HTMLTextAreaElement>) => setNote(event.target.value)}
          />
        </Field>
        {error && (
          <Alert severity="error" title="Not saved">
            {error}
          </Alert>
        )}
        <Modal.ButtonRow>
          <Stack gap={1}>
            <Button variant="secondary" onClick={onDismiss}>
              Cancel
            </Button>
            <Button
              data-testid={TEST_IDS.regionSave}
              onClick={save}
              disabled={saving}
              icon={saving ? 'spinner' : undefined}
            >
              Save
            </Button>
          </Stack>
        </Modal.ButtonRow>
      </div>
    </Modal>
  );
}
