import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCycles, importGraph } from './import-graph.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');

/** Each circle of files importing each other, as sorted repository paths. */
function cyclesUnder(folder: string): string[][] {
  return importCycles(importGraph(path.join(repoRoot, folder))).map((cycle) =>
    cycle.map((file) => path.relative(repoRoot, file)),
  );
}

describe('import cycles', () => {
  it('finds a circle of files, and none in a chain', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
      ['e', ['e']],
    ]);
    expect(importCycles(graph)).toEqual([['a', 'b', 'c'], ['e']]);
    expect(
      importCycles(
        new Map([
          ['a', ['b']],
          ['b', []],
        ]),
      ),
    ).toEqual([]);
  });

  it('the web app has no files importing each other in a circle', () => {
    expect(cyclesUnder('src/web')).toEqual([]);
  });

  it('the server has no files importing each other in a circle either', () => {
    expect(cyclesUnder('src').map((cycle) => cycle.join(' ↔ '))).toEqual([]);
  });
});
