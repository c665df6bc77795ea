import { describe, expect, it } from 'vitest';
import { readCsvRecords, type CsvRecord } from './csv-records.ts';

async function collect(
  chunks: (string | Uint8Array)[],
  maxRecordLength?: number,
): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  for await (const record of readCsvRecords(
    (async function* () {
      yield* chunks;
    })(),
    { maxRecordLength },
  )) {
    out.push(record);
  }
  return out;
}

describe('readCsvRecords', () => {
  it('reads quoted fields with commas, escaped quotes and line breaks, numbering records by their first line', async () => {
    const records = await collect(['a,b\r\n"1,5","say ""hi""\nthere"\n', 'x,y\n']);
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1,5', 'say "hi"\nthere'] },
      { line: 4, fields: ['x', 'y'] },
    ]);
  });

  it('gives the same records whatever the chunk boundaries, even inside a multi-byte character or an escaped quote', async () => {
    const text = 'id,text\n1,"caf\u00e9 ""ok"" 😡"\n2,plain\n';
    const bytes = new TextEncoder().encode(text);
    const whole = await collect([text]);
    for (const size of [1, 2, 3, 5]) {
      const chunks: Uint8Array[] = [];
      for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.slice(i, i + size));
      expect(await collect(chunks)).toEqual(whole);
    }
    expect(whole[1]).toEqual({ line: 2, fields: ['1', 'café "ok" 😡'] });
  });

  it('rejects a record with text after a closing quote and keeps the next line', async () => {
    const records = await collect(['1,"bad"x,3\n2,good,4\n']);
    expect(records[0]).toMatchObject({
      line: 1,
      error: expect.stringContaining('after a closing quote'),
    });
    expect(records[1]).toEqual({ line: 2, fields: ['2', 'good', '4'] });
  });

  it('rejects a quote that never closes without swallowing the rows after it', async () => {
    const rows = ['1,"never closed,3', ...Array.from({ length: 5 }, (_, i) => `${i + 2},row,x`)];
    const records = await collect([rows.join('\n') + '\n'], 40);
    expect(records[0]).toMatchObject({ line: 1, error: expect.stringContaining('never closed') });
    expect(records.slice(1)).toEqual(
      rows.slice(1).map((row, i) => ({ line: i + 2, fields: row.split(',') })),
    );
  });

  it('rejects an unclosed quote at the end of the file', async () => {
    const records = await collect(['1,ok\n2,"open']);
    expect(records).toEqual([
      { line: 1, fields: ['1', 'ok'] },
      { line: 2, error: expect.stringContaining('never closed') },
    ]);
  });

  it('keeps a bare quote inside an unquoted field as text and skips blank lines', async () => {
    expect(await collect(['1,he said "hi"\n\n2,x'])).toEqual([
      { line: 1, fields: ['1', 'he said "hi"'] },
      { line: 3, fields: ['2', 'x'] },
    ]);
  });
});
