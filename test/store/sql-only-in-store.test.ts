import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from '../../scripts/import-graph.ts';

// "One door to the database": only src/store/ builds SQL (docs/architecture.md). Elsewhere code
// calls store functions; it may still open a transaction (`db.transaction().execute(…)`) and pass
// it on, since a use case owns its transaction. Tests are free to query what they check.

const repo = fileURLToPath(new URL('../../', import.meta.url));

/** What building or running SQL looks like, outside a comment. */
const sqlPatterns: { name: string; pattern: RegExp }[] = [
  { name: 'sql template', pattern: /\bsql(<[^`]*>)?`/ },
  { name: 'sql helper', pattern: /\bsql\.(raw|ref|lit|join|id|val|table)\(/ },
  {
    name: 'query builder',
    pattern:
      /\.(selectFrom|insertInto|updateTable|deleteFrom|mergeInto|selectNoFrom|replaceInto)\(/,
  },
  { name: 'common table expression', pattern: /\.with(Recursive)?\(\s*['"]/ },
  { name: 'compiled query', pattern: /\.executeQuery\(|\bCompiledQuery\b/ },
  { name: 'schema builder', pattern: /\.schema\s*\.\s*(create|alter|drop)\w*\(/ },
  { name: 'value import from kysely', pattern: /^import\s+(?!type\b)[^;]*from\s+'kysely/ },
];

/** The code files of `dir` outside src/store/, as repository paths. */
function codeOutsideStore(dir: string): string[] {
  return sourceFiles(path.join(repo, dir))
    .filter((file) => !/\.test\.tsx?$/.test(file))
    .map((file) => path.relative(repo, file).split(path.sep).join('/'))
    .filter((file) => !file.startsWith('src/store/'));
}

/** "file:line: what" for every line of the file that looks like SQL. */
function sqlLines(file: string): string[] {
  const found: string[] = [];
  readFileSync(path.join(repo, file), 'utf8')
    .split('\n')
    .forEach((line, index) => {
      if (/^\s*(\/\/|\/?\*)/.test(line)) return;
      for (const { name, pattern } of sqlPatterns) {
        if (pattern.test(line)) found.push(`${file}:${index + 1}: ${name}: ${line.trim()}`);
      }
    });
  return found;
}

describe('SQL outside src/store/', () => {
  it('is built nowhere else in src/', () => {
    const outside = codeOutsideStore('src').flatMap((file) => sqlLines(file));
    expect(outside, 'move these queries into a src/store/ repository function').toEqual([]);
  });
});
