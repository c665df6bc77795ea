/**
 * Prints which top-level folders of src/ import which (`node scripts/import-graph.ts`), so the
 * layering in docs/architecture.md can be checked against the code as it is, not as remembered.
 * Each cell counts import statements (static, re-export and dynamic `import()`); `+t` counts the
 * `import type` ones, which vanish at runtime. `--tests` counts test files instead of the code,
 * `--from store --to pipeline` lists the files behind one cell, `--root DIR` reads another checkout.
 * The linter (eslint.config.js) enforces the allowed arrows; this script shows the whole picture.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import ts from 'typescript';

const thisRepo = fileURLToPath(new URL('..', import.meta.url));
const testFile = /\.(test|pgtest|pglitetest)\.tsx?$/;

/** One import statement from a file in src/ to another file in src/. */
interface ImportEdge {
  file: string;
  from: string;
  to: string;
  specifier: string;
  typeOnly: boolean;
}

/** The layer a path in srcDir belongs to: its top-level folder, or `config` for src/config.ts. */
function layerOf(srcDir: string, path: string): string | null {
  const inSrc = relative(srcDir, path).split(sep);
  if (inSrc[0] === '..' || inSrc.length === 0) return null;
  if (inSrc.length === 1) return 'config';
  return inSrc[0] ?? null;
}

/** Every .ts/.tsx file under `dir` (declaration files left out), as absolute paths, sorted. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter(
      (entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts'),
    )
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

function isTypeOnly(node: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isExportDeclaration(node)) return node.isTypeOnly;
  const clause = node.importClause;
  if (!clause) return false;
  if (clause.isTypeOnly) return true;
  const bindings = clause.namedBindings;
  return (
    clause.name === undefined &&
    bindings !== undefined &&
    ts.isNamedImports(bindings) &&
    bindings.elements.length > 0 &&
    bindings.elements.every((element) => element.isTypeOnly)
  );
}

/**
 * Every relative module specifier of one file (static imports, re-exports, `import()` and
 * `import('…')` types), with whether it is type-only.
 */
export function specifiersOf(file: string): { specifier: string; typeOnly: boolean }[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const found: { specifier: string; typeOnly: boolean }[] = [];
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: isTypeOnly(node) });
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      found.push({ specifier: node.arguments[0].text, typeOnly: false });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      const literal = node.argument.literal;
      if (ts.isStringLiteral(literal)) found.push({ specifier: literal.text, typeOnly: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found.filter(({ specifier }) => specifier.startsWith('.'));
}

/** The import edges between layers of the repo's src/, from test files or from the code. */
function importEdges(repo: string, tests: boolean): ImportEdge[] {
  const srcDir = join(repo, 'src');
  const edges: ImportEdge[] = [];
  for (const file of sourceFiles(srcDir)) {
    if (testFile.test(file) !== tests) continue;
    const from = layerOf(srcDir, file);
    if (!from) continue;
    for (const { specifier, typeOnly } of specifiersOf(file)) {
      const to = layerOf(srcDir, resolve(dirname(file), specifier));
      if (to) edges.push({ file: relative(repo, file), from, to, specifier, typeOnly });
    }
  }
  return edges;
}

function printMatrix(edges: ImportEdge[]): void {
  const layers = [...new Set(edges.flatMap((edge) => [edge.from, edge.to]))].sort();
  const cell = (from: string, to: string): string => {
    const here = edges.filter((edge) => edge.from === from && edge.to === to);
    if (here.length === 0) return '.';
    const typeOnly = here.filter((edge) => edge.typeOnly).length;
    const runtime = here.length - typeOnly;
    return typeOnly === 0 ? String(runtime) : `${runtime}+${typeOnly}t`;
  };
  const width = 9;
  console.log(['from \\ to'.padEnd(width), ...layers.map((l) => l.padStart(width))].join(''));
  for (const from of layers) {
    const row = layers.map((to) => cell(from, to).padStart(width));
    console.log([from.padEnd(width), ...row].join(''));
  }
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      tests: { type: 'boolean', default: false },
      from: { type: 'string' },
      to: { type: 'string' },
      root: { type: 'string', default: thisRepo },
    },
  });
  const edges = importEdges(resolve(values.root), values.tests);
  if (values.from || values.to) {
    for (const edge of edges) {
      if (values.from && edge.from !== values.from) continue;
      if (values.to && edge.to !== values.to) continue;
      const kind = edge.typeOnly ? ' (type)' : '';
      console.log(`${edge.file} → ${edge.specifier}${kind}`);
    }
  } else {
    printMatrix(edges);
  }
}
