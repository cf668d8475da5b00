import { TimeZone } from '@grafana/data';
import { Alert, Badge, Button, LoadingPlaceholder, Modal } from '@grafana/ui';
import { useEffect, useState } from 'react';

import type { AnnotationKind } from '../../../shared/constants';
import { formatTooltipTime } from '../../chart/timeAxis';
import { TEST_IDS } from '../../constants';
import type { ListedAnnotation } from '../../api/annotations';
import type { AnnotationActions } from '../../hooks/useAnnotationActions';

export interface AnnotationListProps {
  actions: AnnotationActions;
  range: { from: number; to: number };
  timeZone: TimeZone;
  /** Whether the user may delete this annotation; rows without permission get no Remove button. */
  canDelete: (annotation: ListedAnnotation) => boolean;
  /** Whether the user may add annotations: only then does the empty list say how to draw one. */
  canAnnotate?: boolean;
  onDismiss: () => void;
}

const BADGES: Record<AnnotationKind, { text: string; color: 'blue' | 'red' | 'green' }> = {
  exclude: { text: 'excluded', color: 'blue' },
  incident: { text: 'incident', color: 'red' },
  falseAlarm: { text: 'false alarm', color: 'green' },
};

/** The Foresight annotations that apply to this panel in the range, each removable where the user may delete it. */
export function AnnotationList({
  actions,
  range,
  timeZone,
  canDelete,
  canAnnotate = true,
  onDismiss,
}: AnnotationListProps) {
  const { load, listed, loading, listError, remove } = actions;
  const [removeError, setRemoveError] = useState<string | undefined>();

  useEffect(() => {
    load(range);
  }, [load, range]);

  return (
    <Modal title="Exclusions and feedback" isOpen onDismiss={onDismiss}>
      <div data-testid={TEST_IDS.exclusionList}>
        {loading && <LoadingPlaceholder text="Loading annotations…" />}
        {listError && <Alert severity="error" title={listError} />}
        {removeError && <Alert severity="error" title={removeError} />}
        {!loading && !listError && listed.length === 0 && (
          <p>
            {canAnnotate
              ? 'No Foresight annotations in this range. Pick Exclude above the chart and drag over a range to add one.'
              : 'No Foresight annotations in this range.'}
          </p>
        )}
        <table style={{ width: '100%' }}>
          <tbody>
            {listed.map((a) => (
              <tr key={a.id}>
                <td>
                  <Badge text={BADGES[a.kind].text} color={BADGES[a.kind].color} />
                </td>
                <td>
                  {formatTooltipTime(a.from, timeZone)} – {formatTooltipTime(a.to, timeZone)}
                </td>
                <td>{a.text}</td>
                <td>{a.orgWide ? 'organisation' : 'this panel'}</td>
                <td>
                  {canDelete(a) && (
                    <Button
                      size="sm"
                      variant="destructive"
                      icon="trash-alt"
                      aria-label={`Remove annotation ${a.id}`}
                      onClick={async () => setRemoveError(await remove(a.id))}
                    >
                      Remove
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Modal>
  );
}
