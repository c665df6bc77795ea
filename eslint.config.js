import { readdirSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The layering of src/, as drawn in docs/architecture.md ("Allowed imports"): for each top-level
 * folder (and src/config.ts), the folders it may import besides its own. Every other arrow is a
 * lint error, so the layering cannot drift silently. `node scripts/import-graph.ts` prints the
 * graph as it is.
 */
const allowedImports = {
  domain: [],
  triage: ['domain'],
  security: ['domain'],
  store: ['domain'],
  channels: ['domain', 'security'],
  pipeline: ['domain', 'triage', 'channels', 'store', 'security', 'config'],
  app: ['domain', 'triage', 'channels', 'store', 'security', 'pipeline', 'config'],
  api: ['app', 'domain', 'triage', 'store', 'security', 'pipeline', 'config'],
  cli: ['api', 'app', 'domain', 'triage', 'channels', 'store', 'security', 'pipeline', 'config'],
  web: ['domain'],
  config: [],
};

/** Modules a folder may import with `import type` only: the browser shares the server's types. */
const typeOnlyImports = { web: ['api/contract.ts'] };

/**
 * Tests of these folders may import any server folder, to set up data the way production does
 * (a store test ingests through pipeline/intake). Tests of domain/, triage/, channels/ and web/
 * keep their folder's rule: they stay as pure as the code they test.
 */
const testsReachAcross = ['store', 'security', 'pipeline', 'app', 'api', 'cli'];

const srcDir = fileURLToPath(new URL('src/', import.meta.url));
const layers = Object.keys(allowedImports);
const serverLayers = layers.filter((layer) => layer !== 'web');
const testFiles = ['**/*.test.ts', '**/*.test.tsx'];
const processEnv = {
  selector: "MemberExpression[object.name='process'][property.name='env']",
  message: 'Read configuration through src/config.ts only.',
};

const shown = (layer) => (layer === 'config' ? 'config.ts' : `${layer}/`);
const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** How deep the folders below src/<layer>/ go: 0 for files directly in it. */
function depthsOf(layer) {
  if (layer === 'config') return [0];
  const folders = readdirSync(`${srcDir}${layer}`, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => relative(srcDir, `${entry.parentPath}/${entry.name}`).split('/').length - 1);
  return [...new Set([0, ...folders])];
}

/**
 * The rules refusing one folder's forbidden imports in its files `depth` folders below it. Import
 * paths are relative, so each depth gets its own patterns: from src/web/inbox/ the server's api/
 * is `../../api/`, while `../api/` is the web app's own client.
 */
function layerRules(layer, depth, { tests = false } = {}) {
  const up = escapeRegex(layer === 'config' ? './' : '../'.repeat(depth + 1));
  const reachAcross = tests && testsReachAcross.includes(layer);
  const allowed = reachAcross
    ? serverLayers.filter((name) => name !== layer)
    : allowedImports[layer];
  const who = reachAcross ? `Tests of ${shown(layer)}` : shown(layer);
  const typeOnlyPaths = typeOnlyImports[layer] ?? [];
  const mayImport = [
    ...allowed.map(shown),
    ...typeOnlyPaths.map((path) => `\`import type\` from ${path}`),
  ];
  const forbidden = layers.filter((target) => target !== layer && !allowed.includes(target));
  const patterns = forbidden.flatMap((target) => {
    const message =
      `${shown(layer)} never imports ${shown(target)}: move the shared piece down. ` +
      `${who} may import ${mayImport.join(', ') || 'nothing of ours'} ` +
      `(docs/architecture.md, "Allowed imports").`;
    if (target === 'config') return [{ regex: `^${up}config\\.ts$`, message }];
    const typeOnly = typeOnlyPaths.filter((path) => path.startsWith(`${target}/`));
    const notTypeOnly = typeOnly.map((path) => `(?!${escapeRegex(path)}$)`).join('');
    return [
      { regex: `^${up}${notTypeOnly}${target}/`, message },
      ...typeOnly.map((path) => ({
        regex: `^${up}${escapeRegex(path)}$`,
        allowTypeImports: true,
        message: `${shown(layer)} imports ${path} with \`import type\` only: it shares types, not code.`,
      })),
    ];
  });
  // no-restricted-imports does not see import(): the same patterns refuse it as syntax.
  const dynamicImports = patterns.map(({ regex, message }) => ({
    selector: `ImportExpression[source.value=/${regex.replaceAll('/', '\\x2F')}/]`,
    message,
  }));
  return {
    'no-restricted-imports': ['error', { patterns }],
    'no-restricted-syntax': ['error', ...(tests ? [] : [processEnv]), ...dynamicImports],
  };
}

/** One config object per folder depth of each layer for its code, one for its tests. */
function layeringConfigs() {
  return layers.flatMap((layer) =>
    depthsOf(layer).flatMap((depth) => {
      const dir = layer === 'config' ? 'src/' : `src/${layer}/${'*/'.repeat(depth)}`;
      return [
        { files: [`${dir}*.{ts,tsx}`], ignores: testFiles, rules: layerRules(layer, depth) },
        { files: [`${dir}*.test.{ts,tsx}`], rules: layerRules(layer, depth, { tests: true }) },
      ];
    }),
  );
}

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'coverage/', '.ci/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        Buffer: 'readonly',
        fetch: 'readonly',
        document: 'readonly',
        window: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
        AbortController: 'readonly',
        EventSource: 'readonly',
        structuredClone: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': ['error', processEnv],
    },
  },
  ...layeringConfigs(),
  {
    files: [
      'src/config.ts',
      'test/**',
      'scripts/**',
      'bench/**',
      'vitest.config.ts',
      'src/web/vite.config.ts',
    ],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
