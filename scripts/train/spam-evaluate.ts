/**
 * Spam figures (models/spam.md): precision and recall of `detectSpam` on the team's check set
 * (scripts/train/check-sets/spam.tsv, in the repository), by kind; then, when the shared data is
 * present, how many real posts to brands (social-intents/, 2,294 tweets, almost all real
 * customers) the rules would hide from the default inbox, each one printed to read by eye.
 *   node scripts/train/spam-evaluate.ts
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectSpam } from '../../src/triage/spam.ts';
import {
  readSemeval,
  REPO_DIR,
  SEMEVAL_REPORT_FILE,
  SEMEVAL_TRAIN_FILES,
  SEMEVAL_TUNE_FILE,
} from './data.ts';
import { readSocialIntents } from './social-intent-data.ts';

export interface SpamCheck {
  spam: boolean;
  kind: string;
  text: string;
}

export const SPAM_CHECK_SET = join(REPO_DIR, 'scripts/train/check-sets/spam.tsv');

export function readSpamChecks(path = SPAM_CHECK_SET): SpamCheck[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => {
      const [label = '', kind = '', ...text] = line.split('\t');
      if (label !== 'spam' && label !== 'ok') throw new Error(`bad label in ${path}: ${line}`);
      return { spam: label === 'spam', kind, text: text.join('\t') };
    });
}

function main(): void {
  const checks = readSpamChecks();
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const byKind = new Map<string, { total: number; flagged: number }>();
  for (const check of checks) {
    const flagged = detectSpam({ text: check.text }).spam;
    const kind = byKind.get(check.kind) ?? { total: 0, flagged: 0 };
    kind.total += 1;
    if (flagged) kind.flagged += 1;
    byKind.set(check.kind, kind);
    if (flagged && check.spam) tp += 1;
    else if (flagged) {
      fp += 1;
      console.log(`false positive (${check.kind}): ${check.text}`);
    } else if (check.spam) {
      fn += 1;
      console.log(`missed (${check.kind}): ${check.text}`);
    }
  }
  const pct = (x: number): string => (100 * x).toFixed(1);
  console.log(`\ncheck set: ${checks.length} posts`);
  for (const [kind, { total, flagged }] of byKind)
    console.log(`  ${kind.padEnd(9)} ${flagged}/${total} flagged as spam`);
  console.log(
    `precision ${pct(tp / Math.max(1, tp + fp))} %, recall ${pct(tp / Math.max(1, tp + fn))} %`,
  );

  const dataDir = process.env.EARSHOT_DATA ?? join(REPO_DIR, '../shared/data');
  if (!existsSync(join(dataDir, 'social-intents', 'posts.tsv'))) {
    console.log(
      `\n(real posts skipped: ${dataDir}/social-intents/posts.tsv not found; it is the shared data folder beside the work tree, or set EARSHOT_DATA)`,
    );
    return;
  }
  const posts = readSocialIntents();
  const hidden = posts.filter((post) => detectSpam({ text: post.text }).spam);
  console.log(
    `\nreal posts to brands (social-intents): ${hidden.length} of ${posts.length} flagged`,
  );
  for (const post of hidden) console.log(`  [${post.intent}] ${post.text}`);

  // General tweets (SemEval 2013–2016): unlabelled for spam, so only the count and the
  // flagged texts, to read by eye.
  const tweets = [...SEMEVAL_TRAIN_FILES, SEMEVAL_TUNE_FILE, SEMEVAL_REPORT_FILE].flatMap((name) =>
    readSemeval(name),
  );
  const flagged = tweets.filter((tweet) => detectSpam({ text: tweet.text }).spam);
  console.log(`\ngeneral tweets (SemEval): ${flagged.length} of ${tweets.length} flagged`);
  for (const tweet of flagged) console.log(`  ${tweet.text}`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
