/** A token bucket: up to `capacity` calls back to back, then `refillPerMs` calls per millisecond on average. */
export interface BucketSettings {
  readonly capacity: number
  readonly refillPerMs: number
}

export interface BucketState {
  readonly tokens: number
  readonly at: number
}

export const fullBucket = (settings: BucketSettings, now: number): BucketState => ({
  tokens: settings.capacity,
  at: now,
})

/** The bucket at `now`, refilled for the time since it was last looked at (a clock that steps back refills nothing). */
export const refill = (settings: BucketSettings, state: BucketState, now: number): BucketState =>
  now <= state.at
    ? state
    : { tokens: Math.min(settings.capacity, state.tokens + (now - state.at) * settings.refillPerMs), at: now }

/** Milliseconds until one token is there; 0 when it is there now. */
export const msUntilToken = (settings: BucketSettings, state: BucketState, now: number): number => {
  const current = refill(settings, state, now)
  return current.tokens >= 1 ? 0 : Math.ceil((1 - current.tokens) / settings.refillPerMs)
}

/** Takes one token; callers check `msUntilToken` first. */
export const takeToken = (settings: BucketSettings, state: BucketState, now: number): BucketState => {
  const current = refill(settings, state, now)
  return { tokens: current.tokens - 1, at: current.at }
}

/**
 * A bucket that stays under a limit of `limit` calls per `periodMs`, keeping `margin` (a share) in hand, and never lets
 * more than `burst` (less the margin) go back to back.
 */
export const bucketUnder = (limit: number, periodMs: number, burst: number, margin: number): BucketSettings => {
  const keep = 1 - margin
  return { capacity: Math.max(1, Math.floor(burst * keep)), refillPerMs: (limit * keep) / periodMs }
}
