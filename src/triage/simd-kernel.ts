/**
 * The inner loop of the linear models, `sums[c] += weights[row(feature) + c] * value(feature)`
 * over a run of features, in WebAssembly SIMD: two classes per f64x2 operation instead of one
 * bounds-checked load, conversion, multiply and add each in JavaScript (triage's costliest
 * loop, about 2,500 multiply-adds per tweet). The arithmetic is the same as JavaScript's, so
 * the sums are identical bit for bit: float32 weights and values widened exactly to float64,
 * then one rounded multiply and one rounded add per class, in feature order (WebAssembly
 * never fuses them). The module is assembled here from a few dozen opcodes rather than
 * shipped as a binary, so what runs is what is read below.
 *
 * One kernel per row width (2, 4, 8, 16 or 32 float32 weights per bucket). Arguments are byte
 * offsets into the memory the caller passes: feature hashes (uint32) and values (float32),
 * the features `from..to`, the table, the bucket mask, and `width` float64 sums (read, then
 * written back).
 */
export interface SimdKernels {
  memory: WebAssembly.Memory;
  /** By row width: (indexes, values, from, to, table, mask, sums) => void. */
  rows: ReadonlyMap<number, (...args: number[]) => void>;
}

export const SIMD_WIDTHS = [2, 4, 8, 16, 32] as const;

const I32 = 0x7f;
const V128 = 0x7b;
const op = {
  block: 0x02,
  loop: 0x03,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  localGet: 0x20,
  localSet: 0x21,
  i32Load: 0x28,
  f32Load: 0x2a,
  i32Const: 0x41,
  i32GeS: 0x4e,
  i32Add: 0x6a,
  i32And: 0x71,
  i32Shl: 0x74,
  f64PromoteF32: 0xbb,
} as const;
// SIMD instructions: the 0xfd prefix, then the opcode as unsigned LEB128.
const simd = {
  v128Load: [0xfd, 0x00],
  v128Store: [0xfd, 0x0b],
  i8x16Shuffle: [0xfd, 0x0d],
  f64x2Splat: [0xfd, 0x14],
  v128Load64Zero: [0xfd, 0x5d],
  f64x2PromoteLowF32x4: [0xfd, 0x5f],
  f64x2Add: [0xfd, 0xf0, 0x01],
  f64x2Mul: [0xfd, 0xf2, 0x01],
} as const;
/** Lanes 8..15 then 0..7: the upper two float32 moved down for promote_low. */
const HIGH_HALF = [8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7];

function uleb(value: number): number[] {
  const out: number[] = [];
  let v = value >>> 0;
  do {
    const byte = v & 0x7f;
    v >>>= 7;
    out.push(v === 0 ? byte : byte | 0x80);
  } while (v !== 0);
  return out;
}

function sleb(value: number): number[] {
  const out: number[] = [];
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    const done = (v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const name = (text: string): number[] => vec([...text].map((c) => [c.charCodeAt(0)]));
/** Memory access immediate: alignment hint 0 (any address), byte offset. */
const memarg = (offset: number): number[] => [0, ...uleb(offset)];

// Parameters, then locals.
const INDEXES = 0;
const VALUES = 1;
const FROM = 2;
const TO = 3;
const TABLE = 4;
const MASK = 5;
const SUMS = 6;
const I = 7;
const ROW = 8;
const VALUE = 9;
const CHUNK = 10;
const ACC = 11; // ACC + p: the sums of classes 2p and 2p + 1

/** The body of `rows<width>`: see the module comment. */
function rowsBody(width: number): number[] {
  const pairs = width / 2;
  const get = (local: number) => [op.localGet, local];
  const set = (local: number) => [op.localSet, local];
  const code: number[] = [];
  for (let p = 0; p < pairs; p++)
    code.push(...get(SUMS), ...simd.v128Load, ...memarg(16 * p), ...set(ACC + p));
  code.push(...get(FROM), ...set(I));
  code.push(op.block, 0x40, op.loop, 0x40);
  code.push(...get(I), ...get(TO), op.i32GeS, op.brIf, 1);
  // row = table + ((indexes[i] & mask) << log2(width * 4))
  code.push(
    ...get(INDEXES),
    ...get(I),
    op.i32Const,
    2,
    op.i32Shl,
    op.i32Add,
    op.i32Load,
    ...memarg(0),
  );
  code.push(...get(MASK), op.i32And, op.i32Const, ...sleb(Math.log2(width * 4)), op.i32Shl);
  code.push(...get(TABLE), op.i32Add, ...set(ROW));
  // value = splat(f64(values[i]))
  code.push(
    ...get(VALUES),
    ...get(I),
    op.i32Const,
    2,
    op.i32Shl,
    op.i32Add,
    op.f32Load,
    ...memarg(0),
  );
  code.push(op.f64PromoteF32, ...simd.f64x2Splat, ...set(VALUE));
  for (let p = 0; p < pairs; p++) {
    if (p % 2 === 0) {
      // The next four weights (two when the row holds only two).
      const load = width === 2 ? simd.v128Load64Zero : simd.v128Load;
      code.push(...get(ROW), ...load, ...memarg(8 * p), ...set(CHUNK));
    }
    code.push(...get(ACC + p), ...get(CHUNK));
    if (p % 2 === 1) code.push(...get(CHUNK), ...simd.i8x16Shuffle, ...HIGH_HALF);
    code.push(...simd.f64x2PromoteLowF32x4, ...get(VALUE), ...simd.f64x2Mul, ...simd.f64x2Add);
    code.push(...set(ACC + p));
  }
  code.push(...get(I), op.i32Const, 1, op.i32Add, ...set(I), op.br, 0, op.end, op.end);
  for (let p = 0; p < pairs; p++)
    code.push(...get(SUMS), ...get(ACC + p), ...simd.v128Store, ...memarg(16 * p));
  code.push(op.end);
  const locals = vec([
    [...uleb(2), I32],
    [...uleb(2 + pairs), V128],
  ]);
  const body = [...locals, ...code];
  return [...uleb(body.length), ...body];
}

function moduleBytes(): Uint8Array<ArrayBuffer> {
  const params = 7;
  const type = [0x60, ...uleb(params), ...Array<number>(params).fill(I32), 0];
  const bytes = [
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec([type])),
    ...section(2, vec([[...name('env'), ...name('memory'), 0x02, 0x00, 0x00]])),
    ...section(3, vec(SIMD_WIDTHS.map(() => [0]))),
    ...section(7, vec(SIMD_WIDTHS.map((w, i) => [...name(`rows${w}`), 0x00, i]))),
    ...section(10, vec(SIMD_WIDTHS.map(rowsBody))),
  ];
  return new Uint8Array(bytes);
}

/**
 * Compiles the kernels over a new memory of `bytes` bytes (rounded up to whole 64 KiB pages);
 * undefined where WebAssembly SIMD is not available, and the caller stays in JavaScript.
 */
export function compileSimdKernels(bytes: number): SimdKernels | undefined {
  const code = moduleBytes();
  if (typeof WebAssembly === 'undefined' || !WebAssembly.validate(code)) return undefined;
  const memory = new WebAssembly.Memory({ initial: Math.ceil(bytes / 65536) });
  const instance = new WebAssembly.Instance(new WebAssembly.Module(code), { env: { memory } });
  const rows = new Map<number, (...args: number[]) => void>();
  for (const width of SIMD_WIDTHS) {
    const kernel = instance.exports[`rows${width}`];
    if (typeof kernel === 'function') rows.set(width, kernel as (...args: number[]) => void);
  }
  return { memory, rows };
}
