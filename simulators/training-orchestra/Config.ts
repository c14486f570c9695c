import type { Clock } from "../shared/Clock.ts"
import type { FaultSettings } from "../shared/Faults.ts"
import type { WebhookFetch, WebhookSubscription } from "../shared/Webhooks.ts"
import type { ToSeed } from "./Types.ts"

export interface ToCredentials {
  readonly clientId: string
  readonly clientSecret: string
}

/** What a test or the demo uses unless it says otherwise. */
export const TO_TEST_CREDENTIALS: ToCredentials = {
  clientId: "iltsync-test",
  clientSecret: "to-test-secret",
}

export const TO_TOKEN_TTL_SECONDS = 1800
export const TO_IDEMPOTENCY_TTL_MS = 24 * 3_600_000

/** The settings of `POST /__sim/config`; a null rate means unlimited. */
export interface ToConfig {
  ratePerSecond: number | null
  burst: number | null
}

export interface ToSimulatorOptions {
  clock?: Clock
  /** Off unless given: Training Orchestra's limit is `{ perSecond: 10, burst: 20 }`. */
  rateLimit?: { perSecond: number; burst: number } | null
  faults?: FaultSettings
  /** Delivers outgoing webhooks; defaults to the global fetch. */
  webhookFetch?: WebhookFetch
  webhook?: WebhookSubscription | null
  seed?: ToSeed
  credentials?: Partial<ToCredentials>
  /** Webhook retry policy: attempts per delivery and the first backoff (doubled each time). */
  webhookRetry?: { maxAttempts?: number; backoffMs?: number }
}
