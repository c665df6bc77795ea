import { defineConfig } from 'vitest/config';

// One suite, two stores: without DATABASE_URL every store test runs on PGlite; with it, on
// that PostgreSQL server. Tests that need several processes sharing one database, or a session
// another backend can terminate, only exist for a server (PGlite is in-process): they are
// included only when DATABASE_URL is set. Tests of the embedded data folder (its lock, file
// modes, backup and restore) are included only without it. Nothing is skipped in either run.
const onServer = Boolean(process.env.DATABASE_URL);

export default defineConfig({
  test: {
    include: [
      'src/**/*.test.ts',
      'test/**/*.test.ts',
      ...(onServer
        ? ['test/server-only/**/*.pgtest.ts']
        : ['test/embedded-only/**/*.pglitetest.ts']),
    ],
    exclude: ['node_modules', 'dist', 'data'],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    // Generous, not a performance goal: CI runs every file at once on two cores, and a browser
    // test there can wait seconds for Chromium. expect.poll likewise waits up to 10 s (1 s by
    // default) for a browser or another process to catch up.
    testTimeout: 60_000,
    hookTimeout: 90_000,
    expect: { poll: { timeout: 10_000 } },
    reporters: process.env.VITEST_JSON_OUTPUT ? ['default', 'json'] : ['default'],
    outputFile: { json: process.env.VITEST_JSON_OUTPUT ?? '.earshot-test/vitest.json' },
  },
});
