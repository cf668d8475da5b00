/**
 * @jest-environment jsdom
 */
import { BackendSrv, setBackendSrv } from '@grafana/runtime';
import { fireEvent, render, screen } from '@testing-library/react';

import { AnnotationList } from './AnnotationList';
import type { ListedAnnotation } from '../../api/annotations';
import { useAnnotationActions } from '../../hooks/useAnnotationActions';
import { settle } from '../../../test-utils/settle';

const RANGE = { from: 0, to: 5000 };
const LOCATION = { dashboardUID: 'dash', panelId: 2 };

const rows = [
  { id: 7, time: 1000, timeEnd: 2000, tags: ['foresight:exclude'], text: 'deploy', dashboardUID: 'dash', panelId: 2 },
  { id: 8, time: 3000, timeEnd: 3000, tags: ['foresight:false-alarm'], text: 'batch job', dashboardUID: '' },
  { id: 9, time: 3000, timeEnd: 3000, tags: ['foresight:exclude'], text: 'other dashboard', dashboardUID: 'other' },
];

function ListWithActions({ canDelete = () => true }: { canDelete?: (a: ListedAnnotation) => boolean }) {
  const actions = useAnnotationActions(LOCATION);
  return <AnnotationList actions={actions} range={RANGE} timeZone="utc" canDelete={canDelete} onDismiss={jest.fn()} />;
}

describe('AnnotationList', () => {
  it('lists this panel’s and organisation-wide Foresight annotations and removes one', async () => {
    const del = jest.fn().mockResolvedValue({});
    setBackendSrv({ get: jest.fn().mockResolvedValue(rows), delete: del } as unknown as BackendSrv);
    render(<ListWithActions />);
    await settle();
    expect(screen.getByText('deploy')).toBeInTheDocument();
    expect(screen.getByText('batch job')).toBeInTheDocument();
    expect(screen.getByText('organisation')).toBeInTheDocument();
    expect(screen.queryByText('other dashboard')).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Remove annotation 7' }));
    await settle();
    expect(screen.queryByText('deploy')).not.toBeInTheDocument();
    expect(del).toHaveBeenCalledWith('/api/annotations/7');
    expect(screen.getByText('batch job')).toBeInTheDocument();
  });

  it('offers Remove only on rows the user may delete', async () => {
    setBackendSrv({ get: jest.fn().mockResolvedValue(rows) } as unknown as BackendSrv);
    render(<ListWithActions canDelete={(a) => !a.orgWide} />);
    await settle();
    expect(screen.getByRole('button', { name: 'Remove annotation 7' })).toBeInTheDocument();
    expect(screen.getByText('batch job')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Remove annotation 8' })).not.toBeInTheDocument();
  });

  it('shows why the list could not load', async () => {
    setBackendSrv({
      get: jest.fn().mockRejectedValue({ status: 403, data: { message: 'Access denied' } }),
    } as unknown as BackendSrv);
    render(<ListWithActions />);
    await settle();
    expect(screen.getByText('Could not list annotations: Access denied')).toBeInTheDocument();
  });

  it('keeps the row and says why when removing fails', async () => {
    setBackendSrv({
      get: jest.fn().mockResolvedValue(rows),
      delete: jest.fn().mockRejectedValue({ status: 403, data: { message: 'not your annotation' } }),
    } as unknown as BackendSrv);
    render(<ListWithActions />);
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'Remove annotation 8' }));
    await settle();
    expect(screen.getByText('Could not remove the annotation: not your annotation')).toBeInTheDocument();
    expect(screen.getByText('batch job')).toBeInTheDocument();
  });
});
