/**
 * @jest-environment jsdom
 */
import { AppPluginMeta, PluginType } from '@grafana/data';
import { render, screen } from '@testing-library/react';

import { AppConfig, AppConfigProps } from './AppConfig';
import { TEST_IDS } from '../../constants';

function props(enabled: boolean): AppConfigProps {
  const meta = {
    id: 'foresight-anomaly-app',
    name: 'Foresight',
    type: PluginType.app,
    enabled,
    jsonData: {},
    info: {},
  } as unknown as AppPluginMeta<object>;
  return { plugin: { meta } as AppConfigProps['plugin'], query: {}, onChange: jest.fn() } as unknown as AppConfigProps;
}

describe('AppConfig', () => {
  it('explains the setup steps', () => {
    render(<AppConfig {...props(true)} />);
    expect(screen.getByText('Set up Foresight')).toBeInTheDocument();
    expect(screen.getByText('yhat_lower')).toBeInTheDocument();
    expect(screen.queryByText('The app is not enabled yet')).not.toBeInTheDocument();
  });

  it('links to the provisioned example dashboard', () => {
    render(<AppConfig {...props(true)} />);
    expect(screen.getByTestId(TEST_IDS.exampleDashboard)).toHaveAttribute('href', '/d/foresight-demo');
  });

  it('asks to enable the app while it is disabled', () => {
    render(<AppConfig {...props(false)} />);
    expect(screen.getByText('The app is not enabled yet')).toBeInTheDocument();
  });
});
