import { createHmac } from "node:crypto"
import type { Clock } from "./Clock.ts"

export type WebhookFetch = (url: string, init: RequestInit) => Promise<Response>

export interface WebhookSubscription {
  readonly url: string
  readonly secret: string | null
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
  readonly body: string
  readonly headers: Readonly<Record<string, string>>
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
}

export const signBody = (secret: string, body: string): string =>
  `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`

const keepSettled = 10_000

/**
 * Delivers outgoing webhooks asynchronously, one POST per event, retried with exponential backoff measured on the
 * injected clock. Tests call `drain()` to flush everything now, or `deliverDue()` to attempt only what is due.
 */
export class WebhookDispatcher {
  private subscription: WebhookSubscription | null = null
  private deliveries: Delivery[] = []
  private readonly inFlight = new Map<Delivery, Promise<void>>()
  private readonly maxAttempts: number
  private readonly backoffMs: number
  private readonly timeoutMs: number

  constructor(private readonly options: DispatcherOptions) {
    this.maxAttempts = options.maxAttempts ?? 5
    this.backoffMs = options.backoffMs ?? 1000
    this.timeoutMs = options.timeoutMs ?? 5000
  }

  subscribe(subscription: WebhookSubscription | null): void {
    this.subscription = subscription
  }

  current(): WebhookSubscription | null {
    return this.subscription
  }

  /** Queues one delivery of `envelope` to the subscribed URL; nothing is sent when no one subscribed. */
  emit(id: string, event: string, envelope: unknown): Delivery | null {
    if (!this.subscription) return null
    const body = JSON.stringify(envelope)
    const headers: Record<string, string> = { "content-type": "application/json" }
    if (this.subscription.secret) headers[this.options.signatureHeader] = signBody(this.subscription.secret, body)
    const delivery: Delivery = {
      id,
      event,
      url: this.subscription.url,
      body,
      headers,
      attempts: [],
      outcome: "pending",
      nextAttemptAt: this.options.clock.now(),
    }
    this.deliveries.push(delivery)
    this.forgetSettled()
    this.wakeAfter(0)
    return delivery
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
