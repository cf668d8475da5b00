/**
 * @jest-environment jsdom
 */
import { fireEvent, render, screen } from '@testing-library/react';

import { NumberField } from './NumberField';

function field(value: number | undefined, onCommit = jest.fn()) {
  return (
    <NumberField
      label="Training days"
      tooltip="History"
      value={value}
      placeholder="28"
      bounds={{ min: 1, max: 56, integer: true }}
      onCommit={onCommit}
    />
  );
}

describe('NumberField', () => {
  it('drops the error of a rejected entry when a new value comes from outside', () => {
    const view = render(field(14));
    const box = screen.getByLabelText('Training days');
    fireEvent.change(box, { target: { value: '400' } });
    fireEvent.blur(box);
    expect(screen.getByText('Enter a whole number at least 1 and at most 56')).toBeInTheDocument();
    // Another editor (or a reset) sets the value: the box shows it, and the old complaint goes.
    view.rerender(field(21));
    expect(box).toHaveValue('21');
    expect(screen.queryByText('Enter a whole number at least 1 and at most 56')).not.toBeInTheDocument();
  });
});
