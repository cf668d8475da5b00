import { css } from '@emotion/css';
import { GrafanaTheme2, SelectableValue } from '@grafana/data';
import { Button, InlineSwitch, RadioButtonGroup, Select, useStyles2 } from '@grafana/ui';
import { ChangeEvent } from 'react';

import { TEST_IDS } from '../../constants';
import type { DragMode } from '../../types';

export interface PanelToolbarProps {
  seriesOptions: Array<SelectableValue<string>>;
  picked?: string;
  onPick: (key: string | undefined) => void;
  onlyWithOutliers: boolean;
  onOnlyWithOutliers: (on: boolean) => void;
  dragMode: DragMode;
  onDragMode: (mode: DragMode) => void;
  /** False when the user may not write annotations: only zoom is offered. */
  canAnnotate: boolean;
  onShowAnnotations: () => void;
  onShowModel: () => void;
}

const DRAG_OPTIONS: Array<SelectableValue<DragMode>> = [
  { label: 'Zoom', value: 'zoom', description: 'Drag to zoom the dashboard time range' },
  { label: 'Exclude', value: 'exclude', description: 'Drag to leave a range out of training' },
  { label: 'Incident', value: 'incident', description: 'Drag to label a real problem' },
  { label: 'False alarm', value: 'falseAlarm', description: 'Drag to label a false alarm' },
];

const ALL = '__all__';

/** Series picker, outlier filter, what a drag does, and the exclusion list and model view. */
export function PanelToolbar(props: PanelToolbarProps) {
  const styles = useStyles2(getStyles);
  const options = [{ label: 'All series', value: ALL }, ...props.seriesOptions];
  return (
    <div className={styles.bar}>
      {props.seriesOptions.length > 1 && (
        <Select
          aria-label="Series"
          options={options}
          value={props.picked ?? ALL}
          onChange={(item) => props.onPick(item.value === ALL ? undefined : item.value)}
          width={28}
        />
      )}
      <span data-testid={TEST_IDS.onlyOutliers} className={styles.switch}>
        <InlineSwitch
          label="Only with outliers"
          showLabel
          transparent
          value={props.onlyWithOutliers}
          onChange={(event: ChangeEvent<HTMLInputElement>) => props.onOnlyWithOutliers(event.currentTarget.checked)}
        />
      </span>
      <span className={styles.spacer} />
      <span data-testid={TEST_IDS.dragMode}>
        <RadioButtonGroup<DragMode>
          size="sm"
          options={DRAG_OPTIONS}
          value={props.dragMode}
          onChange={props.onDragMode}
          disabledOptions={props.canAnnotate ? [] : ['exclude', 'incident', 'falseAlarm']}
        />
      </span>
      <Button size="sm" variant="secondary" fill="text" icon="list-ul" onClick={props.onShowAnnotations}>
        Exclusions
      </Button>
      <Button size="sm" variant="secondary" fill="text" icon="chart-line" onClick={props.onShowModel}>
        Model
      </Button>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  bar: css({
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    paddingBottom: theme.spacing(0.5),
  }),
  switch: css({ display: 'inline-flex' }),
  spacer: css({ flexGrow: 1 }),
});
