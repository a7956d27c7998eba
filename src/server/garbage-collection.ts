// Owns how V8 collects this process's garbage, for a steady turn time.
//
// A full (mark-compact) collection of the app's ~93 MB live heap stops it for
// 10-30 ms and slows it while marking, and V8 starts one when allocation has
// grown the heap past a limit: during turns, never between them. With V8's
// own limit (the live size times a factor it picks from its recent speed, as
// low as 1.1, plus a few MB) that was every 5-7 s of steady traffic, and
// after each, its memory reducer, taking a slow trickle of turns for an idle
// process, ran two or three more. Measured with bench/gc-tail.ts (the slowest
// bursts are the ones a collection lands in) and `npm run bench` (check step
// p99 at 50 turns/s: 76-92 ms before, 43 ms after; idle memory 175-182 MB
// either way, under the 200 MB budget):
// - the heap may grow 60% past its live size before a full collection, so
//   they come several times less often (the heap peaks higher under load;
//   V8 still caps each limit at halfway to the heap's maximum, and this also
//   replaces the smaller factors it would pick when memory runs short);
// - the memory reducer runs one collection once traffic calms, not several.
// Both are heuristics V8 reads each time it decides, so setting them at start
// is enough (`node --v8-options` lists them). They cannot go in NODE_OPTIONS,
// and a flag given on the command line wins: `node --heap-growing-percent=0
// dist/main.js` gives V8 its own choice back.
//
// The young generation's size, by contrast, V8 reads only when it creates
// the heap, so it is given on the command line that starts the app
// (START_FLAGS: the Dockerfile's CMD and `npm run start:prod` carry it, a test
// keeps them in step, and the benchmark starts the app the same way;
// NODE_OPTIONS=--max-semi-space-size=32 does the same for a command of one's
// own). New objects are collected there; at Node's default here (16 MB a
// half) a busy minute of check steps filled it every second or so, and each
// collection copied what the turns in flight still held. At 32 MB it fills
// half as often: 14–17% more check steps a second in three side-by-side runs
// here (the bare echo bot gains about 2% from it), at the same p99 within the
// runs' noise, with about 30 MB more resident under load. (V8 rounds the size
// up to a power of two, so 24 behaves as 32.)
import v8 from 'node:v8';

/** Node flags the app is started with in production (read when the heap is created, so not settable here). */
export const START_FLAGS = ['--max-semi-space-size=32'] as const;

export const GARBAGE_COLLECTION_FLAGS = ['--heap-growing-percent=60', '--memory-reducer-single-gc'] as const;

/** The flag's name as V8 knows it: `--no-x` and `--x=…` both name `x`; V8 treats `_` and `-` alike. */
function flagName(flag: string): string {
  return flag.replace(/^--(no-)?/, '').replace(/=.*$/, '').replace(/_/g, '-');
}

/** Sets each flag unless the process was started with that flag already (`execArgv`: the command line's node flags). */
export function tuneGarbageCollection(execArgv: readonly string[] = process.execArgv): string[] {
  const given = new Set(execArgv.filter((a) => a.startsWith('--')).map(flagName));
  const applied = GARBAGE_COLLECTION_FLAGS.filter((flag) => !given.has(flagName(flag)));
  for (const flag of applied) v8.setFlagsFromString(flag);
  return applied;
}
