/**
 * The service's own settings (INTERFACE.md's table, plus the interval of the periodic reconcile, whether to trust
 * a proxy's `x-forwarded-for` and the `Authorization` Docebo's webhooks carry), read once at start. Tokens and the
 * webhook secrets stay inside this module's values: nothing here is ever printed.
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
  /** Null: webhooks are refused, unless Docebo's carry the `Authorization` below. */
  readonly webhookSecret: string | null
  /**
   * The `Authorization` header value Docebo's webhook is configured to send (e.g. `Basic …`): Docebo is not known
   * to sign deliveries [seen], so this authenticates them instead. Null: not accepted that way.
   */
  readonly doceboWebhookAuthorization: string | null
  /** Null: no periodic reconcile. */
  readonly reconcileInterval: Duration.Duration | null
  /** Take the caller's address from `x-forwarded-for` (only behind a proxy that sets it). */
  readonly trustProxy: boolean
  /** How long settled webhook deliveries are kept, so that a sender's late retry is still recognised. */
  readonly webhookRetention: Duration.Duration
}

/**
 * The service will not start: an operator API without a token would be open to anyone who reaches the port, and one
 * with a token that is short or ambiguous would not be what the operator meant.
 */
export class ServiceRefused extends Schema.TaggedError<ServiceRefused>()("ServiceRefused", {
  reason: Schema.String,
  hint: Schema.String,
}) {}

export const defaultReconcileInterval = Duration.minutes(15)
/** A week: longer than any sender is known to retry a delivery. */
export const defaultWebhookRetention = Duration.hours(168)
export const defaultOperatorName = "operator"

/** An operator token shorter than this could be guessed. */
export const minTokenLength = 16

const operatorName = /^[\w.@-]{1,64}$/

/** Why `name` cannot name an operator (the event log shows it); null when it can. */
export const operatorNameRefusal = (name: string): string | null =>
  operatorName.test(name)
    ? null
    : `"${name}" is not an operator name: use up to 64 letters, digits, '.', '_', '-' or '@'`

const tokenRefused = (reason: string) =>
  new ServiceRefused({
    reason: `ILTSYNC_API_TOKEN's ${reason}`,
    hint: `set one token, or NAME:TOKEN entries separated by commas; a name is letters, digits, '.', '_', '-' or '@', a token has at least ${minTokenLength} characters and no colon or comma (e.g. from \`openssl rand -hex 24\`)`,
  })

/**
 * `ILTSYNC_API_TOKEN` is one token, or `name:token` entries separated by commas so that the event log can name who
 * acted; a lone token (no colon) acts as "operator". A token holds no colon, so an entry with two colons is refused
 * rather than guessed at (`My:Secret:Token` could be a token, or a name and a token). Refusals name the entry by its
 * place only: a part taken for a name may be a token written the other way round.
 */
export const parseApiTokens = (value: string | undefined): ReadonlyArray<ApiToken> => {
  const entries = (value ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0)
  const tokens = entries.map((entry, index): ApiToken => {
    const where = `entry ${index + 1}`
    const colon = entry.indexOf(":")
    if (colon >= 0 && entry.includes(":", colon + 1)) {
      throw tokenRefused(`${where} has more than one colon: it cannot be told which part is a name`)
    }
    const name = colon < 0 ? defaultOperatorName : entry.slice(0, colon).trim()
    const token = colon < 0 ? entry : entry.slice(colon + 1).trim()
    if (name === "") throw tokenRefused(`${where} has an empty name before its colon`)
    if (!operatorName.test(name)) {
      throw tokenRefused(`${where} has a name with other characters than letters, digits, '.', '_', '-' and '@'`)
    }
    if (token.length < minTokenLength) {
      throw tokenRefused(`${where} has a token shorter than ${minTokenLength} characters: it could be guessed`)
    }
    return { name, token }
  })
  tokens.forEach((entry, index) => {
    const first = tokens.findIndex((other) => other.token === entry.token)
    if (first < index) {
      throw tokenRefused(
        `entries ${first + 1} and ${index + 1} have the same token: the event log could not tell who acted`,
      )
    }
  })
  return tokens
}

const truthy = (value: string | undefined) => value !== undefined && /^(1|true|yes|on)$/i.test(value.trim())

/**
 * `ILTSYNC_RUNS_THREAD`: where `serve` runs a tenant's syncs when no worker process takes them. `on` (the default):
 * on a thread of their own (RunsThread.ts), so that no run holds up a webhook's answer; `off`: on the thread that
 * answers requests, which saves a thread's memory per tenant where many tenants share one process.
 */
export const runsWhere = (env: NodeJS.ProcessEnv): "thread" | "in-process" => {
  const text = env.ILTSYNC_RUNS_THREAD?.trim().toLowerCase() ?? ""
  if (text === "" || text === "on") return "thread"
  if (text === "off") return "in-process"
  throw new ServiceRefused({
    reason: `ILTSYNC_RUNS_THREAD must be on or off, not "${env.ILTSYNC_RUNS_THREAD}"`,
    hint: "on (the default) runs syncs on a thread of their own; off runs them on the thread that answers requests",
  })
}

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

/**
 * `ILTSYNC_DOCEBO_WEBHOOK_AUTHORIZATION`: one header line, as long as an operator token at least (a short one could
 * be guessed). Refusals never repeat the value.
 */
const webhookAuthorizationFrom = (value: string | undefined): string | null => {
  const header = value?.trim() ?? ""
  if (header === "") return null
  const hint =
    "set it to the whole Authorization header value Docebo's webhook sends, e.g. `Basic ` and the base64 of user:password"
  if (/\p{Cc}/u.test(header))
    throw new ServiceRefused({ reason: "ILTSYNC_DOCEBO_WEBHOOK_AUTHORIZATION holds a control character", hint })
  if (header.length < minTokenLength)
    throw new ServiceRefused({
      reason: `ILTSYNC_DOCEBO_WEBHOOK_AUTHORIZATION is shorter than ${minTokenLength} characters: it could be guessed`,
      hint,
    })
  return header
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
      hint: `set ILTSYNC_API_TOKEN (one token of at least ${minTokenLength} characters, or NAME:TOKEN entries separated by commas), or pass --insecure-dev on a development machine`,
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
    doceboWebhookAuthorization: webhookAuthorizationFrom(env.ILTSYNC_DOCEBO_WEBHOOK_AUTHORIZATION),
    reconcileInterval: interval !== null && Duration.toMillis(interval) > 0 ? interval : null,
    trustProxy: overrides.trustProxy ?? truthy(env.ILTSYNC_TRUST_PROXY),
    webhookRetention: retentionFrom(env.ILTSYNC_WEBHOOK_RETENTION_HOURS),
  }
}
