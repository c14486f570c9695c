import { Schema } from "effect"

/** The database failed (busy past the timeout, I/O, a constraint); `operation` names the repository function. */
export class StoreError extends Schema.TaggedError<StoreError>()("StoreError", {
  operation: Schema.String,
  code: Schema.optional(Schema.String),
  reason: Schema.String,
}) {}

/** A stored secret could not be decrypted: the key is not the one it was saved under, or the value was altered. */
export class CredentialsUnreadable extends Schema.TaggedError<CredentialsUnreadable>()("CredentialsUnreadable", {
  system: Schema.Literal("docebo", "to"),
  field: Schema.String,
}) {}

/** `ILTSYNC_SECRET_KEY` or the key file does not hold 32 bytes in base64 or hex. */
export class SecretKeyInvalid extends Schema.TaggedError<SecretKeyInvalid>()("SecretKeyInvalid", {
  source: Schema.Literal("environment", "file"),
  reason: Schema.String,
}) {}

/** An event-log query the store cannot answer: a date that is not ISO-8601, or a cursor it did not issue. */
export class EventQueryInvalid extends Schema.TaggedError<EventQueryInvalid>()("EventQueryInvalid", {
  field: Schema.Literal("from", "to", "limit", "cursor"),
  reason: Schema.String,
}) {}
