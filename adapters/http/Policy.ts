import { Duration, Schedule } from "effect"
import type { CallFailure } from "./Failure.ts"

/** How hard one call is retried. */
export interface RetrySettings {
  /** The first back-off delay; each further one doubles, with jitter, up to `maxDelay`. */
  readonly baseDelay: Duration.DurationInput
  readonly maxDelay: Duration.DurationInput
  /** Retries after the first attempt, 429s included. */
  readonly maxRetries: number
  /** The longest `Retry-After` obeyed; a longer one is cut to this. */
  readonly maxRetryAfter: Duration.DurationInput
}

export const defaultRetrySettings: RetrySettings = {
  baseDelay: "250 millis",
  maxDelay: "20 seconds",
  maxRetries: 6,
  maxRetryAfter: "15 minutes",
}

/**
 * Which failures are worth another attempt. A 429 was refused before being processed, so any call may be sent again.
 * A 5xx or a lost connection may hide a write that was applied: only calls that are safe to repeat (reads, PUT, PATCH,
 * DELETE, a POST carrying an idempotency key) are retried then.
 */
export const isRetryable =
  (idempotent: boolean) =>
  (failure: CallFailure): boolean => {
    switch (failure._tag) {
      case "Throttled":
        return true
      case "Unavailable":
      case "Unreachable":
        return idempotent
      default:
        return false
    }
  }

/** Exponential back-off with jitter, capped at `maxDelay`. */
const backoff = (settings: RetrySettings) =>
  Schedule.exponential(settings.baseDelay).pipe(Schedule.jittered, Schedule.either(Schedule.spaced(settings.maxDelay)))

/**
 * The retries of one call: a 429 waits for its `Retry-After`; a 429 without one, 5xx and network errors back off
 * exponentially with jitter (Docebo's own advice for its 429s); at most `maxRetries` retries in all. The jitter is
 * drawn from the Effect `Random` service, so a test that seeds it gets the same delays every time.
 */
export const retrySchedule = (settings: RetrySettings, idempotent: boolean) =>
  Schedule.identity<CallFailure>().pipe(
    Schedule.whileInput(isRetryable(idempotent)),
    Schedule.intersect(backoff(settings)),
    Schedule.intersect(Schedule.recurs(settings.maxRetries)),
    Schedule.modifyDelay(([[failure]], delay) =>
      failure._tag === "Throttled" && failure.retryAfterMs !== null
        ? Duration.min(Duration.millis(failure.retryAfterMs), Duration.decode(settings.maxRetryAfter))
        : delay,
    ),
  )

/** `Retry-After` as seconds or an HTTP date; null when absent or unreadable (the caller backs off on its own). */
export const retryAfterMs = (header: string | null, nowMs: number): number | null => {
  if (header === null || header.trim() === "") return null
  const seconds = Number(header)
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
  const date = Date.parse(header)
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs)
}
