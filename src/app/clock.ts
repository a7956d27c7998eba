// Owns the one place the app reads the time. Everything else is given a Clock,
// so tests can fix or move time.
export interface Clock { now(): Date }

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests can set and move. */
export class ManualClock implements Clock {
  constructor(private current: Date) {}
  now(): Date { return new Date(this.current.getTime()); }
  set(to: Date): void { this.current = new Date(to.getTime()); }
  advance(ms: number): void { this.current = new Date(this.current.getTime() + ms); }
}
