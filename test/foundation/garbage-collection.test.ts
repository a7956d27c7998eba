// The garbage-collection settings the app makes at start (src/server/garbage-collection.ts).
// Whether they shorten the slowest turns is measured by `npm run bench` and
// bench/gc-tail.ts, not asserted here; these tests keep them applicable and
// overridable.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { GARBAGE_COLLECTION_FLAGS, START_FLAGS, tuneGarbageCollection } from '../../src/server/garbage-collection.js';

describe('garbage-collection settings', () => {
  it('names flags this Node knows (V8 ignores an unknown flag set at run time without a word; node refuses it on the command line)', () => {
    // Throws (exit 9, "bad option") when a flag is unknown, e.g. after a Node upgrade renamed it.
    expect(() => execFileSync(process.execPath, [...GARBAGE_COLLECTION_FLAGS, '-e', '0'], { stdio: 'pipe' })).not.toThrow();
  });

  it('starts with a larger young generation: the start flag is known and takes effect', () => {
    // Keeps a few hundred thousand objects alive at a time, so the young generation grows to its limit; prints that size in MB.
    const largestYoungGeneration = (flags: readonly string[]) => Number(execFileSync(process.execPath, [...flags, '-e', `
      const v8 = require('node:v8'); let keep = []; let largest = 0;
      for (let i = 0; i < 3e6; i++) {
        keep.push({ i }); if (keep.length > 300000) keep = [];
        if (i % 100000 === 0) largest = Math.max(largest, v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size);
      }
      process.stdout.write(String(largest / 1048576));`], { stdio: 'pipe' }).toString());
    // Node's own limit follows the machine's memory (16 MB a half here); the flag's is 32 MB a half.
    const flagged = largestYoungGeneration(START_FLAGS);
    expect(flagged).toBeGreaterThan(largestYoungGeneration([]));
    expect(flagged).toBeLessThanOrEqual(2 * 32);
  });

  it('leaves every flag given on the command line as given, in either spelling', () => {
    expect(tuneGarbageCollection(['--heap-growing-percent=0', '--no-memory-reducer-single-gc'])).toEqual([]);
    expect(tuneGarbageCollection(['--heap_growing_percent=20', '--memory_reducer_single_gc', '--trace-gc'])).toEqual([]);
  });

  it('sets the ones the command line does not name', () => {
    expect(tuneGarbageCollection(['--trace-gc', '--heap-growing-percent=0'])).toEqual(['--memory-reducer-single-gc']);
  });
});
