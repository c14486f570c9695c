/** Where a simulator reads the time from; tests inject one they can move by hand. */
export interface Clock {
  now(): number
}

export const systemClock: Clock = { now: () => Date.now() }

export interface ManualClock extends Clock {
  advance(ms: number): void
  set(ms: number): void
}

/** A clock that only moves when told to, so hours of rate-limited traffic run in milliseconds. */
export const makeManualClock = (startMs = Date.UTC(2025, 0, 6, 9, 0, 0)): ManualClock => {
  let current = startMs
  return {
    now: () => current,
    advance: (ms) => {
      current += ms
    },
    set: (ms) => {
      current = ms
    },
  }
}
