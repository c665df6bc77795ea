import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
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
  sentimentScored: true,
  sentiment: { label: 'negative', score: -0.5, confidence: 0.8 },
  complaint: { complaint: true, probability: 0.8 },
  intent: { intent: 'other', category: 'SOCIAL', confidence: 0.5 },
  socialIntent: { socialIntent: 'complaint', confidence: 0.7 },
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

describe('earshot triage (the real command)', () => {
  const bin = fileURLToPath(new URL('../../bin/earshot.js', import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), 'earshot-triage-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function earshot(args: string[], stdin?: Buffer | string) {
    const result = spawnSync(process.execPath, [bin, ...args], {
      input: stdin,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const lines = result.stdout
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    return { status: result.status, stderr: result.stderr, lines };
  }

  it('triages a file of id<TAB>text lines, including bad input, one result per mention', () => {
    const file = join(dir, 'mentions.tsv');
    const lines = [
      Buffer.from('c1\t@acme my order never arrived and nobody answers, I want a refund\n'),
      Buffer.from('\n   \n'),
      Buffer.from('c2\tthank you so much, the new app is great!\n'),
      Buffer.from(
        'c3\tMon vol est annulé et personne ne répond au téléphone depuis deux heures.\n',
      ),
      Buffer.from('c4\t😡😡😡🔥\n'),
      Buffer.from('c5\tmixed 混合 скрипты and words 🙂\n'),
      Buffer.concat([
        Buffer.from('c6\tbroken '),
        Buffer.from([0xff, 0xfe, 0xc3, 0x28]),
        Buffer.from(' bytes\n'),
      ]),
      Buffer.from(`c7\t${'very long complaint about the delay '.repeat(30_000)}\n`),
      Buffer.from('c8\t'),
    ];
    writeFileSync(file, Buffer.concat(lines));
    const { status, stderr, lines: out } = earshot(['triage', '--input', file]);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(out.map((l) => l.id)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8']);
    for (const line of out) {
      expect(['negative', 'neutral', 'positive']).toContain(line.sentiment);
      expect(line.sentimentScore).toBeGreaterThanOrEqual(-1);
      expect(line.sentimentScore).toBeLessThanOrEqual(1);
      expect(line.complaintProbability).toBeGreaterThanOrEqual(0);
      expect(line.complaintProbability).toBeLessThanOrEqual(1);
      expect(line.priority).toBeGreaterThanOrEqual(0);
      expect(line.priority).toBeLessThanOrEqual(100);
      expect(typeof line.intent).toBe('string');
      expect(typeof line.category).toBe('string');
      expect(typeof line.language).toBe('string');
      expect(line.spam).toBe(false);
      expect(Array.isArray(line.reasons)).toBe(true);
    }
    const byId = new Map(out.map((l) => [l.id, l]));
    expect(byId.get('c1')).toMatchObject({
      sentiment: 'negative',
      complaint: true,
      language: 'en',
    });
    expect(byId.get('c1')?.reasons).toContain('mentions refund');
    expect(byId.get('c2')).toMatchObject({ sentiment: 'positive', complaint: false });
    expect(byId.get('c3')).toMatchObject({ language: 'fr', sentiment: 'neutral', intent: 'other' });
  });

  it('numbers plain lines from stdin', () => {
    const { status, lines } = earshot(['triage'], 'first mention\n\nthird line here\n');
    expect(status).toBe(0);
    expect(lines.map((l) => l.id)).toEqual(['1', '3']);
  });

  it('names a missing input file', () => {
    const missing = join(dir, 'nope.tsv');
    const { status, stderr, lines } = earshot(['triage', '--input', missing]);
    expect(status).toBe(1);
    expect(stderr).toBe(`earshot: cannot read input file ${missing}: no such file\n`);
    expect(lines).toEqual([]);
  });

  it('documents the formats in --help', () => {
    const result = spawnSync(process.execPath, [bin, 'triage', '--help'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('id<TAB>text');
    expect(result.stdout).toContain('--input <file>');
  });
});
