/**
 * How language.ts's settings were chosen (models/language.md): fits the classifier on UMSAB
 * train, computes each post's fast-path answer, classifier and tinyld outputs once, then
 * prints the accuracy of every combination of thresholds on UMSAB val, the SemEval 2016 test
 * (English) and check-sets/languages.tsv. `node scripts/train/language-grid.ts [show LANG]`
 * (show: the posts of LANG, e.g. `de` or `x-nl`, that the chosen settings get wrong).
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectAll } from 'tinyld';
import { letterCounts, quickLanguage } from '../../src/triage/language.ts';
import { extractFeatures } from '../../src/triage/features.ts';
import { linearScores, softmax } from '../../src/triage/linear.ts';
import { loadTriageModels } from '../../src/triage/models.ts';
import { tokenize } from '../../src/triage/tokenize.ts';
import { MODELS_DIR, readSemeval, SEMEVAL_REPORT_FILE } from './data.ts';
import { fitLanguage, languageCorpus } from './language.ts';
import { readUmsab, UMSAB_LANGUAGES, type UmsabLanguage } from './language-data.ts';
import { readLexicon } from './lexicon-export.ts';
import { writeModel } from './save-model.ts';

const dir = mkdtempSync(join(tmpdir(), 'earshot-language-'));
for (const file of readdirSync(MODELS_DIR)) copyFileSync(join(MODELS_DIR, file), join(dir, file));
writeModel(
  dir,
  JSON.parse(readFileSync(join(MODELS_DIR, 'language.json'), 'utf8')),
  fitLanguage(languageCorpus(['train']), readLexicon()),
);
const m = loadTriageModels(dir);
interface Row {
  probs: number[];
  tiny: Map<string, number>;
  gold: string;
  quick?: string;
  cls: string;
  p: number;
  t?: string;
  ta: number;
  latin: number;
  nonAscii: number;
  text: string;
}
function row(gold: string, text: string): Row {
  tokenize(text, m.tokens);
  const letters = letterCounts(m.tokens);
  const q = quickLanguage(text, m.tokens, letters);
  extractFeatures(m.tokens, m.lexicon, m.features, true);
  linearScores(m.language.linear, m.features, m.scores);
  const best = softmax(m.scores, 6);
  const all = detectAll(text);
  const [t] = all;
  const probs = [...m.scores.slice(0, 6)];
  const tiny = new Map(all.map((x) => [x.lang, x.accuracy]));
  const nonAscii = [...text.toLowerCase()].filter((c) => c >= '\u00c0' && c < '\u0250').length;
  return {
    probs,
    tiny,
    gold,
    quick: q?.language,
    cls: m.language.metadata.classes[best]!,
    p: m.scores[best]!,
    t: t?.lang,
    ta: t?.accuracy ?? 0,
    latin: letters.latin,
    nonAscii,
    text,
  };
}
const rows: Row[] = [];
for (const l of Object.keys(UMSAB_LANGUAGES) as UmsabLanguage[])
  for (const e of readUmsab(l, 'val')) rows.push(row(l, e.text));
for (const e of readSemeval(SEMEVAL_REPORT_FILE)) rows.push(row('en', e.text));
const check = readFileSync('scripts/train/check-sets/languages.tsv', 'utf8')
  .split('\n')
  .filter((x) => x && !x.startsWith('#'))
  .map((x) => x.split('\t'));
for (const [g, t] of check) rows.push(row(`x-${g}`, t!));
const TRUSTED = new Set(
  'nl ca sv da no nb pl tr cs sk ro hu fi id ms hr sl et lv lt vi eo gl eu af sq is ga cy'.split(
    ' ',
  ),
);
const MOD = new Set(['en', 'es', 'fr', 'de', 'it', 'pt']);
function decide(
  r: Row,
  o: {
    w?: number;
    overA: number;
    overB: number;
    tinyMod: number;
    sureEn: number;
    unmod: number;
    beat: boolean;
    minLatin: number;
    minP: number;
    asciiGate: number;
  },
): string {
  if (r.quick !== undefined && !(r.quick === 'en' && r.nonAscii >= o.asciiGate)) return r.quick;
  if (o.w !== undefined) {
    const L = ['en', 'es', 'fr', 'de', 'it', 'pt'];
    let best = 0;
    let bs = -Infinity;
    const sc = L.map(
      (l, i) => Math.log(r.probs[i]!) + o.w! * Math.log((r.tiny.get(l) ?? 0) + 0.02),
    );
    let z = 0;
    for (const x of sc) z += Math.exp(x);
    sc.forEach((x, i) => {
      if (x > bs) {
        bs = x;
        best = i;
      }
    });
    r = { ...r, cls: L[best]!, p: Math.exp(bs) / z };
  }
  if (r.cls === 'en' && r.p >= o.sureEn) return 'en';
  if (r.t !== undefined && MOD.has(r.t) && r.t !== 'en' && r.ta >= o.overA && r.p < o.overB)
    return r.t;
  if (r.t !== undefined && TRUSTED.has(r.t) && (r.ta >= o.unmod || (o.beat && r.ta > r.p)))
    return r.t;
  if (r.p < o.minP) return r.t !== undefined && MOD.has(r.t) && r.ta >= o.tinyMod ? r.t : 'und';
  return r.cls;
}
for (const sureEn of [0.9])
  for (const unmod of [0.65])
    for (const beat of [false])
      for (const minP of [0.4])
        for (const asciiGate of [2])
          for (const minLatin of [0])
            for (const tinyMod of [0.9])
              for (const overA of [2])
                for (const overB of [0.6])
                  for (const w of [0, 0.25, 0.5, 1]) {
                    const o = {
                      w,
                      overA,
                      overB,
                      tinyMod,
                      sureEn,
                      unmod,
                      beat,
                      minLatin,
                      minP,
                      asciiGate,
                    };
                    const acc = (g: string) => {
                      const rs = rows.filter((r) => r.gold === g);
                      return (
                        (100 * rs.filter((r) => decide(r, o) === g).length) /
                        rs.length
                      ).toFixed(1);
                    };
                    const xs = rows.filter(
                      (r) => r.gold.startsWith('x-') && !MOD.has(r.gold.slice(2)),
                    );
                    const bm = rows.filter(
                      (r) => r.gold.startsWith('x-') && MOD.has(r.gold.slice(2)),
                    );
                    const bmOk = bm.filter((r) => decide(r, o) === r.gold.slice(2)).length;
                    const notMod = xs.filter((r) => !MOD.has(decide(r, o))).length;
                    console.log(
                      JSON.stringify(o),
                      ['es', 'fr', 'de', 'it', 'pt', 'en'].map((g) => `${g} ${acc(g)}`).join(' '),
                      `unmod-ok ${notMod}/${xs.length}`,
                      `brand ${bmOk}/${bm.length}`,
                      `nl ${xs.filter((r) => r.gold === 'x-nl' && decide(r, o) === 'nl').length}/20`,
                    );
                  }
if (process.argv[2] === 'show')
  for (const r of rows
    .filter(
      (r) =>
        r.gold === process.argv[3] &&
        decide(r, {
          overA: 0.75,
          overB: 0.8,
          tinyMod: 0.9,
          sureEn: 0.9,
          unmod: 0.8,
          beat: false,
          minLatin: 12,
          minP: 0.5,
          asciiGate: 2,
        }) !== r.gold,
    )
    .slice(0, 30))
    console.log(
      r.quick,
      r.cls,
      r.p.toFixed(2),
      r.t,
      r.ta.toFixed(2),
      r.latin,
      '|',
      r.text.slice(0, 80),
    );
