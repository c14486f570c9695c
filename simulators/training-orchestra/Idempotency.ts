import type { MiddlewareHandler } from "hono"
import { readText } from "../shared/Body.ts"
import type { Clock } from "../shared/Clock.ts"
import { TO_IDEMPOTENCY_TTL_MS } from "./Config.ts"
import { problem, type ToEnv } from "./Wire.ts"

interface StoredAnswer {
  readonly fingerprint: string
  readonly status: number
  readonly body: string
  readonly contentType: string
  readonly expiresAt: number
}

/** The same JSON with keys in another order is the same request. */
const canonical = (text: string): string => {
  const sortKeys = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(sortKeys)
    if (value === null || typeof value !== "object") return value
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([key, item]) => [key, sortKeys(item)]),
    )
  }
  try {
    return JSON.stringify(sortKeys(JSON.parse(text)))
  } catch {
    return text
  }
}

const keyField = "Idempotency-Key"

/**
 * `Idempotency-Key` on POST, kept 24 h on the injected clock, per client: the same key and body replay the first
 * successful answer without writing again; the same key with another request is refused (422). Only successes are
 * kept, since a failed POST wrote nothing and may simply be retried.
 */
export class IdempotencyStore {
  private answers = new Map<string, StoredAnswer>()
  private readonly inFlight = new Set<string>()

  constructor(private readonly clock: Clock) {}

  clear(): void {
    this.answers.clear()
  }

  readonly middleware: MiddlewareHandler<ToEnv> = async (c, next) => {
    const key = c.req.header(keyField)
    if (c.req.method !== "POST" || key === undefined || !c.req.path.startsWith("/api/")) return next()
    if (key === "" || key.length > 255) {
      return problem(c, 400, "Invalid Idempotency-Key", {}, [
        { field: keyField, message: "must be 1 to 255 characters" },
      ])
    }
    const scope = `${c.get("clientId")} ${key}`
    const fingerprint = `${c.req.method} ${c.req.path} ${canonical(await readText(c.req.raw))}`
    const now = this.clock.now()
    this.forgetExpired(now)
    const stored = this.answers.get(scope)
    if (stored && stored.expiresAt > now) {
      if (stored.fingerprint !== fingerprint) {
        return problem(c, 422, "This Idempotency-Key was used for another request", {}, [
          { field: keyField, message: "was already used with a different request body or path" },
        ])
      }
      return new Response(stored.body, {
        status: stored.status,
        headers: { "Content-Type": stored.contentType, "Idempotent-Replayed": "true" },
      })
    }
    if (this.inFlight.has(scope)) return problem(c, 409, "A request with this Idempotency-Key is in progress")
    this.inFlight.add(scope)
    try {
      await next()
    } finally {
      this.inFlight.delete(scope)
    }
    if (c.res.status >= 200 && c.res.status < 300) {
      this.answers.set(scope, {
        fingerprint,
        status: c.res.status,
        body: await c.res.clone().text(),
        contentType: c.res.headers.get("content-type") ?? "application/json",
        expiresAt: now + TO_IDEMPOTENCY_TTL_MS,
      })
    }
  }

  private forgetExpired(now: number): void {
    if (this.answers.size < 10_000) return
    for (const [scope, answer] of this.answers) if (answer.expiresAt <= now) this.answers.delete(scope)
  }
}
