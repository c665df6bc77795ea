/**
 * Limited-memory BFGS with a backtracking (Armijo) line search: a
 * deterministic minimiser for the smooth convex losses we train.
 */
export type Objective = (x: Float64Array, gradient: Float64Array) => number;

export interface LbfgsOptions {
  iterations: number;
  memory?: number;
  tolerance?: number;
  onIteration?: (iteration: number, loss: number) => void;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] ?? 0) * (b[i] ?? 0);
  return s;
}

export function minimize(
  objective: Objective,
  start: Float64Array,
  options: LbfgsOptions,
): { x: Float64Array; loss: number } {
  const n = start.length;
  const m = options.memory ?? 8;
  const tolerance = options.tolerance ?? 1e-7;
  let x = Float64Array.from(start);
  let g = new Float64Array(n);
  let loss = objective(x, g);
  const s: Float64Array[] = [];
  const y: Float64Array[] = [];
  const rho: number[] = [];
  const alpha = new Float64Array(m);
  const direction = new Float64Array(n);
  let nextX = new Float64Array(n);
  let nextG = new Float64Array(n);
  for (let iteration = 1; iteration <= options.iterations; iteration++) {
    // Two-loop recursion: direction = -H g.
    direction.set(g);
    for (let j = s.length - 1; j >= 0; j--) {
      const a = (rho[j] ?? 0) * dot(s[j] as Float64Array, direction);
      alpha[j] = a;
      const yj = y[j] as Float64Array;
      for (let i = 0; i < n; i++) direction[i] = (direction[i] ?? 0) - a * (yj[i] ?? 0);
    }
    if (s.length > 0) {
      const last = s.length - 1;
      const gamma =
        dot(s[last] as Float64Array, y[last] as Float64Array) /
        dot(y[last] as Float64Array, y[last] as Float64Array);
      for (let i = 0; i < n; i++) direction[i] = (direction[i] ?? 0) * gamma;
    } else {
      const norm = Math.sqrt(dot(g, g)) || 1;
      for (let i = 0; i < n; i++) direction[i] = (direction[i] ?? 0) / norm;
    }
    for (let j = 0; j < s.length; j++) {
      const b = (rho[j] ?? 0) * dot(y[j] as Float64Array, direction);
      const sj = s[j] as Float64Array;
      const coefficient = (alpha[j] ?? 0) - b;
      for (let i = 0; i < n; i++) direction[i] = (direction[i] ?? 0) + coefficient * (sj[i] ?? 0);
    }
    for (let i = 0; i < n; i++) direction[i] = -(direction[i] ?? 0);
    let slope = dot(g, direction);
    if (slope >= 0) {
      // Not a descent direction: restart from steepest descent.
      s.length = 0;
      y.length = 0;
      rho.length = 0;
      for (let i = 0; i < n; i++) direction[i] = -(g[i] ?? 0);
      slope = dot(g, direction);
    }
    let step = 1;
    let nextLoss = Infinity;
    for (let tries = 0; tries < 30; tries++) {
      for (let i = 0; i < n; i++) nextX[i] = (x[i] ?? 0) + step * (direction[i] ?? 0);
      nextLoss = objective(nextX, nextG);
      if (nextLoss <= loss + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(nextLoss <= loss)) break;
    const sNew = new Float64Array(n);
    const yNew = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      sNew[i] = (nextX[i] ?? 0) - (x[i] ?? 0);
      yNew[i] = (nextG[i] ?? 0) - (g[i] ?? 0);
    }
    const sy = dot(sNew, yNew);
    if (sy > 1e-12) {
      if (s.length === m) {
        s.shift();
        y.shift();
        rho.shift();
      }
      s.push(sNew);
      y.push(yNew);
      rho.push(1 / sy);
    }
    [x, nextX] = [nextX, x];
    [g, nextG] = [nextG, g];
    const improvement = loss - nextLoss;
    loss = nextLoss;
    options.onIteration?.(iteration, loss);
    if (improvement < tolerance * Math.max(1, Math.abs(loss))) break;
  }
  return { x, loss };
}
