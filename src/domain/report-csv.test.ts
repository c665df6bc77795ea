import { describe, expect, it } from 'vitest';
import { itemsToCsv, measureRows, toCsv } from './report-csv.ts';

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

describe('measureRows and itemsToCsv', () => {
  it('flattens nested measures into named rows', () => {
    expect(measureRows({ rate: 0.5, first: { count: 2, median: null } })).toEqual([
      ['rate', 0.5],
      ['first.count', 2],
      ['first.median', null],
    ]);
  });

  it('writes items with their keys as columns', () => {
    expect(itemsToCsv([{ day: '2026-03-01', net: -0.5 }])).toBe('day,net\r\n2026-03-01,-0.5\r\n');
    expect(itemsToCsv([])).toBe('\r\n');
  });
});
