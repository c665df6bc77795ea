import { createReadStream, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ImportRecord } from './import-record.ts';
import { readMentionsJsonl } from './jsonl.ts';

const path = new URL('./fixtures/mentions.jsonl', import.meta.url).pathname;

describe('JSON Lines import', () => {
  it('keeps valid mentions and rejects each bad line with its number and the field at fault', async () => {
    const records: ImportRecord[] = [];
    for await (const record of readMentionsJsonl(createReadStream(path, { highWaterMark: 64 })))
      records.push(record);
    const lines = readFileSync(path, 'utf8').split('\n');
    const validLines = lines.flatMap((text, index) => {
      try {
        const value = JSON.parse(text);
        return value.postedAt && !('sentimnt' in value) ? [index + 1] : [];
      } catch {
        return [];
      }
    });
    expect(records.filter((r) => r.kind === 'mention').map((r) => r.line)).toEqual(validLines);
    const rejected = records.filter((r) => r.kind === 'rejected');
    expect(rejected.map((r) => [r.line, r.reason])).toEqual([
      [4, expect.stringMatching(/^postedAt: /)],
      [5, expect.stringMatching(/sentimnt/)],
      [6, 'not valid JSON'],
    ]);
    const reply = records.at(-1);
    expect(reply?.kind === 'mention' && reply.mention).toMatchObject({
      network: 'import',
      externalId: 'crm-506',
      parentExternalId: 'crm-500',
      rootExternalId: 'crm-500',
    });
  });
});
