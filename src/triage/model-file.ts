import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_GROUPS, type LinearModel } from './linear.ts';

/**
 * A trained linear model on disk: `<name>.json` (metadata) beside
 * `<name>.bin` (little-endian float32: hashed weights, biases, extra-input
 * weights). Plain files, so nothing is evaluated when loading.
 */
export interface ModelMetadata {
  name: string;
  format: 1;
  bits: number;
  /** Feature groups read (bit mask, see linear.ts); all when absent. */
  groups?: number;
  classes: string[];
  extraInputs: number;
  /** Added to the log-probabilities before taking the arg max (tuned on held-out data). */
  offsets: number[];
  /** For intents: each class's category. */
  categories?: Record<string, string>;
  /** For binary models: the probability above which the positive class is predicted. */
  threshold?: number;
  /**
   * For a head that reads only posts addressed to someone (the brand-directed sentiment head):
   * an @name as the post's first token (`first`) or anywhere in it (`anywhere`).
   */
  addressed?: 'first' | 'anywhere';
}

export interface LoadedModel {
  metadata: ModelMetadata;
  linear: LinearModel;
}

export function readModel(dir: string, name: string): LoadedModel {
  const metadata = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as ModelMetadata;
  const k = metadata.classes.length;
  const hashed = (1 << metadata.bits) * k;
  const expected = hashed + k + metadata.extraInputs * k;
  const bytes = readFileSync(join(dir, `${name}.bin`));
  if (metadata.format !== 1 || bytes.length !== expected * 4) {
    throw new Error(
      `model ${name} in ${dir} is damaged: expected ${expected * 4} bytes, found ${bytes.length}`,
    );
  }
  // Copy into an aligned buffer (Buffer slices may not be 4-byte aligned).
  const all = new Float32Array(expected);
  new Uint8Array(all.buffer).set(bytes);
  return {
    metadata,
    linear: {
      bits: metadata.bits,
      groups: metadata.groups ?? ALL_GROUPS,
      classes: k,
      extraInputs: metadata.extraInputs,
      weights: all.subarray(0, hashed),
      bias: all.subarray(hashed, hashed + k),
      extraWeights: all.subarray(hashed + k),
    },
  };
}
