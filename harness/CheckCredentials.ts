/**
 * Checking credentials before they are saved: a token from each system and, for Docebo, the domain, because the
 * integration works on the main domain only (an extended-enterprise sub-domain is refused with a clear error).
 */
import { Effect, Schema } from "effect"
import { type DoceboDomain, DoceboPort, ToPort } from "../engine/Ports.ts"
import { systemsLayer } from "./App.ts"
import type { Connections } from "./Config.ts"
import type { AppOptions } from "./Sync.ts"

export class SubdomainRefused extends Schema.TaggedError<SubdomainRefused>()("SubdomainRefused", {
  domain: Schema.String,
  reason: Schema.String,
}) {}

/** Why iltsync will not work on this domain; null for a main domain (said by Docebo, or confirmed by the operator). */
export const domainRefusal = (domain: DoceboDomain): string | null => {
  if (domain.isMainDomain) return null
  if (domain.checkedBy === "unconfirmed")
    return `this Docebo tenant has no domain endpoint (/manage/v1/domain answered 404), so iltsync cannot check that ${domain.domain} is the platform's main domain (the integration works on the main domain only): confirm it by setting ILTSYNC_DOCEBO_MAIN_DOMAIN=${domain.domain}`
  return `${domain.domain} is an extended-enterprise sub-domain; the integration works on the main domain only`
}

/**
 * An operator waits for a check at a form or a prompt: one quick retry rides out a blip, and a system that does not
 * answer is named in seconds rather than after a sync's minute of back-off.
 */
const checkRetry = { maxRetries: 1, baseDelay: "250 millis", maxDelay: "1 second", maxRetryAfter: "5 seconds" } as const

/** Succeeds when both systems accept the credentials and Docebo's is the main domain. */
export const checkConnections = (connections: Connections, options: Pick<AppOptions, "fetch"> = {}) =>
  Effect.gen(function* () {
    const docebo = yield* DoceboPort
    const to = yield* ToPort
    const domain = yield* docebo.domain()
    const refusal = domainRefusal(domain)
    if (refusal !== null) return yield* new SubdomainRefused({ domain: domain.domain, reason: refusal })
    yield* to.list("trainingProviders")
    return domain
  }).pipe(
    Effect.provide(
      systemsLayer({ connections, retry: checkRetry, ...(options.fetch ? { fetch: options.fetch } : {}) }),
    ),
  )
