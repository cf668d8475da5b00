import { formatCsvRow, parseCsv } from './csv';
import { CliError } from './errors';

describe('parseCsv', () => {
  it('splits plain rows and numbers them from 1', () => {
    expect(parseCsv('a,b\n1,2\n3,4\n', 'f.csv')).toEqual([
      { row: 1, fields: ['a', 'b'] },
      { row: 2, fields: ['1', '2'] },
      { row: 3, fields: ['3', '4'] },
    ]);
  });

  it('reads quoted fields with separators, doubled quotes and line breaks', () => {
    const records = parseCsv('ts,value,note\n"2024-01-01, 00:00","1.5","say ""hi""\nthere"\nx,2,\n', 'f.csv');
    expect(records[1].fields).toEqual(['2024-01-01, 00:00', '1.5', 'say "hi"\nthere']);
    // The record after a two-line field starts on line 4.
    expect(records[2]).toEqual({ row: 4, fields: ['x', '2', ''] });
  });

  it('handles CRLF, a byte order mark, blank lines and a missing final newline', () => {
    const records = parseCsv('\ufeffts,value\r\n\r\n1,2\r\n\n3,4', 'f.csv');
    expect(records).toEqual([
      { row: 1, fields: ['ts', 'value'] },
      { row: 3, fields: ['1', '2'] },
      { row: 5, fields: ['3', '4'] },
    ]);
  });

  it("skips the separator line Excel writes first (Grafana's Download CSV for Excel)", () => {
    expect(parseCsv('\ufeffsep=,\r\n"Time","cpu"\r\n"2024-05-06 00:00:00","1"\r\n', 'f.csv')).toEqual([
      { row: 2, fields: ['Time', 'cpu'] },
      { row: 3, fields: ['2024-05-06 00:00:00', '1'] },
    ]);
  });

  it('returns no records for empty or blank text', () => {
    expect(parseCsv('', 'f.csv')).toEqual([]);
    expect(parseCsv('\n  \n', 'f.csv')).toEqual([]);
  });

  it('reports a quote that is never closed with its row', () => {
    expect(() => parseCsv('a,b\n1,"2\n3,4\n', 'f.csv')).toThrow(
      new CliError('f.csv row 2: quoted field is never closed')
    );
  });
});

describe('formatCsvRow', () => {
  it('quotes only fields that need it and round-trips through parseCsv', () => {
    const fields = ['plain', 'with,comma', 'with "quote"', 'two\nlines', ''];
    const line = formatCsvRow(fields);
    expect(line).toBe('plain,"with,comma","with ""quote""","two\nlines",');
    expect(parseCsv(line, 'f.csv')[0].fields).toEqual(fields);
  });
});
