import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

/** The layering errors ESLint reports for `code` as if it were the file at `filePath`. */
async function layeringErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((message) => /^no-restricted-(imports|syntax)$/.test(message.ruleId ?? ''))
    .map((message) => message.message);
}

describe('the allowed imports between src/ folders (eslint.config.js)', () => {
  it('refuses an import up the layers, saying the rule it breaks', async () => {
    const errors = await layeringErrors(
      'src/store/sla/example.ts',
      "export { startSlaScheduler } from '../../pipeline/sla/sla-scheduler.ts';",
    );
    expect(errors).toEqual([
      expect.stringContaining('store/ never imports pipeline/: move the shared piece down'),
    ]);
  });

  it('accepts the arrows the table allows', async () => {
    const code = [
      "export { findTeam } from '../teams.repository.ts';",
      "export { setStatus } from '../../domain/conversation.ts';",
    ].join('\n');
    expect(await layeringErrors('src/store/sla/example.ts', code)).toEqual([]);
  });

  it('refuses a dynamic import() the same way', async () => {
    const errors = await layeringErrors(
      'src/store/example.ts',
      "export const load = () => import('../api/server.ts');",
    );
    expect(errors).toEqual([expect.stringContaining('store/ never imports api/')]);
  });

  it("tells the server's api/ from the web app's own api/ client by the path's depth", async () => {
    const ownClient = "export { apiGet } from '../api/client.ts';";
    expect(await layeringErrors('src/web/inbox/example.ts', ownClient)).toEqual([]);
    const server = "export { ApiError } from '../../api/errors.ts';";
    expect(await layeringErrors('src/web/inbox/example.ts', server)).toEqual([
      expect.stringContaining('web/ never imports api/'),
    ]);
  });

  it('lets the web app take only types from api/contract.ts', async () => {
    const types =
      "import type { InboxItem } from '../../api/contract.ts';\nexport type X = InboxItem;";
    expect(await layeringErrors('src/web/inbox/example.ts', types)).toEqual([]);
    const values = "export { inboxItem } from '../../api/contract.ts';";
    expect(await layeringErrors('src/web/inbox/example.ts', values)).toEqual([
      expect.stringContaining('api/contract.ts with `import type` only'),
    ]);
  });

  it('lets store tests set up data through intake, but keeps domain tests pure', async () => {
    const intake = "export { ingestMentions } from '../pipeline/intake/ingest.ts';";
    expect(await layeringErrors('src/store/example.test.ts', intake)).toEqual([]);
    const store = "export { newId } from '../store/ids.ts';";
    expect(await layeringErrors('src/domain/example.test.ts', store)).toEqual([
      expect.stringContaining('domain/ never imports store/'),
    ]);
  });
});
