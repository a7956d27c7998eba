// Owns when the young generation is collected: in a quiet moment between
// turns rather than in the middle of the next burst of them.
//
// V8 collects the young generation (a scavenge) when it is full, and it fills
// only while turns run, so that collection always lands inside a turn: every
// turn in flight waits for it, and it copies everything those turns still
// hold. Teams traffic comes in bursts (a card press, a few people at once), so
// with the 32 MB young generation of START_FLAGS the slowest bursts of a quiet
// minute were the ones a 6-12 ms scavenge landed in (bench/gc-tail.ts). Once
// the server has had no turn in flight for a moment and the young generation
// is a quarter full, this collects it: 3-5 ms here, with no turn waiting
// (unless one arrives during it), and the next burst starts with room to
// spare. Under steady load the server is never quiet and V8 collects as
// before. Background work (delivery jobs) is not a turn: a collection may
// delay it by those few milliseconds.
//
// The collection is asked for through V8's `gc()` function, made available
// to this module only (a new context's global), not to the rest of the process.
import v8 from 'node:v8';
import vm from 'node:vm';

export interface IdleCollectionOptions {
  /** How long without a turn in flight before collecting. */
  quietMs: number;
  /** Collect only when the young generation is at least this full (0–1 of the half new objects go to). */
  minFullness: number;
}

export const IDLE_COLLECTION: IdleCollectionOptions = { quietMs: 20, minFullness: 0.25 };

type MinorCollection = () => void;

/** V8's `gc({ type: 'minor' })`, without exposing `gc` on the process's own global. */
function minorCollection(): MinorCollection {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as (o: { type: 'minor' }) => void;
  v8.setFlagsFromString('--no-expose-gc');
  return () => gc({ type: 'minor' });
}

function youngGenerationFullness(): number {
  // space_size counts both halves of the young generation; objects are made in one, so it holds used + available.
  const young = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
  const capacity = young ? young.space_used_size + young.space_available_size : 0;
  return young && capacity > 0 ? young.space_used_size / capacity : 0;
}

export interface IdleCollector {
  /** A turn has started: no collection until the server is quiet again. */
  turnStarted(): void;
  /** A turn has ended: once none is in flight for `quietMs`, collect if worth it. */
  turnEnded(): void;
  /** Collections made so far (reported by /metrics). */
  readonly collections: number;
  stop(): void;
}

export function createIdleCollector(o: IdleCollectionOptions = IDLE_COLLECTION, collect: MinorCollection = minorCollection(), fullness: () => number = youngGenerationFullness): IdleCollector {
  let inFlight = 0;
  let collections = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const collectIfStillQuiet = () => {
    timer = undefined;
    if (stopped || inFlight > 0 || fullness() < o.minFullness) return;
    collect();
    collections += 1;
  };
  return {
    turnStarted() {
      inFlight += 1;
      clearTimeout(timer);
      timer = undefined;
    },
    turnEnded() {
      inFlight = Math.max(0, inFlight - 1);
      if (inFlight > 0 || stopped) return;
      clearTimeout(timer);
      // unref: never keeps the process alive on its own.
      timer = setTimeout(collectIfStillQuiet, o.quietMs).unref();
    },
    get collections() { return collections; },
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
