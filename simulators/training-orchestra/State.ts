import { randomUUID } from "node:crypto"
import { CallLog } from "../shared/CallLog.ts"
import { type Clock, systemClock } from "../shared/Clock.ts"
import { InvalidFields } from "../shared/Errors.ts"
import { FaultInjector } from "../shared/Faults.ts"
import { type BucketLimiter, perSecondTokenBucket } from "../shared/RateLimit.ts"
import { TokenStore } from "../shared/Tokens.ts"
import { WebhookDispatcher, type WebhookSubscription } from "../shared/Webhooks.ts"
import { TO_TEST_CREDENTIALS, type ToConfig, type ToCredentials, type ToSimulatorOptions } from "./Config.ts"
import { IdempotencyStore } from "./Idempotency.ts"
import type { ToLookups } from "./Rules.ts"
import { seedToState } from "./Seed.ts"
import { ToStore } from "./Store.ts"
import type { ToSeed, ToState } from "./Types.ts"

export type ToWebhookEvent =
  | "session.created"
  | "session.updated"
  | "session.cancelled"
  | "location.created"
  | "location.updated"
  | "room.created"
  | "room.updated"
  | "training_provider.created"
  | "training_provider.updated"

/** Everything one Training Orchestra simulator holds: the tenant's records and the simulator's own machinery. */
export class ToSimState {
  readonly clock: Clock
  readonly credentials: ToCredentials
  readonly store: ToStore
  readonly tokens = new TokenStore()
  readonly calls = new CallLog()
  readonly faults = new FaultInjector()
  readonly idempotency: IdempotencyStore
  readonly webhooks: WebhookDispatcher
  config: ToConfig = { ratePerSecond: null, burst: null }
  limiter: BucketLimiter | null = null

  constructor(private readonly options: ToSimulatorOptions) {
    this.clock = options.clock ?? systemClock
    this.credentials = { ...TO_TEST_CREDENTIALS, ...options.credentials }
    this.store = new ToStore(this.clock)
    this.idempotency = new IdempotencyStore(this.clock)
    this.webhooks = new WebhookDispatcher({
      fetch: options.webhookFetch ?? ((url, init) => fetch(url, init)),
      clock: this.clock,
      signatureHeader: "X-TO-Signature",
      isSuccess: (status) => status >= 200 && status < 300,
      ...options.webhookRetry,
    })
    this.reset()
  }

  /** Back to how the factory made it: its seed, its settings, no faults, calls, tokens, keys or deliveries. */
  reset(): void {
    this.configure({
      ratePerSecond: this.options.rateLimit?.perSecond ?? null,
      burst: this.options.rateLimit?.burst ?? null,
    })
    this.faults.configure(this.options.faults ?? {})
    this.calls.clear()
    this.tokens.clear()
    this.idempotency.clear()
    this.webhooks.reset()
    this.webhooks.subscribe(this.options.webhook ?? null)
    this.seed(this.options.seed ?? {})
  }

  /** Replaces every record with `seed` (checked first: a bad seed changes nothing). */
  seed(seed: ToSeed | unknown): void {
    const state = seedToState(seed, new Date(this.clock.now()).toISOString(), () => this.store.newSequenceId())
    this.store.load(state)
  }

  snapshot(): ToState {
    return this.store.snapshot()
  }

  configure(config: Partial<ToConfig>): void {
    this.config = { ...this.config, ...config }
    const { ratePerSecond, burst } = this.config
    this.limiter = ratePerSecond ? perSecondTokenBucket(ratePerSecond, burst ?? ratePerSecond * 2) : null
  }

  /** TO sends one event a delivery: a subscription asking for groups is refused rather than ignored. */
  subscribe(subscription: WebhookSubscription | null): void {
    if (subscription?.group) throw InvalidFields.of("group", "Training Orchestra sends one event per delivery")
    this.webhooks.subscribe(subscription)
  }

  readonly lookups: ToLookups = {
    course: (id) => this.store.courses.get(id),
    trainer: (id) => this.store.trainers.get(id),
    provider: (id) => this.store.providers.get(id),
    location: (id) => this.store.locations.get(id),
    room: (id) => this.store.rooms.get(id),
  }

  /** Training Orchestra's webhook envelope: the event names the record; receivers fetch it. */
  emit(type: ToWebhookEvent, id: string): void {
    const eventId = `evt_${randomUUID().replaceAll("-", "")}`
    this.webhooks.emit(eventId, type, {
      id: eventId,
      type,
      occurred_at: new Date(this.clock.now()).toISOString(),
      data: { id },
    })
  }
}
