import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import type { Page } from 'playwright-core';

const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export type Violation = { id: string; impact: string | null; help: string; targets: string[] };

/** Runs axe-core inside the page and returns its serious and critical violations. */
export async function seriousA11yViolations(page: Page): Promise<Violation[]> {
  // Evaluated through the DevTools protocol rather than added as a <script>: the server's
  // Content-Security-Policy rightly refuses inline scripts, and the page is tested as served.
  await page.evaluate(await axeSource);
  const violations = await page.evaluate(async () => {
    const { axe } = window as unknown as {
      axe: { run: (context: Document) => Promise<AxeResults> };
    };
    const results = await axe.run(document);
    // No rule passing at all would mean axe checked nothing, not that the page is fine.
    if (results.passes.length === 0) throw new Error('axe-core checked no rules on this page');
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      targets: v.nodes.map((node) => node.target.join(' ')),
    }));
  });
  if (process.env.EARSHOT_AXE_VERBOSE) console.log(JSON.stringify(violations, null, 2));
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
