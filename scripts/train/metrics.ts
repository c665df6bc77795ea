/** Recall of each class averaged over the classes (SemEval's AvgRec). */
export function macroRecall(
  gold: ArrayLike<number>,
  predicted: ArrayLike<number>,
  classes: number,
): number {
  const hits = new Float64Array(classes);
  const totals = new Float64Array(classes);
  for (let i = 0; i < gold.length; i++) {
    const g = gold[i] ?? 0;
    totals[g] = (totals[g] ?? 0) + 1;
    if (predicted[i] === g) hits[g] = (hits[g] ?? 0) + 1;
  }
  let sum = 0;
  let present = 0;
  for (let c = 0; c < classes; c++) {
    if ((totals[c] ?? 0) === 0) continue;
    sum += (hits[c] ?? 0) / (totals[c] ?? 1);
    present++;
  }
  return present === 0 ? 0 : sum / present;
}

export function f1(gold: ArrayLike<number>, predicted: ArrayLike<number>, positive = 1): number {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < gold.length; i++) {
    const g = gold[i] === positive;
    const p = predicted[i] === positive;
    if (g && p) tp++;
    else if (p) fp++;
    else if (g) fn++;
  }
  return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
}

export function accuracy<T>(gold: ArrayLike<T>, predicted: ArrayLike<T>): number {
  let hits = 0;
  for (let i = 0; i < gold.length; i++) if (gold[i] === predicted[i]) hits++;
  return gold.length === 0 ? 0 : hits / gold.length;
}

/** F1 of each class averaged over the classes present in `gold`. */
export function macroF1(
  gold: ArrayLike<number>,
  predicted: ArrayLike<number>,
  classes: number,
): number {
  let sum = 0;
  let present = 0;
  for (let c = 0; c < classes; c++) {
    let inGold = false;
    for (let i = 0; i < gold.length && !inGold; i++) inGold = gold[i] === c;
    if (!inGold) continue;
    sum += f1(gold, predicted, c);
    present++;
  }
  return present === 0 ? 0 : sum / present;
}
