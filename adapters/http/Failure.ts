import { Schema } from "effect"
import { ReadFailed, WriteAmbiguous, WriteRejected } from "../../engine/Errors.ts"
import type { System } from "../../engine/Plan.ts"

/** How one call failed, before the adapter says what it means for a read or a write. */

/**
 * 429: the call was refused before it was processed. `retryAfterMs` comes from `Retry-After`; null when the answer
 * did not say (Docebo's 429 is not known to carry it), and the call then backs off exponentially.
 */
export class Throttled extends Schema.TaggedError<Throttled>()("Throttled", {
  retryAfterMs: Schema.NullOr(Schema.Number),
  reason: Schema.String,
}) {}

/** 5xx: the system may or may not have processed the call. */
export class Unavailable extends Schema.TaggedError<Unavailable>()("Unavailable", {
  status: Schema.Number,
  reason: Schema.String,
}) {}

/** No answer at all (connection refused or reset, timeout): the call may or may not have been processed. */
export class Unreachable extends Schema.TaggedError<Unreachable>()("Unreachable", { reason: Schema.String }) {}

/**
 * The connection was refused: nothing listens at `url` (the system is down, or its URL is wrong). The call was never
 * received, so it is not retried: another attempt a moment later meets the same refusal, and waiting through the back-off
 * only hides the cause. `url` is the origin alone, never credentials or a path.
 */
export class ConnectionRefused extends Schema.TaggedError<ConnectionRefused>()("ConnectionRefused", {
  url: Schema.String,
  reason: Schema.String,
}) {}

/** 401 on an API call: the token was refused. */
export class Unauthorized extends Schema.TaggedError<Unauthorized>()("Unauthorized", { reason: Schema.String }) {}

/** Any other 4xx: the system read the call and refused it. */
export class Refused extends Schema.TaggedError<Refused>()("Refused", {
  status: Schema.Number,
  reason: Schema.String,
}) {}

/** No token could be had, so the call was never sent. */
export class NotAuthenticated extends Schema.TaggedError<NotAuthenticated>()("NotAuthenticated", {
  status: Schema.optional(Schema.Number),
  reason: Schema.String,
}) {}

/** A write failed after an earlier attempt of it lost its answer: it may have been applied. */
export class AnswerLost extends Schema.TaggedError<AnswerLost>()("AnswerLost", {
  last: Schema.Union(Throttled, Unavailable, Unreachable, ConnectionRefused, Unauthorized, Refused, NotAuthenticated),
}) {}

/** Why no token could be had: the token call failed, or the system cannot be reached at all. */
export type TokenFailure = NotAuthenticated | ConnectionRefused

export type CallFailure =
  | Throttled
  | Unavailable
  | Unreachable
  | ConnectionRefused
  | Unauthorized
  | Refused
  | NotAuthenticated
export type SendFailure = CallFailure | AnswerLost

/** Whether the call may have been processed although no answer says so. */
export const answerMayBeLost = (failure: CallFailure): boolean =>
  failure._tag === "Unavailable" || failure._tag === "Unreachable"

export const statusOf = (failure: CallFailure): number | undefined => {
  switch (failure._tag) {
    case "Throttled":
      return 429
    case "Unauthorized":
      return 401
    case "Unavailable":
    case "Refused":
    case "NotAuthenticated":
      return failure.status
    case "Unreachable":
    case "ConnectionRefused":
      return undefined
  }
}

const systemNames: Readonly<Record<System, string>> = { docebo: "Docebo", to: "Training Orchestra" }

/** A failure in words for a read or write error: a refused connection names the system, the rest their kind. */
const describe = (system: System, failure: CallFailure): string =>
  failure._tag === "ConnectionRefused"
    ? `${systemNames[system]} ${failure.reason}`
    : `${failure._tag}: ${failure.reason}`

/** A read that failed after its retries. */
export const readFailed =
  (system: System, resource: string) =>
  (failure: SendFailure): ReadFailed => {
    const last = failure._tag === "AnswerLost" ? failure.last : failure
    return new ReadFailed({ system, resource, status: statusOf(last), reason: describe(system, last) })
  }

/**
 * A write that failed after its retries: refused when the system certainly did not apply it, ambiguous when an answer
 * was lost on the way (5xx, timeout, reset) so that it may have been applied.
 */
export const writeFailed =
  (system: System, write: string) =>
  (failure: SendFailure): WriteRejected | WriteAmbiguous => {
    if (failure._tag === "AnswerLost") {
      return new WriteAmbiguous({
        system,
        write,
        reason: `an answer was lost, then ${describe(system, failure.last)}`,
      })
    }
    if (answerMayBeLost(failure)) return new WriteAmbiguous({ system, write, reason: describe(system, failure) })
    return new WriteRejected({
      system,
      write,
      status: statusOf(failure) ?? 0,
      reason: failure._tag === "ConnectionRefused" ? describe(system, failure) : failure.reason,
    })
  }
