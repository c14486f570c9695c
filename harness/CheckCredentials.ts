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

/** What an operator is told when the main-domain rule rests on the configured URL alone; null when Docebo said. */
export const domainWarning = (domain: DoceboDomain): string | null =>
  domain.checkedBy === "api"
    ? null
    : `this Docebo tenant has no domain endpoint (/manage/v1/domain answered 404): that ${domain.domain} is the main domain rests on the configured URL`

/** Succeeds when both systems accept the credentials and Docebo's is the main domain. */
export const checkConnections = (connections: Connections, options: Pick<AppOptions, "fetch"> = {}) =>
  Effect.gen(function* () {
    const docebo = yield* DoceboPort
    const to = yield* ToPort
    const domain = yield* docebo.domain()
    if (!domain.isMainDomain) {
      return yield* new SubdomainRefused({
        domain: domain.domain,
        reason: `${domain.domain} is an extended-enterprise sub-domain; the integration works on the main domain only`,
      })
    }
    yield* to.list("trainingProviders")
    return domain
  }).pipe(Effect.provide(systemsLayer({ connections, ...(options.fetch ? { fetch: options.fetch } : {}) })))
