import { Schema } from "effect"

/** The database failed (busy past the timeout, I/O, a constraint); `operation` names the repository function. */
export class StoreError extends Schema.TaggedError<StoreError>()("StoreError", {
  operation: Schema.String,
  code: Schema.optional(Schema.String),
  reason: Schema.String,
}) {}

/** A command that only reads the store was pointed at one that does not exist (it is not made for a read). */
export class StoreMissing extends Schema.TaggedError<StoreMissing>()("StoreMissing", {
  path: Schema.String,
}) {}

/** A stored secret could not be decrypted: the key is not the one it was saved under, or the value was altered. */
export class CredentialsUnreadable extends Schema.TaggedError<CredentialsUnreadable>()("CredentialsUnreadable", {
  system: Schema.Literal("docebo", "to"),
  field: Schema.String,
}) {}

/**
 * Credentials are stored but there is no key to open them: `ILTSYNC_SECRET_KEY` is not set and `keyFile` does not
 * exist. A new key is never made then: the credentials would stay under the lost one.
 */
export class SecretKeyMissing extends Schema.TaggedError<SecretKeyMissing>()("SecretKeyMissing", {
  keyFile: Schema.String,
}) {}

/** Why there is no key, in words: a key file lost, or no `ILTSYNC_SECRET_KEY` for a PostgreSQL store (it has no file). */
export const secretKeyMissingReason = (missing: { readonly keyFile: string }): string =>
  missing.keyFile === "ILTSYNC_SECRET_KEY"
    ? "there is no key for the credentials: ILTSYNC_SECRET_KEY is not set, and a PostgreSQL store keeps no key file"
    : `the stored credentials cannot be decrypted: ILTSYNC_SECRET_KEY is not set and their key file ${missing.keyFile} is missing`

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
