// Owns how V8 collects this process's garbage, for a steady turn time.
//
// A full (mark-compact) collection of the app's ~93 MB live heap stops it for
// 10-30 ms and slows it while marking, and V8 starts one when allocation has
// grown the heap past a limit: during turns, never between them. With V8's
// own growing factor (about 1.05 at this heap size and load) that was every
// 5-7 s of steady traffic, and after each, its memory reducer, taking a slow
// trickle of turns for an idle process, ran two or three more. Measured with
// bench/gc-tail.ts (the slowest bursts are the ones a collection lands in)
// and `npm run bench` (check step p99 at 50 turns/s: 76-92 ms before,
// 43 ms after; idle memory 175-182 MB either way, under the 200 MB budget):
// - the heap may grow 60% past its live size before a full collection, so
//   they come about ten times less often (the heap peaks higher under load);
// - the memory reducer runs one collection once traffic calms, not several.
// Both are heuristics V8 reads each time it decides, so setting them at start
// is enough; `node --v8-options` lists them.
import v8 from 'node:v8';

export const GARBAGE_COLLECTION_FLAGS = ['--heap-growing-percent=60', '--memory-reducer-single-gc'] as const;

export function tuneGarbageCollection(): void {
  for (const flag of GARBAGE_COLLECTION_FLAGS) v8.setFlagsFromString(flag);
}
