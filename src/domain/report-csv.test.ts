import { describe, expect, it } from 'vitest';
import { toCsv } from './report-csv.ts';

describe('toCsv', () => {
  it('writes a header and rows, quoting what needs it', () => {
    expect(
      toCsv(
        ['name', 'count', 'share'],
        [
          ['Acme, Inc "EU"', 3, 0.5],
          [null, 0, null],
        ],
      ),
    ).toBe('name,count,share\r\n"Acme, Inc ""EU""",3,0.5\r\n,0,\r\n');
  });

  it('never lets a spreadsheet run a cell as a formula', () => {
    expect(toCsv(['brand'], [['=HYPERLINK("x")'], ['@cmd'], ['-1+2']])).toBe(
      'brand\r\n"\'=HYPERLINK(""x"")"\r\n\'@cmd\r\n\'-1+2\r\n',
    );
  });
});
