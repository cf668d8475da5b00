import { Field, FieldSet, RadioButtonGroup, TagsInput } from '@grafana/ui';
import type { SelectableValue } from '@grafana/data';

import { DEFAULT_SETTINGS } from '../../../shared/constants';
import type { UserAccessCheck } from '../../../shared/types';
import { type ForesightSettings, withJsonData } from './configUpdates';

const USER_CHECK_OPTIONS: Array<SelectableValue<UserAccessCheck>> = [
  {
    label: 'When Grafana says who',
    value: 'auto',
    description: 'Check the user whenever Grafana forwards their ID token (idForwarding)',
  },
  { label: 'Always', value: 'required', description: 'Refuse users Grafana does not identify (alert rules still run)' },
  {
    label: 'Off',
    value: 'off',
    description: 'Allowed datasources only (Grafana Cloud, whose ID tokens cannot be checked)',
  },
];

interface Props {
  options: ForesightSettings;
  onOptionsChange: (options: ForesightSettings) => void;
}

/** Which Grafana datasources queries may read, and whether each user's own permissions are checked too. */
export function AccessSection({ options, onOptionsChange }: Props) {
  const { jsonData } = options;
  const allowed = jsonData.allowedDatasources ?? [];
  return (
    <FieldSet label="Access to Grafana datasources">
      <p>
        Queries read a Grafana datasource through the plugin&apos;s own account, so Foresight reads only those listed
        here (by UID, as in the datasource&apos;s address: <code>/connections/datasources/edit/&lt;uid&gt;</code>), only
        in this organisation, and, where Grafana forwards the user&apos;s identity, only what that user may query and
        see. The account needs <code>datasources:query</code>, <code>annotations:read</code>, <code>orgs:read</code>{' '}
        and, to check users, <code>users.permissions:read</code>, <code>dashboards:read</code> and{' '}
        <code>folders:read</code>.
      </p>
      <Field
        label="Allowed datasources"
        description={allowed.length === 0 ? 'None yet: queries on the Grafana source are refused' : undefined}
      >
        <TagsInput
          placeholder="Datasource UID (Enter to add)"
          tags={allowed}
          autoColors={false}
          maxLength={100}
          onChange={(tags) =>
            onOptionsChange(withJsonData(options, { allowedDatasources: tags.length > 0 ? tags : undefined }))
          }
          width={40}
        />
      </Field>
      <Field label="Check each user's own permissions">
        <RadioButtonGroup<UserAccessCheck>
          options={USER_CHECK_OPTIONS}
          value={jsonData.userAccessCheck ?? DEFAULT_SETTINGS.userAccessCheck}
          onChange={(userAccessCheck) => onOptionsChange(withJsonData(options, { userAccessCheck }))}
        />
      </Field>
    </FieldSet>
  );
}
