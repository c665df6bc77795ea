import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

/** The layering errors ESLint reports for `code` as if it were the file at `file`. */
async function layeringErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return (result?.messages ?? [])
    .filter((message) => /^no-restricted-(imports|syntax)$/.test(message.ruleId ?? ''))
    .map((message) => message.message);
}

describe('the allowed imports between src/ folders (eslint.config.js)', () => {
  it.each([
    {
      behaviour: 'an import up the layers, saying the rule it breaks',
      file: 'src/store/sla/example.ts',
      code: "export { startSlaScheduler } from '../../pipeline/sla/sla-scheduler.ts';",
      refusal: 'store/ never imports pipeline/: move the shared piece down',
    },
    {
      behaviour: 'a dynamic import() the same way',
      file: 'src/store/example.ts',
      code: "export const load = () => import('../api/server.ts');",
      refusal: 'store/ never imports api/',
    },
    {
      behaviour: "the server's api/ from the web app",
      file: 'src/web/inbox/example.ts',
      code: "export { ApiError } from '../../api/errors.ts';",
      refusal: 'web/ never imports api/',
    },
    {
      behaviour: 'values (not types) from api/contract.ts in the web app',
      file: 'src/web/inbox/example.ts',
      code: "export { inboxItem } from '../../api/contract.ts';",
      refusal: 'api/contract.ts with `import type` only',
    },
    {
      behaviour: 'store/ in a domain test: domain tests stay pure',
      file: 'src/domain/example.test.ts',
      code: "export { newId } from '../store/ids.ts';",
      refusal: 'domain/ never imports store/',
    },
  ])('refuses $behaviour', async ({ file, code, refusal }) => {
    expect(await layeringErrors(file, code)).toEqual([expect.stringContaining(refusal)]);
  });

  it.each([
    {
      behaviour: 'the arrows the table allows',
      file: 'src/store/sla/example.ts',
      code: "export { findTeam } from '../teams.repository.ts';\nexport { setStatus } from '../../domain/conversation.ts';",
    },
    {
      behaviour: "the web app's own api/ client (told from the server's by the path's depth)",
      file: 'src/web/inbox/example.ts',
      code: "export { apiGet } from '../api/client.ts';",
    },
    {
      behaviour: 'types from api/contract.ts in the web app',
      file: 'src/web/inbox/example.ts',
      code: "import type { InboxItem } from '../../api/contract.ts';\nexport type Item = InboxItem;",
    },
    {
      behaviour: 'a store test setting up data through intake',
      file: 'src/store/example.test.ts',
      code: "export { ingestMentions } from '../pipeline/intake/ingest.ts';",
    },
  ])('accepts $behaviour', async ({ file, code }) => {
    expect(await layeringErrors(file, code)).toEqual([]);
  });
});
