/**
 * What every call to a simulator goes through before its route: who it is from, the common API pipeline, and whether
 * it may be answered. Both APIs take an OAuth client's token at their token path and a bearer token on every other
 * call; only the token path and the way a refusal reads differ between them.
 */
import type { Context, Hono, MiddlewareHandler } from "hono"
import { readFormLike } from "./Body.ts"
import type { CallLog } from "./CallLog.ts"
import type { Clock } from "./Clock.ts"
import { loopbackOnly } from "./Control.ts"
import type { FaultInjector } from "./Faults.ts"
import { apiPipeline, isControlPath, type PipelineHooks } from "./Pipeline.ts"
import type { BucketLimiter } from "./RateLimit.ts"
import { bearerToken, type TokenLookup, type TokenStore } from "./Tokens.ts"

/** What a simulator keeps that says who is calling. */
interface Access {
  /** Where clients get a token, e.g. `/oauth2/token`. */
  readonly tokenPath: string
  readonly tokens: TokenStore
  readonly clock: Clock
}

/** What the token middleware leaves for handlers: the client the call's token was issued to. */
export type ClientEnv = { Variables: { clientId: string } }

const lookup = (access: Access, c: Context): TokenLookup => {
  const token = bearerToken(c.req.header("authorization"))
  return token ? access.tokens.lookup(token, access.clock.now()) : { status: "unknown" }
}

/** Every call counts against its client: the OAuth client id of a token call, or the client a bearer token was for. */
const clientOf = (access: Access) => async (c: Context) => {
  if (c.req.path === access.tokenPath) {
    const form = await readFormLike(c.req.raw).catch(() => ({}) as Record<string, unknown>)
    return typeof form.client_id === "string" ? form.client_id : "anonymous"
  }
  const found = lookup(access, c)
  return found.status === "unknown" ? "anonymous" : found.clientId
}

/** Every call but the token call and the control surface needs a token that is known and not expired. */
const requireToken =
  (access: Access, refuse: PipelineHooks["refuse"]): MiddlewareHandler<ClientEnv> =>
  async (c, next) => {
    if (c.req.path === access.tokenPath || isControlPath(c.req.path)) return next()
    const found = lookup(access, c)
    if (found.status === "unknown") return refuse(c, 401, "The access token is missing or invalid")
    if (found.status === "expired") return refuse(c, 401, "The access token has expired")
    c.set("clientId", found.clientId)
    await next()
  }

/** A simulator's state as its front reads it; the rate limiter is read on each call, as a test may change it. */
interface Guarded {
  readonly tokens: TokenStore
  readonly clock: Clock
  readonly calls: CallLog
  readonly faults: FaultInjector
  readonly limiter: BucketLimiter | null
  /** Whether 429s carry `Retry-After` (yes when the simulator does not say). */
  readonly sendsRetryAfter?: () => boolean
}

/**
 * In order: every API call logged, metered by the rate limit and subjected to the faults (Pipeline.ts); the control
 * surface for loopback callers only; every API call but the token call with a valid token.
 */
export const guardApi = (
  app: Hono<ClientEnv>,
  sim: Guarded,
  tokenPath: string,
  refuse: PipelineHooks["refuse"],
): void => {
  const access = { tokenPath, tokens: sim.tokens, clock: sim.clock }
  app.use(
    "*",
    apiPipeline({
      clock: sim.clock,
      calls: sim.calls,
      faults: sim.faults,
      limiter: () => sim.limiter,
      sendsRetryAfter: () => sim.sendsRetryAfter?.() ?? true,
      clientOf: clientOf(access),
      refuse,
    }),
  )
  app.use(
    "/__sim/*",
    loopbackOnly((c) => refuse(c, 403, "The control surface answers loopback callers only")),
  )
  app.use("*", requireToken(access, refuse))
}
