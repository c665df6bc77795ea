import { PassThrough, Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { TriageAnalysis } from '../triage/models.ts';
import { composeTriage } from '../triage/triage.ts';
import { parseLine, triageLines } from './triage-command.ts';

describe('parseLine', () => {
  it('reads id<TAB>text', () => {
    expect(parseLine('1700000000123\tmy bag is lost', 7)).toEqual({
      id: '1700000000123',
      text: 'my bag is lost',
    });
  });

  it('numbers plain text lines by their line number', () => {
    expect(parseLine('my bag is lost', 7)).toEqual({ id: '7', text: 'my bag is lost' });
  });

  it('keeps a tab inside prose as text', () => {
    expect(parseLine('my bag\tis lost', 3)).toEqual({ id: '3', text: 'my bag\tis lost' });
    expect(parseLine('\tleading tab', 4)).toEqual({ id: '4', text: '\tleading tab' });
  });

  it('skips blank lines and strips a CR', () => {
    expect(parseLine('', 1)).toBeUndefined();
    expect(parseLine('  \t ', 1)).toBeUndefined();
    expect(parseLine('a1\thello\r', 1)).toEqual({ id: 'a1', text: 'hello' });
  });
});

// Fixed predictions: these tests are about streaming, not about the models.
const analysis: TriageAnalysis = {
  language: { language: 'en', confidence: 0.9 },
  sentiment: { label: 'negative', score: -0.5, confidence: 0.8 },
  complaint: { complaint: true, probability: 0.8 },
  intent: { intent: 'other', category: 'SOCIAL', confidence: 0.5 },
};
const triage = (text: string) => composeTriage({ text }, analysis);

function collect(): { stream: Writable; lines: () => Array<Record<string, unknown>> } {
  const chunks: string[] = [];
  const stream = new Writable({
    highWaterMark: 64,
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString());
      setImmediate(callback);
    },
  });
  const lines = () =>
    chunks
      .join('')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { stream, lines };
}

describe('triageLines', () => {
  it('writes one JSON line per mention in input order, through a slow output', async () => {
    const input = Readable.from(
      Array.from({ length: 500 }, (_, i) => `m${i}\tmention number ${i}\n`),
    );
    const output = collect();
    await triageLines(input, output.stream, triage);
    const ids = output.lines().map((l) => l.id);
    expect(ids).toEqual(Array.from({ length: 500 }, (_, i) => `m${i}`));
  });

  it('turns a failure on one line into an error record and carries on', async () => {
    const output = collect();
    const failing = (text: string) => {
      if (text === 'boom') throw new Error('model exploded');
      return triage(text);
    };
    await triageLines(Readable.from(['ok\nboom\nok again\n']), output.stream, failing);
    expect(output.lines()).toEqual([
      expect.objectContaining({ id: '1', complaint: true }),
      { id: '2', error: 'could not triage: model exploded' },
      expect.objectContaining({ id: '3' }),
    ]);
  });

  it('stops quietly when the reader goes away', async () => {
    const input = new PassThrough();
    const output = new Writable({
      write(_chunk, _encoding, callback) {
        const error: NodeJS.ErrnoException = new Error('write EPIPE');
        error.code = 'EPIPE';
        callback(error);
      },
    });
    const run = triageLines(input, output, triage);
    input.write('first\nsecond\n');
    input.write('third\n');
    await expect(run).resolves.toBeUndefined();
    expect(input.destroyed).toBe(true);
  });
});
