import { Schema } from "effect"
import { ReadFailed, WriteAmbiguous, WriteRejected } from "../../engine/Errors.ts"
import type { System } from "../../engine/Plan.ts"

/** How one call failed, before the adapter says what it means for a read or a write. */

/** 429: the call was refused before it was processed; `retryAfterMs` comes from `Retry-After`. */
export class Throttled extends Schema.TaggedError<Throttled>()("Throttled", {
  retryAfterMs: Schema.Number,
  reason: Schema.String,
}) {}

/** 5xx: the system may or may not have processed the call. */
export class Unavailable extends Schema.TaggedError<Unavailable>()("Unavailable", {
  status: Schema.Number,
  reason: Schema.String,
}) {}

/** No answer at all (connection refused or reset, timeout): the call may or may not have been processed. */
export class Unreachable extends Schema.TaggedError<Unreachable>()("Unreachable", { reason: Schema.String }) {}

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
  last: Schema.Union(Throttled, Unavailable, Unreachable, Unauthorized, Refused, NotAuthenticated),
}) {}

export type CallFailure = Throttled | Unavailable | Unreachable | Unauthorized | Refused | NotAuthenticated
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
      return undefined
  }
}

/** A read that failed after its retries. */
export const readFailed =
  (system: System, resource: string) =>
  (failure: SendFailure): ReadFailed => {
    const last = failure._tag === "AnswerLost" ? failure.last : failure
    return new ReadFailed({ system, resource, status: statusOf(last), reason: `${last._tag}: ${last.reason}` })
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
        reason: `an answer was lost, then ${failure.last._tag}: ${failure.last.reason}`,
      })
    }
    if (answerMayBeLost(failure))
      return new WriteAmbiguous({ system, write, reason: `${failure._tag}: ${failure.reason}` })
    return new WriteRejected({ system, write, status: statusOf(failure) ?? 0, reason: failure.reason })
  }
