/**
 * @jest-environment jsdom
 */
import { act, fireEvent, render, screen, within } from '@testing-library/react';

import { ConfigEditor, ConfigEditorProps } from './ConfigEditor';
import { settle } from '../../../test-utils/settle';
import { TEST_IDS } from '../../constants';

function setup(overrides: Partial<ConfigEditorProps['options']> = {}) {
  const options = {
    id: 1,
    uid: 'foresight',
    name: 'Foresight',
    type: 'foresight-anomaly-datasource',
    jsonData: {},
    secureJsonFields: {},
    ...overrides,
  } as ConfigEditorProps['options'];
  const onOptionsChange = jest.fn();
  render(<ConfigEditor options={options} onOptionsChange={onOptionsChange} />);
  return { onOptionsChange, last: () => onOptionsChange.mock.calls[onOptionsChange.mock.calls.length - 1][0] };
}

describe('ConfigEditor', () => {
  it('stores a trimmed Prometheus URL and flags a bad one', () => {
    const { last } = setup();
    fireEvent.change(screen.getByTestId(TEST_IDS.configPrometheusUrl), { target: { value: ' http://prom:9090 ' } });
    expect(last().jsonData).toEqual({ prometheusUrl: 'http://prom:9090' });
  });

  it('shows why a URL is refused', () => {
    setup({ jsonData: { prometheusUrl: 'prom:9090' } });
    expect(screen.getByText(/must start with http/)).toBeInTheDocument();
  });

  it('asks for user and password with basic auth and keeps the password out of jsonData', () => {
    const { last } = setup({ jsonData: { prometheusAuth: 'basic' } });
    fireEvent.change(screen.getByTestId(TEST_IDS.configPrometheusUser), { target: { value: 'grafana' } });
    expect(last().jsonData).toEqual({ prometheusAuth: 'basic', prometheusUser: 'grafana' });
    fireEvent.change(screen.getByPlaceholderText('password'), { target: { value: 's3cret' } });
    expect(last().secureJsonData).toEqual({ prometheusPassword: 's3cret' });
    expect(JSON.stringify(last().jsonData)).not.toContain('s3cret');
  });

  it('switches to a bearer token', () => {
    const { last } = setup();
    fireEvent.click(screen.getByLabelText('Bearer token'));
    expect(last().jsonData).toEqual({ prometheusAuth: 'bearer' });
  });

  it('writes the service-account token only to secureJsonData', () => {
    const { last } = setup();
    fireEvent.change(screen.getByPlaceholderText('glsa_…'), { target: { value: 'glsa_secret' } });
    expect(last().secureJsonData).toEqual({ serviceAccountToken: 'glsa_secret' });
    expect(last().jsonData).toEqual({});
  });

  it('resets a stored token', () => {
    const { last } = setup({ secureJsonFields: { serviceAccountToken: true } });
    fireEvent.click(screen.getByRole('button', { name: /reset/i }));
    expect(last().secureJsonFields).toEqual({ serviceAccountToken: false });
    expect(last().secureJsonData).toEqual({ serviceAccountToken: '' });
  });

  it('shows the limits’ defaults and stores a changed limit', () => {
    const { last } = setup();
    const maxSeries = screen.getByLabelText('Max series per query');
    expect(maxSeries).toHaveAttribute('placeholder', '1000');
    fireEvent.change(maxSeries, { target: { value: '200' } });
    fireEvent.blur(maxSeries);
    expect(last().jsonData).toEqual({ maxSeries: 200 });
    fireEvent.change(maxSeries, { target: { value: '20000' } });
    fireEvent.blur(maxSeries);
    expect(screen.getByText('Enter a whole number at least 1 and at most 10000')).toBeInTheDocument();
  });

  it('refuses a default training window longer than the maximum, which the backend would cut to the maximum', () => {
    const { onOptionsChange } = setup({ jsonData: { maxTrainingDays: 30 } });
    const days = screen.getByLabelText('Default training days');
    fireEvent.change(days, { target: { value: '40' } });
    fireEvent.blur(days);
    expect(screen.getByText('Enter a whole number at least 1 and at most 30')).toBeInTheDocument();
    expect(onOptionsChange).not.toHaveBeenCalled();
  });

  it('says what the series and points limits do, as the backend does it', async () => {
    setup();
    // The info icon sits in the field's label; hovering it shows the tooltip.
    const tooltip = async (label: string) => {
      const labelElement = screen.getByText(label, { selector: 'label' });
      const icon = within(labelElement).getByTestId('icon-info-circle');
      await act(async () => icon.focus());
      await settle();
      const text = screen.getByRole('tooltip').textContent;
      await act(async () => icon.blur());
      return text;
    };
    expect(await tooltip('Max series per query')).toMatch(/a query returning more fails/);
    expect(await tooltip('Max points per series')).toMatch(/training is shortened to fit, with a notice/);
  });

  it('toggles TLS verification off', () => {
    const { last } = setup();
    fireEvent.click(screen.getByLabelText('Skip TLS verification'));
    expect(last().jsonData).toEqual({ tlsSkipVerify: true });
  });

  it('allows no Grafana datasource until an admin lists one, and stores the list of UIDs', () => {
    const { last } = setup();
    expect(screen.getByText(/None yet/)).toBeInTheDocument();
    const input = screen.getByPlaceholderText('Datasource UID (Enter to add)');
    fireEvent.change(input, { target: { value: 'prometheus' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(last().jsonData).toEqual({ allowedDatasources: ['prometheus'] });
  });

  it('drops the setting when the last allowed datasource is removed', () => {
    const { last } = setup({ jsonData: { allowedDatasources: ['prometheus'] } });
    fireEvent.click(screen.getByRole('button', { name: /remove tag: prometheus/i }));
    expect(last().jsonData).toEqual({});
  });

  it('checks users when Grafana says who by default, and can require it', () => {
    const { last } = setup();
    expect(screen.getByLabelText('When Grafana says who')).toBeChecked();
    fireEvent.click(screen.getByLabelText('Always'));
    expect(last().jsonData).toEqual({ userAccessCheck: 'required' });
  });

  it('keeps models on disk by default, in a directory it may be given', () => {
    const { last } = setup();
    expect(screen.getByLabelText('Disk')).toBeChecked();
    fireEvent.change(screen.getByTestId(TEST_IDS.configModelStoreDir), { target: { value: ' /data/foresight ' } });
    expect(last().jsonData).toEqual({ modelStoreDir: '/data/foresight' });
  });

  it('asks for a Redis address, flags a bad one and keeps the password out of jsonData', () => {
    const { last } = setup({ jsonData: { modelStore: 'redis' } });
    expect(screen.getByText('Required for the Redis store')).toBeInTheDocument();
    fireEvent.change(screen.getByTestId(TEST_IDS.configRedisAddress), { target: { value: 'redis://redis:6379' } });
    expect(last().jsonData).toEqual({ modelStore: 'redis', redisAddress: 'redis://redis:6379' });
    fireEvent.change(screen.getByPlaceholderText('Redis password'), { target: { value: 'r3dis' } });
    expect(last().secureJsonData).toEqual({ redisPassword: 'r3dis' });
    expect(JSON.stringify(last().jsonData)).not.toContain('r3dis');
  });

  it('shows why a Redis address is refused', () => {
    setup({ jsonData: { modelStore: 'redis', redisAddress: 'redis://redis:6379' } });
    expect(screen.getByText('Host and port, e.g. redis:6379')).toBeInTheDocument();
  });
});
