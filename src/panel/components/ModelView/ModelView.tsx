import { TimeZone } from '@grafana/data';
import { Alert, Drawer, Tab, TabContent, TabsBar } from '@grafana/ui';
import { useState } from 'react';

import { TEST_IDS } from '../../constants';
import type { Region } from '../../data/exclusions';
import type { ModelTarget } from '../../data/modelTarget';
import type { SeriesView } from '../../data/seriesView';
import { CrossValidationTab } from './CrossValidationTab';
import { DecompositionTab } from './DecompositionTab';
import { FeedbackTab } from './FeedbackTab';
import { ModelsTab } from './ModelsTab';
import { ParametersTab } from './ParametersTab';

export interface ModelViewProps {
  target: ModelTarget | undefined;
  /** The series picked, else the first charted; undefined when none is charted. */
  series?: SeriesView;
  /** Its regions, for the feedback counts. */
  regions?: Region[];
  range: { from: number; to: number };
  timeZone: TimeZone;
  onClose: () => void;
}

type TabId = 'decomposition' | 'cv' | 'models' | 'parameters' | 'feedback';

/** The model behind the panel: its decomposition, cross-validation metrics, the families ranked, and the parameters in use. */
export function ModelView({ target, series, regions, range, timeZone, onClose }: ModelViewProps) {
  const [tab, setTab] = useState<TabId>('decomposition');
  // The decomposition, cross-validation and ranking are per series: with none charted there is nothing to show.
  // The identity keeps the datasource's own name, which settles a tie of labels; a display override must not.
  const wanted = series && { ...series.identity, displayName: series.name };
  const perSeries = target && tab !== 'parameters' && tab !== 'feedback';
  return (
    <Drawer title="Foresight model" subtitle={series?.name} onClose={onClose} size="md">
      <div data-testid={TEST_IDS.modelView}>
        <TabsBar>
          <Tab label="Decomposition" active={tab === 'decomposition'} onChangeTab={() => setTab('decomposition')} />
          <Tab label="Cross-validation" active={tab === 'cv'} onChangeTab={() => setTab('cv')} />
          <Tab label="Models" active={tab === 'models'} onChangeTab={() => setTab('models')} />
          <Tab label="Parameters" active={tab === 'parameters'} onChangeTab={() => setTab('parameters')} />
          <Tab label="Feedback" active={tab === 'feedback'} onChangeTab={() => setTab('feedback')} />
        </TabsBar>
        <TabContent>
          {tab === 'feedback' && <FeedbackTab series={series} regions={regions ?? []} />}
          {!target && tab !== 'feedback' && (
            <Alert severity="info" title="No Foresight query">
              The model view reads the Foresight datasource behind this panel; the panel&apos;s queries use another one.
            </Alert>
          )}
          {perSeries && !wanted && <p>Pick one series above to see its model.</p>}
          {target && wanted && tab === 'decomposition' && (
            <DecompositionTab target={target} series={wanted} range={range} timeZone={timeZone} />
          )}
          {target && wanted && tab === 'cv' && <CrossValidationTab target={target} series={wanted} range={range} />}
          {target && wanted && tab === 'models' && <ModelsTab target={target} series={wanted} range={range} />}
          {target && tab === 'parameters' && <ParametersTab target={target} />}
        </TabContent>
      </div>
    </Drawer>
  );
}
