import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Command } from 'commander';
import { loadTriageModels } from '../triage/models.ts';
import { triageText } from '../triage/triage.ts';
import type { TriageResult } from '../triage/triage.ts';

const helpText = `
Input: one mention per line, either "id<TAB>text" or plain text (then the id is the
line number, from 1). Blank lines are skipped. Bytes that are not UTF-8 are read as U+FFFD.

Output: one JSON object per non-blank line, in input order, for example
  {"id":"42","sentiment":"negative","sentimentScore":-0.71,"complaint":true,
   "complaintProbability":0.88,"intent":"get_refund","category":"REFUND",
   "socialIntent":"complaint","socialIntentConfidence":0.91,"language":"en","spam":false,
   "abuse":false,"priority":67,"reasons":["complaint","mentions refund"], …}

Examples:
  earshot triage --input mentions.tsv > triaged.jsonl
  printf 'my flight got cancelled again\\n' | earshot triage`;

/** `earshot triage`: label mentions from a file or stdin as JSON lines, streaming. */
export function registerTriageCommand(program: Command): void {
  program
    .command('triage')
    .description(
      'label mentions (sentiment, complaint, intent, socialIntent, language, spam, priority)',
    )
    .option('-i, --input <file>', 'read mentions from FILE instead of standard input')
    .addHelpText('after', helpText)
    .action(async (options: { input?: string }) => {
      const input = options.input === undefined ? process.stdin : await openInput(options.input);
      const models = loadTriageModels();
      await triageLines(input, process.stdout, (text) => triageText(models, { text }));
    });
}

async function openInput(path: string): Promise<Readable> {
  try {
    const handle = await open(path, 'r');
    if ((await handle.stat()).isDirectory()) {
      await handle.close();
      throw new Error(`cannot read input file ${path}: it is a directory`);
    }
    return handle.createReadStream();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw new Error(`cannot read input file ${path}: no such file`, { cause: error });
    if (code === 'EACCES')
      throw new Error(`cannot read input file ${path}: permission denied`, {
        cause: error,
      });
    throw error;
  }
}

interface ParsedLine {
  id: string;
  text: string;
}

// An id is a short token without spaces; anything else before a tab is part of the text.
const idPattern = /^[^\s]{1,200}$/u;

/** One input line → id and text; undefined for a blank line. */
export function parseLine(line: string, lineNumber: number): ParsedLine | undefined {
  const clean = line.endsWith('\r') ? line.slice(0, -1) : line;
  if (clean.trim() === '') return undefined;
  const tab = clean.indexOf('\t');
  if (tab > 0 && idPattern.test(clean.slice(0, tab))) {
    return { id: clean.slice(0, tab), text: clean.slice(tab + 1) };
  }
  return { id: String(lineNumber), text: clean };
}

/**
 * Reads lines, triages each, writes JSON lines in order. Memory stays flat on any input size:
 * readline pauses the input while we work, and we wait for the output to drain when it is full.
 */
export async function triageLines(
  input: Readable,
  output: Writable,
  triage: (text: string) => TriageResult,
): Promise<void> {
  let outputClosed = false;
  let outputError: Error | undefined;
  const onOutputError = (error: NodeJS.ErrnoException) => {
    outputClosed = true;
    // The reader went away (`earshot triage | head`): stop quietly, there is no one to tell.
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') outputError = error;
  };
  output.on('error', onOutputError);
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNumber = 0;
  try {
    for await (const line of lines) {
      lineNumber += 1;
      const parsed = parseLine(lineNumber === 1 ? line.replace(/^\uFEFF/u, '') : line, lineNumber);
      if (parsed === undefined) continue;
      if (outputClosed) break;
      if (!output.write(`${resultLine(parsed, triage)}\n`)) await drained(output);
    }
  } finally {
    lines.close();
    output.off('error', onOutputError);
    if (outputClosed) input.destroy();
  }
  if (outputError !== undefined) throw outputError;
}

/** Resolves when the output can take more, or will never take more (closed, failed). */
function drained(output: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      output.off('drain', done).off('close', done).off('error', done);
      resolve();
    };
    output.on('drain', done).on('close', done).on('error', done);
  });
}

function resultLine(parsed: ParsedLine, triage: (text: string) => TriageResult): string {
  try {
    return JSON.stringify({ id: parsed.id, ...triage(parsed.text) });
  } catch (error) {
    // Keep the line in the output with the reason rather than losing it or stopping the run.
    const message = error instanceof Error ? error.message : String(error);
    return JSON.stringify({ id: parsed.id, error: `could not triage: ${message}` });
  }
}
