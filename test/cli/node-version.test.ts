import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeVersionProblem } from '../../bin/require-node.js';

const guard = path.resolve(import.meta.dirname, '../../bin/require-node.js');

describe('the Node.js version guard', () => {
  it('refuses versions before 22.18 with one line naming the version found, the one needed and where to get it', () => {
    for (const version of ['20.20.2', '22.17.1', '18.0.0', '21.99.0']) {
      const problem = nodeVersionProblem(version);
      expect(problem).toContain(`Node.js ${version}`);
      expect(problem).toContain('22.18 or newer');
      expect(problem).toContain('https://nodejs.org');
      expect(problem).not.toContain('\n');
    }
  });

  it('accepts 22.18 and every later version', () => {
    for (const version of ['22.18.0', '22.20.1', '23.0.0', '24.21.0', '30.1.2']) {
      expect(nodeVersionProblem(version)).toBeNull();
    }
  });

  it('lets the current runtime through silently', () => {
    const output = execFileSync(process.execPath, [guard], { encoding: 'utf8', stdio: 'pipe' });
    expect(output).toBe('');
  });
});
