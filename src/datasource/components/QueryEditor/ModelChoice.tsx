import { InlineField, InlineFieldRow, RadioButtonGroup } from '@grafana/ui';

import { DEFAULT_PARAMS } from '../../../model/params';
import type { ModelParams } from '../../../model/types';
import type { ForesightQuery } from '../../../shared/types';
import { MODEL_OPTIONS, OBJECTIVE_OPTIONS, TEST_IDS } from '../../constants';
import { NumberField } from '../NumberField';
import {
  DEFAULT_OBJECTIVE_WEIGHT,
  ObjectiveChoice,
  objectiveChoice,
  objectiveValue,
  withModel,
  withParam,
} from './queryParams';

export interface ModelChoiceProps {
  query: ForesightQuery;
  onChange: (query: ForesightQuery) => void;
  onRunQuery: () => void;
}

/** The model family, or auto with the objective its selection minimises. */
export function ModelChoice({ query, onChange, onRunQuery }: ModelChoiceProps) {
  const apply = (next: ForesightQuery) => {
    onChange(next);
    onRunQuery();
  };
  const model = query.params?.model ?? DEFAULT_PARAMS.model;
  const { choice, weight } = objectiveChoice(query.params?.selection_objective);
  const setObjective = (next: ObjectiveChoice, nextWeight?: number) =>
    apply(withParam(query, 'selection_objective', objectiveValue(next, nextWeight)));

  return (
    <InlineFieldRow>
      <InlineField
        label="Model"
        labelWidth={10}
        tooltip="Auto chooses a family and its variant per series by cross-validation"
      >
        <RadioButtonGroup<ModelParams['model']>
          options={MODEL_OPTIONS}
          value={model}
          onChange={(next) => apply(withModel(query, next))}
        />
      </InlineField>
      {model === 'auto' && (
        <>
          <InlineField label="Objective" labelWidth={12} tooltip="What auto minimises over its cross-validation">
            <RadioButtonGroup<ObjectiveChoice>
              options={OBJECTIVE_OPTIONS}
              value={choice}
              onChange={(next) => setObjective(next, weight)}
            />
          </InlineField>
          {choice === 'weighted' && (
            <NumberField
              label="Weight of share"
              labelWidth={18}
              tooltip="W in weighted:W: W × share outside the band + (1 − W) × distance outside it"
              testId={TEST_IDS.queryObjectiveWeight}
              value={weight}
              placeholder={String(DEFAULT_OBJECTIVE_WEIGHT)}
              bounds={{ min: 0, max: 1 }}
              onCommit={(next) => setObjective('weighted', next)}
            />
          )}
        </>
      )}
    </InlineFieldRow>
  );
}
