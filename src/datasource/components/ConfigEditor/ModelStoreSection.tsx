import { Field, FieldSet, Input, RadioButtonGroup } from '@grafana/ui';
import type { SelectableValue } from '@grafana/data';
import { ChangeEvent, type JSX } from 'react';

import { DEFAULT_SETTINGS } from '../../../shared/constants';
import type { ModelStore } from '../../../shared/types';
import { TEST_IDS } from '../../constants';
import { type ForesightSettings, hostPortProblem, type TextSetting, withJsonData, withText } from './configUpdates';

const STORE_OPTIONS: Array<SelectableValue<ModelStore>> = [
  { label: 'Disk', value: 'disk', description: 'A file on this Grafana’s disk: fits survive a restart' },
  { label: 'Redis', value: 'redis', description: 'Shared by Grafana replicas, which then fit each series once' },
  { label: 'Memory', value: 'memory', description: 'This process only: a restart refits every series' },
];

interface Props {
  options: ForesightSettings;
  onOptionsChange: (options: ForesightSettings) => void;
  /** Renders the write-only input of a secret (the Redis password). */
  secret: (key: 'redisPassword', placeholder: string) => JSX.Element;
}

/** Where fitted models and selections are kept beyond the process: docs/ha.md explains the choices. */
export function ModelStoreSection({ options, onOptionsChange, secret }: Props) {
  const { jsonData } = options;
  const kind = jsonData.modelStore ?? DEFAULT_SETTINGS.modelStore;
  const addressProblem =
    kind === 'redis' && !jsonData.redisAddress
      ? 'Required for the Redis store'
      : hostPortProblem(jsonData.redisAddress);
  const text = (key: TextSetting) => (event: ChangeEvent<HTMLInputElement>) =>
    onOptionsChange(withText(options, key, event.target.value));
  return (
    <FieldSet label="Model store">
      <Field label="Keep fitted models in">
        <RadioButtonGroup<ModelStore>
          options={STORE_OPTIONS}
          value={kind}
          onChange={(modelStore) => onOptionsChange(withJsonData(options, { modelStore }))}
        />
      </Field>
      {kind === 'disk' && (
        <Field label="Directory" description="Absolute path; empty: foresight under Grafana's data directory">
          <Input
            data-testid={TEST_IDS.configModelStoreDir}
            value={jsonData.modelStoreDir ?? ''}
            placeholder="/var/lib/grafana/foresight"
            onChange={text('modelStoreDir')}
            width={40}
          />
        </Field>
      )}
      {kind === 'redis' && (
        <>
          <Field
            label="Redis address"
            description="host:port, e.g. the Redis Grafana's remote cache uses"
            invalid={addressProblem !== undefined}
            error={addressProblem}
          >
            <Input
              data-testid={TEST_IDS.configRedisAddress}
              value={jsonData.redisAddress ?? ''}
              placeholder="redis:6379"
              onChange={text('redisAddress')}
              width={40}
            />
          </Field>
          <Field label="Redis password" description="Stored encrypted; empty when Redis asks for none">
            {secret('redisPassword', 'Redis password')}
          </Field>
        </>
      )}
    </FieldSet>
  );
}
