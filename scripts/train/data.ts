import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Training data lives outside the repository, in the project's shared
 * folder (`../shared/data` beside the work tree). Only training and
 * evaluation read it; the app and its tests never do.
 */
export const REPO_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const MODELS_DIR = join(REPO_DIR, 'models');

export function dataDir(): string {
  const dir = process.env.EARSHOT_DATA ?? resolve(REPO_DIR, '../shared/data');
  if (!existsSync(join(dir, 'README.md'))) {
    console.error(
      `Training data not found in ${dir}.\n` +
        'It is the "shared/data" folder that sits beside the Earshot work tree on developers\' machines\n' +
        '(public sets: SemEval-2017 Task 4A, the ACL 2019 complaints set, Bitext customer-support intents;\n' +
        'see its README.md for sources). Put it at ../shared/data or set EARSHOT_DATA=/path/to/data.',
    );
    process.exit(2);
  }
  return dir;
}

export interface Example {
  text: string;
  label: string;
}

const unescapeJava = (text: string): string =>
  text.replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/** SemEval task 4A files: `id<TAB>label<TAB>text`, text with \uXXXX escapes. */
export function readSemeval(name: string): Example[] {
  const lines = readFileSync(join(dataDir(), 'semeval2017-task4a', name), 'utf8').split('\n');
  const examples: Example[] = [];
  for (const line of lines) {
    const [, label, ...rest] = line.split('\t');
    if (label !== 'positive' && label !== 'negative' && label !== 'neutral') continue;
    let text = unescapeJava(rest.join('\t').trim());
    if (text.length > 1 && text.startsWith('"') && text.endsWith('"'))
      text = text.slice(1, -1).replace(/""/g, '"');
    examples.push({ text, label });
  }
  return examples;
}

/** RFC 4180 CSV: quoted fields, doubled quotes, newlines inside quotes. */
export function parseCsv(content: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < content.length; i++) {
    const c = content[i];
    if (quoted) {
      if (c === '"' && content[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && content[i + 1] === '\n') i++;
      row.push(field);
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export function readCsvObjects(path: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(readFileSync(path, 'utf8'));
  if (header === undefined) return [];
  return rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i] ?? ''])));
}

export const SEMEVAL_TRAIN_FILES = [
  'twitter-2013train-A.tsv',
  'twitter-2013dev-A.tsv',
  'twitter-2013test-A.tsv',
  'twitter-2014test-A.tsv',
  'twitter-2014sarcasm-A.tsv',
  'twitter-2015train-A.tsv',
  'twitter-2015test-A.tsv',
  'twitter-2016train-A.tsv',
  'twitter-2016dev-A.tsv',
];
/** Held out from fitting, used to tune class offsets and hyper-parameters. */
export const SEMEVAL_TUNE_FILE = 'twitter-2016devtest-A.tsv';
/** The development set we report on: never trained or tuned on. */
export const SEMEVAL_REPORT_FILE = 'twitter-2016test-A.tsv';
