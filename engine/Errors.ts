import { Schema } from "effect"
import { System } from "./Plan.ts"

/** A listing or record could not be read (network, 5xx after retries, 401 after a token refresh). */
export class ReadFailed extends Schema.TaggedError<ReadFailed>()("ReadFailed", {
  system: System,
  resource: Schema.String,
  status: Schema.optional(Schema.Number),
  reason: Schema.String,
}) {}

/** A response did not have the shape the API promises; `field` names where it went wrong. */
export class ResponseMalformed extends Schema.TaggedError<ResponseMalformed>()("ResponseMalformed", {
  system: System,
  resource: Schema.String,
  field: Schema.String,
  reason: Schema.String,
}) {}

/** The system refused a write (validation, conflict, Docebo's HTTP 200 with `success: false`). */
export class WriteRejected extends Schema.TaggedError<WriteRejected>()("WriteRejected", {
  system: System,
  write: Schema.String,
  status: Schema.Number,
  reason: Schema.String,
}) {}

/**
 * The answer to a write was lost (timeout, 5xx, connection reset): the write may or may not have happened. Apply looks
 * the record up by the id stamped on it before trying again, so a lost answer never makes a duplicate.
 */
export class WriteAmbiguous extends Schema.TaggedError<WriteAmbiguous>()("WriteAmbiguous", {
  system: System,
  write: Schema.String,
  reason: Schema.String,
}) {}

export type ReadError = ReadFailed | ResponseMalformed
export type WriteError = WriteRejected | WriteAmbiguous | ResponseMalformed
