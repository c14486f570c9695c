/**
 * Who may call: operators with a bearer token, the systems with a signed webhook (or the secret as `?token=`, or for
 * Docebo a configured `Authorization` header, since real Docebo is not known to sign). Comparisons are constant-time over digests of equal length, so neither a token's
 * content nor its length leaks through timing.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto"
import { getConnInfo } from "@hono/node-server/conninfo"
import type { Context, MiddlewareHandler } from "hono"
import { Problem } from "./Problem.ts"
import { type ApiToken, defaultOperatorName, type ServiceSettings } from "./Settings.ts"

export interface ServiceEnv {
  readonly Variables: {
    /** The operator's name from the token, as the event log names them. */
    readonly actor: string
    /** The caller's address, when known. */
    readonly ip: string | null
    /** The console session's form token; unset on the JSON API. */
    readonly csrf: string
  }
}

const digest = (value: string) => createHash("sha256").update(value, "utf8").digest()

export const sameSecret = (given: string, expected: string): boolean => timingSafeEqual(digest(given), digest(expected))

/** The name of the token presented; every token is compared, so the time taken does not say which one matched. */
export const operatorOf = (tokens: ReadonlyArray<ApiToken>, presented: string): string | null => {
  let name: string | null = null
  for (const entry of tokens) if (sameSecret(presented, entry.token) && name === null) name = entry.name
  return name
}

/** The token of an `Authorization: Bearer …` header; null without one. */
export const bearerOf = (header: string | undefined): string | null => {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? "")
  return match?.[1]?.trim() ?? null
}

/** The connection's peer; `x-forwarded-for` only when a trusted proxy sets it (otherwise anyone could forge it). */
export const callerIp = (c: Context, trustProxy: boolean): string | null => {
  if (trustProxy) {
    const forwarded = c.req.header("x-forwarded-for")?.split(",")[0]?.trim()
    if (forwarded) return forwarded
  }
  try {
    return getConnInfo(c).remote.address ?? null
  } catch {
    // In-process requests (`app.request`) have no socket.
    return null
  }
}

const unauthorized = (detail: string) => new Problem(401, detail, {}, { "www-authenticate": 'Bearer realm="iltsync"' })

/** Operator routes: a known bearer token, or nothing at all when the service runs with `--insecure-dev`. */
export const operatorAuth =
  (settings: ServiceSettings): MiddlewareHandler<ServiceEnv> =>
  async (c, next) => {
    c.set("ip", callerIp(c, settings.trustProxy))
    if (settings.apiTokens.length === 0 && settings.insecureDev) {
      c.set("actor", defaultOperatorName)
      return next()
    }
    const presented = bearerOf(c.req.header("authorization"))
    if (presented === null) throw unauthorized("an Authorization: Bearer token is required")
    const name = operatorOf(settings.apiTokens, presented)
    if (name === null) throw unauthorized("the bearer token is not valid")
    c.set("actor", name)
    return next()
  }

/** The signature of a body: text is signed as its UTF-8 bytes. */
export const signatureOf = (secret: string, body: string | Uint8Array) =>
  `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`

/** What a webhook route accepts: the shared secret (HMAC or `?token=`), and for Docebo an `Authorization` value. */
export interface WebhookKeys {
  readonly secret: string | null
  readonly authorization: string | null
}

/** What a delivery presents: its raw body, and the signature, URL token and `Authorization` header it carries. */
export interface WebhookCredentials {
  readonly body: Uint8Array
  readonly signature: string | undefined
  readonly urlToken: string | undefined
  readonly authorization: string | undefined
}

/**
 * A webhook is genuine when its signature header is the HMAC-SHA256 of the raw body under the shared secret, when
 * the URL carries the secret itself, or when its `Authorization` header is the value configured for the sender (real
 * Docebo sends one it was given, and signs nothing). With neither key configured every webhook is refused. The bytes
 * are the ones received, not text decoded from them: a body that is not valid UTF-8 would not decode back to what was
 * signed. A refusal never repeats what was presented.
 */
export const verifyWebhook = (keys: WebhookKeys, presented: WebhookCredentials): void => {
  const { secret, authorization } = keys
  if (secret === null && authorization === null)
    throw new Problem(401, "webhooks are refused: ILTSYNC_WEBHOOK_SECRET is not configured")
  if (authorization !== null && presented.authorization !== undefined) {
    if (sameSecret(presented.authorization.trim(), authorization)) return
  }
  if (secret !== null) {
    if (presented.urlToken !== undefined && sameSecret(presented.urlToken, secret)) return
    const signature = presented.signature
    if (signature !== undefined && sameSecret(signature.trim().toLowerCase(), signatureOf(secret, presented.body)))
      return
  }
  const shown = [presented.signature, presented.urlToken, presented.authorization].some((part) => part !== undefined)
  throw new Problem(401, shown ? "the webhook signature is not valid" : "the webhook is not signed")
}
