import { DataSourcePluginOptionsEditorProps } from '@grafana/data';
import { Field, FieldSet, Input, SecretInput } from '@grafana/ui';
import { ChangeEvent } from 'react';

import { DEMO_SOURCE } from '../../../shared/constants';
import type { ForesightDataSourceOptions, ForesightSecureJsonData } from '../../../shared/types';
import { TEST_IDS } from '../../constants';

export type ConfigEditorProps = DataSourcePluginOptionsEditorProps<ForesightDataSourceOptions, ForesightSecureJsonData>;

/** Settings of a Foresight datasource: where series come from and the token to read them. */
export function ConfigEditor({ options, onOptionsChange }: ConfigEditorProps) {
  const { jsonData, secureJsonFields } = options;
  const secureJsonData = options.secureJsonData ?? {};

  const onUpstreamChange = (event: ChangeEvent<HTMLInputElement>) => {
    onOptionsChange({ ...options, jsonData: { ...jsonData, upstreamUid: event.target.value.trim() } });
  };

  const onTokenChange = (event: ChangeEvent<HTMLInputElement>) => {
    onOptionsChange({ ...options, secureJsonData: { ...secureJsonData, serviceAccountToken: event.target.value } });
  };

  const onTokenReset = () => {
    onOptionsChange({
      ...options,
      secureJsonFields: { ...secureJsonFields, serviceAccountToken: false },
      secureJsonData: { ...secureJsonData, serviceAccountToken: '' },
    });
  };

  return (
    <FieldSet label="Source">
      <p>
        Leave the upstream empty to use the built-in demo source. Reading another datasource&apos;s series is coming;
        its UID and a service-account token with query rights go here.
      </p>
      <Field label="Upstream datasource UID" description="Empty means the built-in demo source">
        <Input
          data-testid={TEST_IDS.configUpstream}
          value={jsonData.upstreamUid ?? ''}
          placeholder={DEMO_SOURCE}
          onChange={onUpstreamChange}
          width={40}
        />
      </Field>
      <Field label="Service account token" description="Stored encrypted; needs datasources:query">
        <SecretInput
          isConfigured={Boolean(secureJsonFields?.serviceAccountToken)}
          value={secureJsonData.serviceAccountToken ?? ''}
          placeholder="glsa_…"
          onChange={onTokenChange}
          onReset={onTokenReset}
          width={40}
        />
      </Field>
    </FieldSet>
  );
}
