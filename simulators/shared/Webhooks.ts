import { createHmac } from "node:crypto"
import type { Clock } from "./Clock.ts"

export type WebhookFetch = (url: string, init: RequestInit) => Promise<Response>

export interface WebhookSubscription {
  readonly url: string
  /** Signs each body (HMAC-SHA256) in the simulator's signature header; null: unsigned. */
  readonly secret: string | null
  /** Sent as every delivery's `Authorization` header, as a Docebo webhook configured with one does [seen: Basic]. */
  readonly authorization?: string | null
  /** Events of one type go together, up to `groupLimit` a delivery (Docebo's `payloads` [doc]). */
  readonly group?: boolean
}

export interface DeliveryAttempt {
  readonly at: number
  readonly status: number | null
  readonly error: string | null
}

export interface Delivery {
  readonly id: string
  readonly event: string
  readonly url: string
  /** Made again, with its signature, while a group's delivery takes more events (never once attempted). */
  body: string
  headers: Readonly<Record<string, string>>
  readonly attempts: DeliveryAttempt[]
  outcome: "pending" | "delivered" | "failed"
  nextAttemptAt: number
}

export interface DispatcherOptions {
  readonly fetch: WebhookFetch
  readonly clock: Clock
  /** `X-Iltsync-Signature` (Docebo) or `X-TO-Signature` (Training Orchestra). */
  readonly signatureHeader: string
  readonly isSuccess: (status: number) => boolean
  readonly maxAttempts?: number
  readonly backoffMs?: number
  readonly timeoutMs?: number
  /**
   * How long a grouping subscription's delivery waits for more events of its type before its first attempt, on the
   * injected clock (`drain()` does not wait).
   */
  readonly groupWindowMs?: number
}

/** The most events one grouped delivery carries [doc: help.docebo.com article 4403092802194]. */
export const groupLimit = 25

/** What a grouped delivery is made of: a body is made from the events gathered so far. */
export interface GroupedEvent {
  /** Events of the same key go together (Docebo: the event type, and whether a batch call fired it). */
  readonly key: string
  readonly payload: unknown
  readonly envelope: (messageId: string, payloads: ReadonlyArray<unknown>) => unknown
}

interface OpenGroup {
  readonly delivery: Delivery
  readonly payloads: unknown[]
  readonly envelope: GroupedEvent["envelope"]
}

export const signBody = (secret: string, body: string): string =>
  `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`

const keepSettled = 10_000

/**
 * Delivers outgoing webhooks asynchronously, one POST per event (or per group of events, for a subscription that
 * groups them), retried with exponential backoff measured on the
 * injected clock. Tests call `drain()` to flush everything now, or `deliverDue()` to attempt only what is due.
 */
export class WebhookDispatcher {
  private subscription: WebhookSubscription | null = null
  private deliveries: Delivery[] = []
  private readonly inFlight = new Map<Delivery, Promise<void>>()
  private readonly maxAttempts: number
  private readonly backoffMs: number
  private readonly timeoutMs: number
  private readonly groupWindowMs: number
  private readonly openGroups = new Map<string, OpenGroup>()

  constructor(private readonly options: DispatcherOptions) {
    this.maxAttempts = options.maxAttempts ?? 5
    this.backoffMs = options.backoffMs ?? 1000
    this.timeoutMs = options.timeoutMs ?? 5000
    this.groupWindowMs = options.groupWindowMs ?? 1000
  }

  subscribe(subscription: WebhookSubscription | null): void {
    this.subscription = subscription
    this.openGroups.clear()
  }

  current(): WebhookSubscription | null {
    return this.subscription
  }

  /** Queues one delivery of `envelope` to the subscribed URL; nothing is sent when no one subscribed. */
  emit(id: string, event: string, envelope: unknown): Delivery | null {
    if (!this.subscription) return null
    return this.queue(this.subscription, id, event, envelope, 0)
  }

  /**
   * Queues one event of a subscription that groups: into the open delivery of its key while that one has not been
   * attempted and holds fewer than `groupLimit` events (its body and signature made again), else into a new one that
   * waits `groupWindowMs` for more. `newId` names a new delivery.
   */
  emitGrouped(newId: () => string, event: string, grouped: GroupedEvent): Delivery | null {
    const subscription = this.subscription
    if (!subscription) return null
    const open = this.openGroups.get(grouped.key)
    if (open !== undefined && this.joinable(open, subscription)) {
      open.payloads.push(grouped.payload)
      this.seal(open.delivery, subscription, open.envelope(open.delivery.id, open.payloads))
      return open.delivery
    }
    const id = newId()
    const payloads = [grouped.payload]
    const delivery = this.queue(subscription, id, event, grouped.envelope(id, payloads), this.groupWindowMs)
    this.openGroups.set(grouped.key, { delivery, payloads, envelope: grouped.envelope })
    return delivery
  }

  private joinable(open: OpenGroup, subscription: WebhookSubscription): boolean {
    const { delivery } = open
    return (
      delivery.url === subscription.url &&
      delivery.outcome === "pending" &&
      delivery.attempts.length === 0 &&
      !this.inFlight.has(delivery) &&
      open.payloads.length < groupLimit
    )
  }

  private queue(subscription: WebhookSubscription, id: string, event: string, envelope: unknown, waitMs: number) {
    const delivery: Delivery = {
      id,
      event,
      url: subscription.url,
      body: "",
      headers: {},
      attempts: [],
      outcome: "pending",
      nextAttemptAt: this.options.clock.now() + waitMs,
    }
    this.seal(delivery, subscription, envelope)
    this.deliveries.push(delivery)
    this.forgetSettled()
    this.wakeAfter(waitMs)
    return delivery
  }

  /** The body as sent, signed when the subscription has a secret, with its `Authorization` when it has one. */
  private seal(delivery: Delivery, subscription: WebhookSubscription, envelope: unknown): void {
    const body = JSON.stringify(envelope)
    const headers: Record<string, string> = { "content-type": "application/json" }
    if (subscription.secret) headers[this.options.signatureHeader] = signBody(subscription.secret, body)
    if (subscription.authorization) headers.authorization = subscription.authorization
    delivery.body = body
    delivery.headers = headers
  }

  /** Attempts, in order, every pending delivery whose backoff has elapsed on the injected clock. */
  async deliverDue(): Promise<void> {
    const now = this.options.clock.now()
    for (const delivery of this.deliveries) {
      if (delivery.outcome === "pending" && delivery.nextAttemptAt <= now && !this.inFlight.has(delivery)) {
        await this.attempt(delivery)
      }
    }
  }

  /** Attempts every pending delivery now, ignoring backoff, until each is delivered or out of attempts. */
  async drain(): Promise<void> {
    for (;;) {
      await Promise.all(this.inFlight.values())
      const pending = this.deliveries.filter((delivery) => delivery.outcome === "pending")
      if (pending.length === 0) return
      for (const delivery of pending) {
        if (delivery.outcome === "pending" && !this.inFlight.has(delivery)) await this.attempt(delivery)
      }
    }
  }

  list(): Delivery[] {
    return [...this.deliveries]
  }

  pending(): Delivery[] {
    return this.deliveries.filter((delivery) => delivery.outcome === "pending")
  }

  reset(): void {
    this.deliveries = []
    this.openGroups.clear()
  }

  private attempt(delivery: Delivery): Promise<void> {
    const running = this.send(delivery).finally(() => this.inFlight.delete(delivery))
    this.inFlight.set(delivery, running)
    return running
  }

  private async send(delivery: Delivery): Promise<void> {
    const at = this.options.clock.now()
    let status: number | null = null
    let error: string | null = null
    try {
      const response = await this.options.fetch(delivery.url, {
        method: "POST",
        headers: delivery.headers,
        body: delivery.body,
        signal: AbortSignal.timeout(this.timeoutMs),
      })
      status = response.status
      await response.body?.cancel()
    } catch (thrown) {
      error = thrown instanceof Error ? thrown.message : String(thrown)
    }
    delivery.attempts.push({ at, status, error })
    if (status !== null && this.options.isSuccess(status)) {
      delivery.outcome = "delivered"
    } else if (delivery.attempts.length >= this.maxAttempts) {
      delivery.outcome = "failed"
    } else {
      const backoff = this.backoffMs * 2 ** (delivery.attempts.length - 1)
      delivery.nextAttemptAt = this.options.clock.now() + backoff
      this.wakeAfter(backoff)
    }
  }

  /** Background delivery for long-running simulators; timers never keep a process alive. */
  private wakeAfter(ms: number): void {
    const timer = setTimeout(() => {
      this.deliverDue().catch(() => undefined)
    }, ms)
    timer.unref?.()
  }

  private forgetSettled(): void {
    if (this.deliveries.length <= keepSettled * 2) return
    const settled = this.deliveries.filter((delivery) => delivery.outcome !== "pending")
    const drop = new Set(settled.slice(0, settled.length - keepSettled))
    this.deliveries = this.deliveries.filter((delivery) => !drop.has(delivery))
  }
}
