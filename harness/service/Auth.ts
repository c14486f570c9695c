/**
 * Who may call: operators with a bearer token, the systems with a signed webhook (or the secret as `?token=`, since
 * real Docebo is not known to sign). Comparisons are constant-time over digests of equal length, so neither a token's
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

const bearerOf = (header: string | undefined): string | null => {
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

/**
 * A webhook is genuine when its signature header is the HMAC-SHA256 of the raw body under the shared secret, or when
 * the URL carries the secret itself. Without a configured secret every webhook is refused. The bytes are the ones
 * received, not text decoded from them: a body that is not valid UTF-8 would not decode back to what was signed.
 */
export const verifyWebhook = (
  secret: string | null,
  body: Uint8Array,
  signature: string | undefined,
  urlToken: string | undefined,
): void => {
  if (secret === null) throw new Problem(401, "webhooks are refused: ILTSYNC_WEBHOOK_SECRET is not configured")
  if (urlToken !== undefined && sameSecret(urlToken, secret)) return
  if (signature !== undefined && sameSecret(signature.trim().toLowerCase(), signatureOf(secret, body))) return
  throw new Problem(
    401,
    signature === undefined && urlToken === undefined
      ? "the webhook is not signed"
      : "the webhook signature is not valid",
  )
}
