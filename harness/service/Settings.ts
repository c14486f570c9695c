/**
 * The service's own settings (INTERFACE.md's table, plus the interval of the periodic reconcile and whether to trust
 * a proxy's `x-forwarded-for`), read once at start. Tokens and the webhook secret stay inside this module's values:
 * nothing here is ever printed.
 */
import { Duration, Schema } from "effect"

/** One operator token and the name the event log gives whoever presents it. */
export interface ApiToken {
  readonly name: string
  readonly token: string
}

export interface ServiceSettings {
  /** Empty only with `insecureDev`: then operator routes are open and the actor is "operator". */
  readonly apiTokens: ReadonlyArray<ApiToken>
  readonly insecureDev: boolean
  /** Null: webhooks are refused. */
  readonly webhookSecret: string | null
  /** Null: no periodic reconcile. */
  readonly reconcileInterval: Duration.Duration | null
  /** Take the caller's address from `x-forwarded-for` (only behind a proxy that sets it). */
  readonly trustProxy: boolean
  /** How long settled webhook deliveries are kept, so that a sender's late retry is still recognised. */
  readonly webhookRetention: Duration.Duration
}

/** The service will not start: an operator API without a token would be open to anyone who reaches the port. */
export class ServiceRefused extends Schema.TaggedError<ServiceRefused>()("ServiceRefused", {
  reason: Schema.String,
  hint: Schema.String,
}) {}

export const defaultReconcileInterval = Duration.minutes(15)
/** A week: longer than any sender is known to retry a delivery. */
export const defaultWebhookRetention = Duration.hours(168)
export const defaultOperatorName = "operator"

/**
 * `ILTSYNC_API_TOKEN` is one token, or `name:token` pairs separated by commas so that the event log can name who
 * acted. A lone token (no colon) acts as "operator".
 */
export const parseApiTokens = (value: string | undefined): ReadonlyArray<ApiToken> =>
  (value ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part) => {
      const colon = part.indexOf(":")
      if (colon <= 0) return { name: defaultOperatorName, token: part }
      return { name: part.slice(0, colon).trim(), token: part.slice(colon + 1).trim() }
    })
    .filter((entry) => entry.token.length > 0)

const truthy = (value: string | undefined) => value !== undefined && /^(1|true|yes|on)$/i.test(value.trim())

/** `ILTSYNC_RECONCILE_MINUTES`: 0 turns the periodic reconcile off. */
const intervalFrom = (value: string | undefined): Duration.Duration | null => {
  if (value === undefined || value.trim() === "") return defaultReconcileInterval
  const minutes = Number(value)
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new ServiceRefused({
      reason: `ILTSYNC_RECONCILE_MINUTES must be a number of minutes, not "${value}"`,
      hint: "0 turns the periodic reconcile off",
    })
  }
  return minutes === 0 ? null : Duration.millis(Math.round(minutes * 60_000))
}

/** `ILTSYNC_WEBHOOK_RETENTION_HOURS`: hours, more than 0. */
const retentionFrom = (value: string | undefined): Duration.Duration => {
  if (value === undefined || value.trim() === "") return defaultWebhookRetention
  const hours = Number(value)
  if (!Number.isFinite(hours) || hours <= 0) {
    throw new ServiceRefused({
      reason: `ILTSYNC_WEBHOOK_RETENTION_HOURS must be a number of hours above 0, not "${value}"`,
      hint: "settled webhook deliveries are kept that long so that a sender's retry is recognised; the default is 168",
    })
  }
  return Duration.millis(Math.round(hours * 3_600_000))
}

export interface SettingsOverrides {
  readonly insecureDev?: boolean
  /** Overrides `ILTSYNC_RECONCILE_MINUTES`; null or 0 turns it off. */
  readonly reconcileInterval?: Duration.DurationInput | null
  readonly trustProxy?: boolean
}

/** The settings, or `ServiceRefused` (thrown) when the operator API would be left open by mistake. */
export const serviceSettings = (env: NodeJS.ProcessEnv, overrides: SettingsOverrides = {}): ServiceSettings => {
  const apiTokens = parseApiTokens(env.ILTSYNC_API_TOKEN)
  const insecureDev = overrides.insecureDev ?? false
  if (apiTokens.length === 0 && !insecureDev) {
    throw new ServiceRefused({
      reason: "ILTSYNC_API_TOKEN is not set: the operator API would be open to anyone",
      hint: "set ILTSYNC_API_TOKEN (one token, or name:token pairs separated by commas), or pass --insecure-dev on a development machine",
    })
  }
  const secret = env.ILTSYNC_WEBHOOK_SECRET?.trim() ?? ""
  const interval =
    overrides.reconcileInterval === undefined
      ? intervalFrom(env.ILTSYNC_RECONCILE_MINUTES)
      : overrides.reconcileInterval === null
        ? null
        : Duration.decode(overrides.reconcileInterval)
  return {
    apiTokens,
    insecureDev,
    webhookSecret: secret === "" ? null : secret,
    reconcileInterval: interval !== null && Duration.toMillis(interval) > 0 ? interval : null,
    trustProxy: overrides.trustProxy ?? truthy(env.ILTSYNC_TRUST_PROXY),
    webhookRetention: retentionFrom(env.ILTSYNC_WEBHOOK_RETENTION_HOURS),
  }
}
