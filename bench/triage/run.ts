// Triage throughput: Earshot's models (and the whole `triageText`) against VADER and AFINN on
// the same tweets, single-threaded, median of several runs. `npm run bench:triage [-- --runs 7]`.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { analyze, loadTriageModels } from '../../src/triage/models.ts';
import { triageText } from '../../src/triage/triage.ts';

const goalTextsPerSecond = 20_000;
const goalTimesVader = 5;
const minimumTexts = 12_000;

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    limit: { type: 'string' },
  },
});
const runs = Math.max(1, Number(args.runs));

const repoRoot = resolve(import.meta.dirname, '../..');
const dataDir = process.env.SEMEVAL_DIR ?? resolve(repoRoot, '../shared/data/semeval2017-task4a');

function loadTweets(dir: string): string[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.tsv'));
  const texts: string[] = [];
  for (const file of files.sort()) {
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
      // id<TAB>label<TAB>text, with \uXXXX escapes as in the original release.
      const text = line.split('\t')[2];
      if (text === undefined || text.trim() === '') continue;
      texts.push(
        text.replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) =>
          String.fromCharCode(parseInt(hex, 16)),
        ),
      );
    }
  }
  return texts;
}

if (!existsSync(dataDir)) {
  console.error(`bench:triage needs the SemEval-2017 Task 4A tweets (id<TAB>label<TAB>text .tsv files) in
  ${dataDir}
Get them from https://github.com/cbaziotis/datastories-semeval2017-task4 (folder
dataset/Subtask_A/downloaded/) and put them there, or point SEMEVAL_DIR at their folder.`);
  process.exit(1);
}

const allTexts = loadTweets(dataDir);
const texts = args.limit === undefined ? allTexts : allTexts.slice(0, Number(args.limit));
if (texts.length < minimumTexts) {
  console.error(`bench:triage: only ${texts.length} tweets in ${dataDir}; need ${minimumTexts}+.`);
  process.exit(1);
}

interface VaderModule {
  SentimentIntensityAnalyzer: { polarity_scores(text: string): { compound: number } };
}
interface AfinnInstance {
  analyze(text: string): { score: number };
}
const require = createRequire(import.meta.url);
const vader = require('vader-sentiment') as VaderModule;
const Sentiment = require('sentiment') as new () => AfinnInstance;
const afinn = new Sentiment();
const models = loadTriageModels();

// Every contender returns something we fold into a checksum, so no work is optimised away.
const contenders: ReadonlyArray<{ name: string; run: (text: string) => number }> = [
  {
    name: 'earshot triageText (language, 3 models, spam, priority)',
    run: (t) => triageText(models, { text: t }).priority,
  },
  { name: 'earshot analyze (language + 3 models)', run: (t) => analyze(models, t).sentiment.score },
  {
    name: 'vader-sentiment',
    run: (t) => vader.SentimentIntensityAnalyzer.polarity_scores(t).compound,
  },
  { name: 'sentiment (AFINN-165)', run: (t) => afinn.analyze(t).score },
];

// Wall time is what a user sees; on a shared machine the process is often descheduled, so the
// CPU time it actually used (user + system) is reported beside it as the steadier figure.
function timeOnce(run: (text: string) => number): {
  textsPerSecond: number;
  textsPerCpuSecond: number;
  checksum: number;
} {
  let checksum = 0;
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (const text of texts) checksum += run(text);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return {
    textsPerSecond: texts.length / seconds,
    textsPerCpuSecond: texts.length / cpuSeconds,
    checksum,
  };
}

const median = (values: readonly number[]) => {
  const sorted = values.toSorted((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? 0)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

const cpu = cpus();
console.log(
  `machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} logical cores, ${Math.round(totalmem() / 2 ** 30)} GiB`,
);
console.log(
  `node ${process.version}, ${process.platform}-${process.arch}, ${new Date().toISOString()}`,
);
console.log(
  `texts: ${texts.length} tweets from ${dataDir}; ${runs} timed runs after 1 warm-up, single thread\n`,
);

const results = new Map<string, number>();
const cpuResults = new Map<string, number>();
for (const contender of contenders) {
  timeOnce(contender.run); // warm-up: JIT, lazy tables
  const timings = Array.from({ length: runs }, () => timeOnce(contender.run));
  const samples = timings.map((t) => t.textsPerSecond);
  const mid = median(samples);
  const cpuMid = median(timings.map((t) => t.textsPerCpuSecond));
  results.set(contender.name, mid);
  cpuResults.set(contender.name, cpuMid);
  const fmt = (n: number) => Math.round(n).toLocaleString('en').padStart(9);
  const range = `${fmt(Math.min(...samples)).trim()}–${fmt(Math.max(...samples)).trim()}`;
  console.log(
    `${contender.name.padEnd(58)} median ${fmt(mid)} texts/s (runs ${range}); ${fmt(cpuMid)} texts/CPU-s`,
  );
}

const loadAverage = loadavg()[0] ?? 0;
console.log(`\nload average during the run: ${loadAverage.toFixed(1)} on ${cpu.length} cores`);
const verdict = (label: string, rates: ReadonlyMap<string, number>) => {
  const earshot = rates.get(contenders[0]?.name ?? '') ?? 0;
  const timesVader = earshot / (rates.get('vader-sentiment') ?? 1);
  const meets = earshot >= goalTextsPerSecond && timesVader >= goalTimesVader;
  console.log(
    `triageText (${label}): ${Math.round(earshot).toLocaleString('en')} texts/s, ${timesVader.toFixed(1)}× VADER — goal ≥ ${goalTextsPerSecond.toLocaleString('en')} texts/s and ≥ ${goalTimesVader}× VADER: ${meets ? 'met' : 'NOT met'}`,
  );
  return meets;
};
// The goal is stated per CPU-second (issue 24): it holds on a busy machine, where wall time
// measures the neighbours too. Wall time is printed beside it.
verdict('wall time', results);
const meets = verdict('CPU time', cpuResults);
process.exitCode = meets ? 0 : 2;
