import path from 'node:path';

/** Where one test run keeps its migrated template: a PGlite dump file and a PostgreSQL database. */
export function templateNames(runId: string) {
  return {
    templateDatabaseName: `earshot_test_template_${runId}`,
    templateDumpPath: path.resolve(`.earshot-test/pglite-template-${runId}.tar`),
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    earshotTestRun: string;
  }
}
