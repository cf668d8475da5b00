/**
 * @jest-environment jsdom
 */
import { fireEvent, render, screen } from '@testing-library/react';

import { ForesightQueryEditorProps, QueryEditor } from './QueryEditor';
import { TEST_IDS } from '../../constants';
import type { ForesightQuery } from '../../../shared/types';

jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  DataSourcePicker: () => null,
  getDataSourceSrv: () => ({ get: () => Promise.reject(new Error('none')) }),
}));

function setup(query: ForesightQuery, notices: string[] = []) {
  const onChange = jest.fn();
  const onRunQuery = jest.fn();
  const data = {
    series: [{ fields: [], length: 0, meta: { notices: notices.map((text) => ({ severity: 'warning', text })) } }],
  };
  const props = {
    query,
    onChange,
    onRunQuery,
    datasource: { settings: {} },
    data,
  } as unknown as ForesightQueryEditorProps;
  const { rerender } = render(<QueryEditor {...props} />);
  const show = (next: ForesightQuery) => rerender(<QueryEditor {...props} query={next} />);
  return { onChange, onRunQuery, show };
}

function type(testId: string, text: string) {
  const box = screen.getByTestId(testId);
  fireEvent.change(box, { target: { value: text } });
  fireEvent.blur(box);
}

describe('WarningSection', () => {
  it('stays folded until opened on a query without a warning', () => {
    setup({ refId: 'A' });
    expect(screen.queryByTestId(TEST_IDS.queryWarningAbove)).not.toBeInTheDocument();
    fireEvent.click(screen.getByTestId(TEST_IDS.queryWarning));
    expect(screen.getByTestId(TEST_IDS.queryWarningLead)).toHaveAttribute('placeholder', '6h');
  });

  it('keeps a number as a number, a dashboard variable as text, and runs the query', () => {
    const { onChange, onRunQuery } = setup({ refId: 'A', warning: { leadTime: '2h' } });
    type(TEST_IDS.queryWarningAbove, '90');
    expect(onChange).toHaveBeenLastCalledWith({ refId: 'A', warning: { leadTime: '2h', above: 90 } });
    type(TEST_IDS.queryWarningBelow, '$floor');
    expect(onChange).toHaveBeenLastCalledWith({ refId: 'A', warning: { leadTime: '2h', below: '$floor' } });
    expect(onRunQuery).toHaveBeenCalledTimes(2);
  });

  it('shows a threshold changed from outside the box (another editor, a reset)', () => {
    const { show } = setup({ refId: 'A', warning: { above: 90 } });
    expect(screen.getByTestId(TEST_IDS.queryWarningAbove)).toHaveValue('90');
    show({ refId: 'A', warning: { above: 75 } });
    expect(screen.getByTestId(TEST_IDS.queryWarningAbove)).toHaveValue('75');
    show({ refId: 'A', warning: {} });
    expect(screen.getByTestId(TEST_IDS.queryWarningAbove)).toHaveValue('');
  });

  it('names an alert rule, and drops the warning once every box is blank', () => {
    const { onChange } = setup({ refId: 'A', warning: { leadTime: '6h' } });
    type(TEST_IDS.queryWarningRule, ' disk-high ');
    expect(onChange).toHaveBeenLastCalledWith({ refId: 'A', warning: { leadTime: '6h', rule: { uid: 'disk-high' } } });
    type(TEST_IDS.queryWarningLead, '');
    expect(onChange).toHaveBeenLastCalledWith({ refId: 'A' });
  });

  it('says what the backend would refuse, and shows its notice about a rule it could not read', () => {
    setup({ refId: 'A', warning: { above: 10, below: 20 } }, [
      'no early warning (breach_eta, breach_probability): alert rule "x" was not read: the plugin\'s service account lacks alert.provisioning:read',
      'cpu: points from 2025-10-01 not judged',
    ]);
    expect(screen.getByTestId(TEST_IDS.queryProblem)).toHaveTextContent(
      'warning.below (20) must be less than warning.above (10)'
    );
    const notices = screen.getAllByTestId(TEST_IDS.queryWarningNotice);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toHaveTextContent('alert.provisioning:read');
  });
});
