/**
 * Language identification figures (models/language.md):
 *   node scripts/train/language-evaluate.ts           fits on UMSAB train (+ English tweets) only and
 *                                                      reports UMSAB val, honest for choosing settings
 *   node scripts/train/language-evaluate.ts --shipped  the shipped model (fitted on train and val too):
 *                                                      only the English test and the check set are honest
 * Every figure is the whole triage path (fast path, classifier, tinyld), as `detectLanguage` runs it.
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MODELLED_LANGUAGES } from '../../src/triage/language.ts';
import { detectLanguage, loadTriageModels } from '../../src/triage/models.ts';
import { MODELS_DIR, readSemeval, SEMEVAL_REPORT_FILE } from './data.ts';
import { fitLanguage, languageCorpus } from './language.ts';
import { readUmsab, UMSAB_LANGUAGES, type UmsabLanguage } from './language-data.ts';
import { readLexicon } from './lexicon-export.ts';
import { writeModel } from './save-model.ts';

const shipped = process.argv.includes('--shipped');
const pct = (x: number): string => (100 * x).toFixed(1);
let dir = MODELS_DIR;
if (!shipped) {
  dir = mkdtempSync(join(tmpdir(), 'earshot-language-'));
  for (const file of readdirSync(MODELS_DIR)) copyFileSync(join(MODELS_DIR, file), join(dir, file));
  const started = Date.now();
  const linear = fitLanguage(languageCorpus(['train']), readLexicon());
  console.log(
    `fitted on UMSAB train + English tweets in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
  const metadata = JSON.parse(readFileSync(join(MODELS_DIR, 'language.json'), 'utf8'));
  writeModel(dir, metadata, linear);
}
const models = loadTriageModels(dir);

function report(
  name: string,
  texts: readonly string[],
  expected: string,
  allowed: string[] = [],
): void {
  const counts = new Map<string, number>();
  for (const text of texts) {
    const language = detectLanguage(models, text).language;
    counts.set(language, (counts.get(language) ?? 0) + 1);
  }
  const right = (counts.get(expected) ?? 0) + allowed.reduce((s, l) => s + (counts.get(l) ?? 0), 0);
  const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 4);
  console.log(
    `${name.padEnd(28)} ${pct(right / texts.length).padStart(5)} % right of ${texts.length}  (${top.map(([l, n]) => `${l} ${n}`).join(', ')})`,
  );
}

if (!shipped)
  for (const language of Object.keys(UMSAB_LANGUAGES) as UmsabLanguage[])
    report(
      `UMSAB val ${language}`,
      readUmsab(language, 'val').map((e) => e.text),
      language,
    );
report(
  'SemEval 2016 test en',
  readSemeval(SEMEVAL_REPORT_FILE).map((e) => e.text),
  'en',
);

const checkSet = readFileSync(
  join(dirname(fileURLToPath(import.meta.url)), 'check-sets', 'languages.tsv'),
  'utf8',
)
  .split('\n')
  .filter((line) => line !== '' && !line.startsWith('#'))
  .map((line) => line.split('\t') as [string, string]);
const modelled = (language: string): boolean =>
  (MODELLED_LANGUAGES as readonly string[]).includes(language);
for (const language of MODELLED_LANGUAGES.filter((l) => checkSet.some(([g]) => g === l)))
  report(
    `check set ${language}`,
    checkSet.filter(([g]) => g === language).map(([, text]) => text),
    language,
  );
const others = checkSet.filter(([language]) => !modelled(language));
const wrong = others.filter(([, text]) => modelled(detectLanguage(models, text).language));
console.log(
  `check set, other languages   ${pct(1 - wrong.length / others.length).padStart(5)} % not taken for a modelled language, of ${others.length}` +
    (wrong.length > 0
      ? `; taken: ${wrong.map(([l, t]) => `${l} "${t.slice(0, 30)}…"`).join('; ')}`
      : ''),
);
const named = others.filter(
  ([language, text]) => detectLanguage(models, text).language === language,
);
console.log(
  `check set, other languages   ${pct(named.length / others.length).padStart(5)} % named exactly`,
);
if (!shipped) rmSync(dir, { recursive: true });
