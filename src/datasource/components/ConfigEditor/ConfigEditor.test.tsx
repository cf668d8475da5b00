/**
 * @jest-environment jsdom
 */
import { fireEvent, render, screen } from '@testing-library/react';

import { ConfigEditor, ConfigEditorProps } from './ConfigEditor';
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
  return { onOptionsChange };
}

describe('ConfigEditor', () => {
  it('says the demo source is used when no upstream is set', () => {
    setup();
    expect(screen.getByText(/empty to use the built-in demo source/i)).toBeInTheDocument();
    expect(screen.getByTestId(TEST_IDS.configUpstream)).toHaveValue('');
  });

  it('stores a trimmed upstream uid in jsonData', () => {
    const { onOptionsChange } = setup();
    fireEvent.change(screen.getByTestId(TEST_IDS.configUpstream), { target: { value: ' prom-1 ' } });
    expect(onOptionsChange).toHaveBeenCalledWith(expect.objectContaining({ jsonData: { upstreamUid: 'prom-1' } }));
  });

  it('writes the token only to secureJsonData', () => {
    const { onOptionsChange } = setup();
    fireEvent.change(screen.getByPlaceholderText('glsa_…'), { target: { value: 'glsa_secret' } });
    const next = onOptionsChange.mock.calls[0][0];
    expect(next.secureJsonData).toEqual({ serviceAccountToken: 'glsa_secret' });
    expect(next.jsonData).toEqual({});
  });

  it('resets a stored token', () => {
    const { onOptionsChange } = setup({ secureJsonFields: { serviceAccountToken: true } });
    fireEvent.click(screen.getByRole('button', { name: /reset/i }));
    const next = onOptionsChange.mock.calls[0][0];
    expect(next.secureJsonFields).toEqual({ serviceAccountToken: false });
    expect(next.secureJsonData).toEqual({ serviceAccountToken: '' });
  });
});
