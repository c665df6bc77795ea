import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LinearModel } from '../../src/triage/linear.ts';
import type { ModelMetadata } from '../../src/triage/model-file.ts';

export function writeModel(dir: string, metadata: ModelMetadata, model: LinearModel): void {
  mkdirSync(dir, { recursive: true });
  const all = new Float32Array(
    model.weights.length + model.bias.length + model.extraWeights.length,
  );
  all.set(model.weights);
  all.set(model.bias, model.weights.length);
  all.set(model.extraWeights, model.weights.length + model.bias.length);
  writeFileSync(join(dir, `${metadata.name}.bin`), new Uint8Array(all.buffer));
  writeFileSync(join(dir, `${metadata.name}.json`), `${JSON.stringify(metadata, null, 2)}\n`);
}
