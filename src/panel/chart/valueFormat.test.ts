/**
 * @jest-environment jsdom
 */
import { createTheme, FieldType } from '@grafana/data';

import { valueFormatter } from './valueFormat';

describe('valueFormatter(field, theme)', () => {
  it('applies unit and decimals from field config', () => {
    const field = { name: 'value', type: FieldType.number, values: [], config: { unit: 'percent', decimals: 1 } };
    expect(valueFormatter(field, createTheme())(12.345)).toBe('12.3%');
  });

  it('falls back to plain numbers', () => {
    const field = { name: 'value', type: FieldType.number, values: [], config: {} };
    expect(valueFormatter(field, createTheme())(42000)).toBe('42000');
  });
});
