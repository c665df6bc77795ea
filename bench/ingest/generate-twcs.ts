// Generates a "Customer Support on Twitter" (twcs) CSV that looks like the real dataset:
// threads of a customer's tweet, the brand's answer and follow-ups, some answers written before
// their question in file order (as in the dataset), quoted text with commas, quotes, emoji and
// line breaks, and, when asked, broken rows the import must reject. Seeded, so reproducible.
import { writeFileSync } from 'node:fs';
import { twcsColumns } from '../../src/channels/import/twcs-row.ts';

export interface GeneratedTwcs {
  /** Tweet ids of the valid rows, each once. */
  ids: string[];
  /** How many valid rows the brand wrote (inbound=False). */
  brandRows: number;
  /** Lines (1-based, as the file numbers them) of the broken rows. */
  rejectedLines: number[];
}

export interface GenerateOptions {
  rows: number;
  seed?: number;
  /** One row in this many is broken (a date that does not exist); none when undefined. */
  rejectEvery?: number;
}

const brands = ['AcmeSupport', 'AcmeHelp'];
const complaints = [
  'my order #{n} still has not arrived, it has been two weeks',
  'why was I charged twice?? this is the third time, "support" is useless',
  'the app crashes every time I open settings 😡😡',
  'thanks for the quick fix, you made my day 🙌',
  'can you tell me when the store on Main St opens, and if it has parking?',
  'is there a way to change my delivery address after ordering',
  'worst experience ever,\nnobody answers the phone & the chat is down',
  'love the new update, the dark mode is 🔥',
];
const answers = [
  "We're sorry to hear that. Please DM us your order number and we'll look into it ^AB",
  'Thanks for reaching out! Could you tell us which version of the app you have? ^CD',
  'Glad to help 😊 Anything else we can do for you today?',
  'Our store opens at 9am, and yes, there is free parking, see https://t.co/xyz{n}',
];
const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function twitterDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${days[date.getUTCDay()]} ${months[date.getUTCMonth()]} ${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000 ${date.getUTCFullYear()}`;
}

function quote(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Writes the file and returns what an import of it must store and reject. */
export function writeTwcsFile(file: string, options: GenerateOptions): GeneratedTwcs {
  const next = random(options.seed ?? 1);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const lines = [twcsColumns.join(',')];
  const result: GeneratedTwcs = { ids: [], brandRows: 0, rejectedLines: [] };
  let lineNumber = 2;
  let id = 1_000_000;
  let time = Date.UTC(2017, 9, 1);
  let written = 0;
  while (written < options.rows) {
    // A thread: the customer, then the brand and the customer taking turns.
    const length = Math.min(options.rows - written, 1 + Math.floor(next() * 4));
    const customer = String(100_000 + Math.floor(next() * 50_000));
    const brand = pick(brands);
    const thread: string[][] = [];
    const threadIds: string[] = [];
    for (let turn = 0; turn < length; turn++) {
      id += 1;
      time += 1000 + Math.floor(next() * 600_000);
      const fromBrand = turn % 2 === 1;
      const text = (
        fromBrand ? `@${customer} ${pick(answers)}` : `@${brand} ${pick(complaints)}`
      ).replace('{n}', String(id));
      const broken =
        options.rejectEvery !== undefined && (written + turn) % options.rejectEvery === 0;
      thread.push([
        String(id),
        fromBrand ? brand : customer,
        fromBrand ? 'False' : 'True',
        broken ? 'Mon Feb 30 10:00:00 +0000 2017' : twitterDate(new Date(time)),
        text,
        '',
        threadIds.at(-1) ?? '',
      ]);
      threadIds.push(broken ? '' : String(id));
    }
    // One thread in five is written answer-first, as the dataset often is.
    if (thread.length > 1 && next() < 0.2) thread.reverse();
    for (const fields of thread) {
      const row = fields.map(quote).join(',');
      const valid = !fields[3]!.startsWith('Mon Feb 30');
      if (valid) {
        result.ids.push(fields[0]!);
        if (fields[2] === 'False') result.brandRows += 1;
      } else {
        result.rejectedLines.push(lineNumber);
      }
      lines.push(row);
      lineNumber += row.split('\n').length;
    }
    written += thread.length;
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
  return result;
}
