/** How a simulator limits one client's calls; `null` means unlimited. */
export interface BucketSettings {
  /** Calls a client may make back to back before it must wait. */
  readonly capacity: number
  /** Calls per millisecond that drain from (leaky) or refill into (token) the bucket. */
  readonly ratePerMs: number
}

export type Admission = { readonly admitted: true } | { readonly admitted: false; readonly retryAfterSeconds: number }

/**
 * One bucket per client. A leaky bucket (Docebo) and a token bucket (Training Orchestra) meter calls the same way:
 * the bucket's level rises by one per call and drains at a steady rate; a call that would overflow it is refused.
 */
export class BucketLimiter {
  private readonly levels = new Map<string, { level: number; at: number }>()

  constructor(readonly settings: BucketSettings) {}

  take(client: string, now: number): Admission {
    const { capacity, ratePerMs } = this.settings
    const previous = this.levels.get(client) ?? { level: 0, at: now }
    const level = Math.max(0, previous.level - Math.max(0, now - previous.at) * ratePerMs)
    // A small tolerance keeps floating-point drift from refusing a call that waited exactly long enough.
    if (level + 1 <= capacity + 1e-9) {
      this.levels.set(client, { level: level + 1, at: now })
      return { admitted: true }
    }
    this.levels.set(client, { level, at: now })
    const waitMs = (level + 1 - capacity) / ratePerMs
    return { admitted: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) }
  }
}

export const perHourLeakyBucket = (perHour: number, burst = perHour): BucketLimiter =>
  new BucketLimiter({ capacity: burst, ratePerMs: perHour / 3_600_000 })

export const perSecondTokenBucket = (perSecond: number, burst: number): BucketLimiter =>
  new BucketLimiter({ capacity: burst, ratePerMs: perSecond / 1000 })
