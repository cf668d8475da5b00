import { DataSourcePluginOptionsEditorProps } from '@grafana/data';
import {
  Field,
  FieldSet,
  InlineFieldRow,
  InlineSwitch,
  Input,
  RadioButtonGroup,
  SecretInput,
  Select,
} from '@grafana/ui';
import { ChangeEvent } from 'react';

import { DEFAULT_SETTINGS, HARD_LIMITS } from '../../../shared/constants';
import type {
  ForesightDataSourceOptions,
  ForesightSecureJsonData,
  PrometheusAuth,
  SourceKind,
} from '../../../shared/types';
import { AUTH_OPTIONS, SOURCE_OPTIONS, TEST_IDS } from '../../constants';
import { NumberField } from '../NumberField';
import { AccessSection } from './AccessSection';
import { ModelStoreSection } from './ModelStoreSection';
import {
  resetSecret,
  SecretKey,
  type TextSetting,
  urlProblem,
  withJsonData,
  withSecret,
  withText,
} from './configUpdates';

export type ConfigEditorProps = DataSourcePluginOptionsEditorProps<ForesightDataSourceOptions, ForesightSecureJsonData>;

/** redisDB is a Redis setting, not a limit: it is set by provisioning (docs/ha.md), from 0. */
type LimitKey = Exclude<keyof typeof HARD_LIMITS, 'redisDB'>;
interface LimitRow {
  label: string;
  tooltip: string;
}

/** One row per numeric setting the backend caps: a new limit does not compile until it has a row here. */
const LIMITS: Record<LimitKey, LimitRow> = {
  defaultTrainingDays: { label: 'Default training days', tooltip: 'History used when a query sets none' },
  maxTrainingDays: { label: 'Max training days', tooltip: 'Upper bound on a query’s training window' },
  maxSeries: {
    label: 'Max series per query',
    tooltip: 'Series one query may read; a query returning more fails with a message naming this limit',
  },
  maxPointsPerSeries: {
    label: 'Max points per series',
    tooltip: 'Points read per series, training and range together; training is shortened to fit, with a notice',
  },
  queryTimeoutSeconds: { label: 'Query timeout (s)', tooltip: 'Fetch plus fit, per query' },
  cacheMegabytes: { label: 'Model cache (MB)', tooltip: 'Fitted models kept between refreshes' },
  maxConcurrentQueries: {
    label: 'Max queries at once',
    tooltip: 'Queries answered at once on this datasource; more wait their turn within their timeout',
  },
  maxResourceCalls: {
    label: 'Max model tool calls',
    tooltip: 'Cross-validation, tuning and components running at once; more are refused until one ends',
  },
  maxEvaluationFits: { label: 'Max fits per evaluation', tooltip: 'Fits one cross-validation or tuning call may run' },
  modelStoreMegabytes: {
    label: 'Model store (MB)',
    tooltip: 'Size of the disk store; Redis is bounded by its maxmemory',
  },
  modelStoreTTLHours: { label: 'Model store expiry (h)', tooltip: 'Hours a stored model is kept' },
};

/** Settings of a Foresight datasource: sources, credentials (write-only), defaults and limits. */
export function ConfigEditor({ options, onOptionsChange }: ConfigEditorProps) {
  const { jsonData } = options;
  const secureJsonFields = options.secureJsonFields ?? {};
  const auth: PrometheusAuth = jsonData.prometheusAuth ?? DEFAULT_SETTINGS.prometheusAuth;
  const prometheusUrlProblem = urlProblem(jsonData.prometheusUrl);
  const grafanaUrlProblem = urlProblem(jsonData.grafanaUrl);

  const secret = (key: SecretKey, placeholder: string) => (
    <SecretInput
      isConfigured={Boolean(secureJsonFields[key])}
      value={options.secureJsonData?.[key] ?? ''}
      placeholder={placeholder}
      onChange={(event: ChangeEvent<HTMLInputElement>) => onOptionsChange(withSecret(options, key, event.target.value))}
      onReset={() => onOptionsChange(resetSecret(options, key))}
      width={40}
    />
  );
  const text = (key: TextSetting) => (event: ChangeEvent<HTMLInputElement>) =>
    onOptionsChange(withText(options, key, event.target.value));
  // The backend holds the default training window to the maximum one, so a longer default would be cut silently.
  const limitMax = (key: LimitKey) =>
    key === 'defaultTrainingDays'
      ? Math.min(HARD_LIMITS[key], jsonData.maxTrainingDays ?? DEFAULT_SETTINGS.maxTrainingDays)
      : HARD_LIMITS[key];

  return (
    <>
      <FieldSet label="Default source">
        <Field label="Source for new queries" description="A query can still pick another">
          <Select<SourceKind>
            aria-label="Default source"
            options={SOURCE_OPTIONS}
            value={jsonData.defaultSource ?? DEFAULT_SETTINGS.defaultSource}
            onChange={(item) => onOptionsChange(withJsonData(options, { defaultSource: item.value }))}
            width={40}
          />
        </Field>
      </FieldSet>

      <FieldSet label="Prometheus">
        <Field
          label="URL"
          description="Prometheus-compatible API (Prometheus, Mimir, Thanos, VictoriaMetrics) for PromQL queries"
          invalid={prometheusUrlProblem !== undefined}
          error={prometheusUrlProblem}
        >
          <Input
            data-testid={TEST_IDS.configPrometheusUrl}
            value={jsonData.prometheusUrl ?? ''}
            placeholder="http://prometheus:9090"
            onChange={text('prometheusUrl')}
            width={40}
          />
        </Field>
        <Field label="Authentication">
          <RadioButtonGroup<PrometheusAuth>
            options={AUTH_OPTIONS}
            value={auth}
            onChange={(prometheusAuth) => onOptionsChange(withJsonData(options, { prometheusAuth }))}
          />
        </Field>
        {auth === 'basic' && (
          <>
            <Field label="User">
              <Input
                data-testid={TEST_IDS.configPrometheusUser}
                value={jsonData.prometheusUser ?? ''}
                onChange={text('prometheusUser')}
                width={40}
              />
            </Field>
            <Field label="Password" description="Stored encrypted">
              {secret('prometheusPassword', 'password')}
            </Field>
          </>
        )}
        {auth === 'bearer' && (
          <Field label="Bearer token" description="Stored encrypted">
            {secret('prometheusBearerToken', 'token')}
          </Field>
        )}
        <Field label="Skip TLS verification" description="Only for test servers with self-signed certificates">
          <InlineSwitch
            aria-label="Skip TLS verification"
            value={Boolean(jsonData.tlsSkipVerify)}
            onChange={(event: ChangeEvent<HTMLInputElement>) =>
              onOptionsChange(withJsonData(options, { tlsSkipVerify: event.currentTarget.checked || undefined }))
            }
          />
        </Field>
      </FieldSet>

      <FieldSet label="Grafana datasources and annotations">
        <p>
          Foresight reads other datasources and the <code>foresight:exclude</code> annotations with the plugin&apos;s
          managed service account when Grafana provides one. Otherwise, paste a service-account token of this
          organisation here, with the permissions listed under access below.
        </p>
        <Field
          label="Grafana URL"
          description="Grafana's address as the backend reaches it; empty uses the server's own app URL"
          invalid={grafanaUrlProblem !== undefined}
          error={grafanaUrlProblem}
        >
          <Input
            data-testid={TEST_IDS.configGrafanaUrl}
            value={jsonData.grafanaUrl ?? ''}
            placeholder="http://localhost:3000"
            onChange={text('grafanaUrl')}
            width={40}
          />
        </Field>
        <Field
          label="Service account token"
          description="Fallback when the managed service account is off; stored encrypted"
        >
          {secret('serviceAccountToken', 'glsa_…')}
        </Field>
      </FieldSet>

      <AccessSection options={options} onOptionsChange={onOptionsChange} />

      <ModelStoreSection options={options} onOptionsChange={onOptionsChange} secret={secret} />

      <FieldSet label="Defaults and limits">
        {(Object.entries(LIMITS) as Array<[LimitKey, LimitRow]>).map(([key, { label, tooltip }]) => (
          <InlineFieldRow key={key}>
            <NumberField
              label={label}
              labelWidth={26}
              tooltip={`${tooltip} (at most ${limitMax(key)})`}
              value={jsonData[key]}
              placeholder={String(DEFAULT_SETTINGS[key])}
              bounds={{ min: 1, max: limitMax(key), integer: true }}
              onCommit={(value) => onOptionsChange(withJsonData(options, { [key]: value }))}
            />
          </InlineFieldRow>
        ))}
      </FieldSet>
    </>
  );
}
