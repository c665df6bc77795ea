/**
 * Quality review scoring (issue 19, point 4): a workspace's scorecard names criteria (accuracy,
 * empathy, tone, resolution, brand voice …) with weights; a reviewer gives each criterion 1–5
 * and the review's score is the weighted mean on a 0–100 scale (1 is 0, 5 is 100).
 */

export interface ScorecardCriterion {
  id: string;
  name: string;
  /** A whole number 1–100; only its share of the total weight matters. */
  weight: number;
}

export const minCriterionScore = 1;
export const maxCriterionScore = 5;
export const maxCriteria = 12;

/** What is wrong with a scorecard's criteria, in words a person can act on; undefined if none. */
export function scorecardProblem(
  criteria: ReadonlyArray<{ name: string; weight: number }>,
): string | undefined {
  if (criteria.length === 0) return 'a scorecard needs at least one criterion';
  if (criteria.length > maxCriteria) return `a scorecard has at most ${maxCriteria} criteria`;
  const names = new Set<string>();
  for (const { name, weight } of criteria) {
    const key = name.trim().toLowerCase();
    if (key === '') return 'every criterion needs a name';
    if (names.has(key)) return `the criterion "${name.trim()}" is named twice`;
    names.add(key);
    if (!Number.isInteger(weight) || weight < 1 || weight > 100)
      return `the weight of "${name.trim()}" must be a whole number from 1 to 100`;
  }
  return undefined;
}

/**
 * What is wrong with a review's scores against its scorecard: every criterion scored once,
 * each 1–5 in whole points, nothing else. Undefined when they are complete.
 */
export function scoresProblem(
  criteria: readonly ScorecardCriterion[],
  scores: ReadonlyArray<{ criterionId: string; score: number }>,
): string | undefined {
  const known = new Set(criteria.map((c) => c.id));
  const seen = new Set<string>();
  for (const { criterionId, score } of scores) {
    if (!known.has(criterionId)) return 'a score names a criterion this scorecard does not have';
    if (seen.has(criterionId)) return 'a criterion is scored twice';
    seen.add(criterionId);
    if (!Number.isInteger(score) || score < minCriterionScore || score > maxCriterionScore)
      return `each score is a whole number from ${minCriterionScore} to ${maxCriterionScore}`;
  }
  const missing = criteria.filter((c) => !seen.has(c.id)).map((c) => c.name);
  if (missing.length > 0) return `score every criterion: ${missing.join(', ')} not scored`;
  return undefined;
}

/**
 * The review's score, 0–100 with one decimal: each criterion's 1–5 mapped onto 0–100 and
 * weighted by its share of the total weight. Call only with scores `scoresProblem` accepts.
 */
export function weightedScore(
  criteria: readonly ScorecardCriterion[],
  scores: ReadonlyArray<{ criterionId: string; score: number }>,
): number {
  const byId = new Map(scores.map((s) => [s.criterionId, s.score]));
  let total = 0;
  let weights = 0;
  for (const criterion of criteria) {
    const score = byId.get(criterion.id);
    if (score === undefined) continue;
    const share = (score - minCriterionScore) / (maxCriterionScore - minCriterionScore);
    total += share * criterion.weight;
    weights += criterion.weight;
  }
  if (weights === 0) return 0;
  return Math.round((total / weights) * 1000) / 10;
}
