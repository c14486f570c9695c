import type { Context, MiddlewareHandler } from "hono"
import { matchedRoutes } from "hono/route"
import type { CallLog } from "./CallLog.ts"
import type { Clock } from "./Clock.ts"
import type { FaultInjector } from "./Faults.ts"
import type { BucketLimiter } from "./RateLimit.ts"

/** What the common API middleware needs from a simulator; `refuse` renders a failure in that API's format. */
export interface PipelineHooks {
  readonly clock: Clock
  readonly calls: CallLog
  readonly faults: FaultInjector
  readonly limiter: () => BucketLimiter | null
  /** Whether a 429 says when to come back (`Retry-After`); an API may not say it. */
  readonly sendsRetryAfter: () => boolean
  readonly clientOf: (c: Context) => Promise<string>
  readonly refuse: (c: Context, status: number, message: string, headers?: Record<string, string>) => Response
}

export const isControlPath = (path: string): boolean => path === "/__sim" || path.startsWith("/__sim/")

const writeMethods = new Set(["POST", "PUT", "PATCH", "DELETE"])

/** The route template that answered, e.g. `/course/v1/sessions/:id/events`, for the call log. */
const routeTemplate = (c: Context): string => {
  const routes = matchedRoutes(c).filter((route) => route.method !== "ALL")
  return routes.at(-1)?.path ?? "*"
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Every API call (never `/__sim/`) goes through here: logged, metered by the rate limit (which counts refused and
 * unauthenticated calls too), then subjected to the configured faults. A dropped-after-commit write runs its handler
 * and then answers 503.
 */
export const apiPipeline =
  (hooks: PipelineHooks): MiddlewareHandler =>
  async (c, next) => {
    if (isControlPath(c.req.path)) return next()
    const retryAfter = (seconds: number): Record<string, string> =>
      hooks.sendsRetryAfter() ? { "Retry-After": String(seconds) } : {}
    const respond = async (): Promise<Response | undefined> => {
      const limiter = hooks.limiter()
      if (limiter) {
        const admission = limiter.take(await hooks.clientOf(c), hooks.clock.now())
        if (!admission.admitted) {
          const headers = retryAfter(admission.retryAfterSeconds)
          return hooks.refuse(c, 429, "Too many requests: the rate limit is exceeded", headers)
        }
      }
      const fault = hooks.faults.decide(c.req.path)
      if (fault.latencyMs > 0) await sleep(fault.latencyMs)
      if (fault.fail === 429) return hooks.refuse(c, 429, "Too many requests (injected fault)", retryAfter(1))
      if (fault.fail === 503) return hooks.refuse(c, 503, "Service unavailable (injected fault)")
      await next()
      if (fault.dropAfterCommit && writeMethods.has(c.req.method) && c.res.status < 300) {
        return hooks.refuse(c, 503, "Service unavailable (injected fault after the write was applied)")
      }
      return undefined
    }
    const early = await respond()
    if (early) c.res = early
    hooks.calls.record({
      at: hooks.clock.now(),
      method: c.req.method,
      path: c.req.path,
      template: routeTemplate(c),
      status: c.res.status,
    })
    return early
  }
