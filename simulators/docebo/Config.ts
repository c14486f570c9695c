import type { Clock } from "../shared/Clock.ts"
import type { FaultSettings } from "../shared/Faults.ts"
import type { WebhookFetch, WebhookSubscription } from "../shared/Webhooks.ts"
import type { DoceboProfile } from "./Profile.ts"
import type { DoceboSeed } from "./Types.ts"

export interface DoceboCredentials {
  readonly clientId: string
  readonly clientSecret: string
  readonly username: string
  readonly password: string
}

/** What a test or the demo uses unless it says otherwise. */
export const DOCEBO_TEST_CREDENTIALS: DoceboCredentials = {
  clientId: "iltsync-test",
  clientSecret: "docebo-test-secret",
  username: "api-admin",
  password: "docebo-test-password",
}

export const DOCEBO_TEST_DOMAIN = "acme.docebosaas.com"
export const DOCEBO_TOKEN_TTL_SECONDS = 3600

/**
 * Endpoints a tenant may not have, each answering 404 when off: those with no public trace (DOCEBO-API.md), and the
 * session endpoints (`/course/v1/…`: a course's sessions, a session, its events), which every tenant has but which can
 * be switched off to show how iltsync (`iltsync doctor`) says it cannot work without them.
 */
export interface OptionalEndpoints {
  webinarAccounts: boolean
  domain: boolean
  sessions: boolean
}

/** The settings of `POST /__sim/config`; a null rate limit means unlimited. */
export interface DoceboConfig {
  rateLimitPerHour: number | null
  /** How many calls may come back to back; defaults to the hourly limit. */
  rateLimitBurst: number | null
  domain: string
  isMainDomain: boolean
  /** Whether a 429 carries `Retry-After`: unknown for Docebo [doc], so a client must cope without it. */
  retryAfter: boolean
  endpoints: OptionalEndpoints
}

/** A change of settings: the optional endpoints named are switched, the others stay as they are. */
export type DoceboConfigChange = Partial<Omit<DoceboConfig, "endpoints">> & {
  readonly endpoints?: Partial<OptionalEndpoints>
}

export interface DoceboSimulatorOptions {
  clock?: Clock
  /** Off unless given: Docebo's real limit is `{ perHour: 1000 }`. */
  rateLimit?: { perHour: number; burst?: number } | null
  faults?: FaultSettings
  /** Delivers outgoing webhooks; defaults to the global fetch. */
  webhookFetch?: WebhookFetch
  webhook?: WebhookSubscription | null
  seed?: DoceboSeed
  credentials?: Partial<DoceboCredentials>
  domain?: string
  isMainDomain?: boolean
  /** What the tenant withholds (Profile.ts); `default` unless said otherwise. `retryAfter` and `endpoints` win over it. */
  profile?: DoceboProfile
  /** Whether 429s carry `Retry-After`; as the profile says unless given. */
  retryAfter?: boolean
  /** The optional endpoints this tenant has; as the profile says unless given. */
  endpoints?: Partial<OptionalEndpoints>
  /** Webhook retry policy: attempts per delivery and the first backoff (doubled each time). */
  webhookRetry?: { maxAttempts?: number; backoffMs?: number }
}
