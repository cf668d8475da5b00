/**
 * @jest-environment jsdom
 */
import { fireEvent, render, screen } from '@testing-library/react';

import { ForesightQueryEditorProps, QueryEditor } from './QueryEditor';
import { TEST_IDS } from '../../constants';
import type { ForesightQuery } from '../../../shared/types';

function setup(query: ForesightQuery) {
  const onChange = jest.fn();
  const onRunQuery = jest.fn();
  const props = { query, onChange, onRunQuery, datasource: {} } as unknown as ForesightQueryEditorProps;
  render(<QueryEditor {...props} />);
  return { onChange, onRunQuery };
}

describe('QueryEditor', () => {
  it('passes the typed series name on', () => {
    const { onChange } = setup({ refId: 'A', series: 'demo' });
    fireEvent.change(screen.getByTestId(TEST_IDS.querySeries), { target: { value: 'cpu' } });
    expect(onChange).toHaveBeenCalledWith({ refId: 'A', series: 'cpu' });
  });

  it('stores a valid interval width under Prophet’s name and reruns the query', () => {
    const { onChange, onRunQuery } = setup({ refId: 'A', series: 'demo', params: { robust: false } });
    const input = screen.getByTestId(TEST_IDS.queryIntervalWidth);
    fireEvent.change(input, { target: { value: '0.95' } });
    fireEvent.blur(input);
    expect(onChange).toHaveBeenCalledWith({
      refId: 'A',
      series: 'demo',
      params: { robust: false, interval_width: 0.95 },
    });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('shows an error and keeps the query for a width outside (0, 1)', () => {
    const { onChange, onRunQuery } = setup({ refId: 'A', series: 'demo', params: { interval_width: 0.8 } });
    const input = screen.getByTestId(TEST_IDS.queryIntervalWidth);
    expect(input).toHaveValue('0.8');
    fireEvent.change(input, { target: { value: '1.5' } });
    fireEvent.blur(input);
    expect(screen.getByText(/between 0 and 1/)).toBeInTheDocument();
    expect(onChange).not.toHaveBeenCalled();
    expect(onRunQuery).not.toHaveBeenCalled();
  });

  it('drops the width when the box is cleared so the model default applies', () => {
    const { onChange } = setup({ refId: 'A', series: 'demo', params: { interval_width: 0.9 } });
    const input = screen.getByTestId(TEST_IDS.queryIntervalWidth);
    fireEvent.change(input, { target: { value: '' } });
    fireEvent.blur(input);
    expect(onChange).toHaveBeenCalledWith({ refId: 'A', series: 'demo', params: {} });
  });
});
