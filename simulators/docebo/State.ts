import { randomUUID } from "node:crypto"
import { CallLog } from "../shared/CallLog.ts"
import { type Clock, systemClock } from "../shared/Clock.ts"
import { FaultInjector } from "../shared/Faults.ts"
import { type BucketLimiter, perHourLeakyBucket } from "../shared/RateLimit.ts"
import { TokenStore } from "../shared/Tokens.ts"
import { WebhookDispatcher, type WebhookSubscription } from "../shared/Webhooks.ts"
import {
  DOCEBO_TEST_CREDENTIALS,
  DOCEBO_TEST_DOMAIN,
  type DoceboConfig,
  type DoceboConfigChange,
  type DoceboCredentials,
  type DoceboSimulatorOptions,
} from "./Config.ts"
import { doceboDateTime, sessionDatesOf } from "./Dates.ts"
import { type ProfileSettings, profileSettings } from "./Profile.ts"
import type { DoceboLookups } from "./Rules.ts"
import { seedToState } from "./Seed.ts"
import { DoceboStore } from "./Store.ts"
import type { DoceboCourse, DoceboSeed, DoceboSession, DoceboState, DoceboUser } from "./Types.ts"

export type DoceboWebhookEvent =
  | "course.created"
  | "course.updated"
  | "course.deleted"
  | "ilt.session.created"
  | "ilt.session.updated"
  | "ilt.session.deleted"
  | "user.created"
  | "user.updated"

export type SessionWebhookEvent = "ilt.session.created" | "ilt.session.updated" | "ilt.session.deleted"

/** Everything one Docebo simulator holds: the tenant's records and the simulator's own machinery. */
export class DoceboSimState {
  readonly clock: Clock
  readonly credentials: DoceboCredentials
  readonly store = new DoceboStore()
  readonly tokens = new TokenStore()
  readonly calls = new CallLog()
  readonly faults: FaultInjector
  readonly webhooks: WebhookDispatcher
  /** What the tenant withholds; the settings it sets are in `config`, where a test may change them. */
  readonly profile: ProfileSettings
  config: DoceboConfig
  limiter: BucketLimiter | null = null
  /** `/batch` calls under way; Docebo forbids running two at once. */
  batchesInFlight = 0
  private meetingNumber = 81_000_000_000
  private webhookId = 0

  constructor(private readonly options: DoceboSimulatorOptions) {
    this.clock = options.clock ?? systemClock
    this.credentials = { ...DOCEBO_TEST_CREDENTIALS, ...options.credentials }
    this.profile = profileSettings[options.profile ?? "default"]
    this.faults = new FaultInjector()
    this.webhooks = new WebhookDispatcher({
      fetch: options.webhookFetch ?? ((url, init) => fetch(url, init)),
      clock: this.clock,
      signatureHeader: "X-Iltsync-Signature",
      // A delivery fails unless a 200 comes back [seen].
      isSuccess: (status) => status === 200,
      ...options.webhookRetry,
    })
    this.config = this.initialConfig()
    this.reset()
  }

  /** Back to how the factory made it: its seed, its settings, no faults, no calls, no tokens, no deliveries. */
  reset(): void {
    this.configure(this.initialConfig())
    this.faults.configure(this.options.faults ?? {})
    this.calls.clear()
    this.tokens.clear()
    this.webhooks.reset()
    this.subscribe(this.options.webhook ?? null)
    this.seed(this.options.seed ?? {})
  }

  /** Replaces every record with `seed` (checked first: a bad seed changes nothing). */
  seed(seed: DoceboSeed | unknown): void {
    const state = seedToState(seed, {
      now: this.nowText(),
      sessionDates: sessionDatesOf,
      nextMeetingNumber: () => this.nextMeetingNumber(),
    })
    this.store.load(state)
  }

  /**
   * Points outgoing webhooks at `subscription`; each new subscription gets its own `webhook_id`. One that does not say
   * whether to group events groups them as the profile does.
   */
  subscribe(subscription: WebhookSubscription | null): void {
    if (subscription) this.webhookId += 1
    this.webhooks.subscribe(
      subscription && { ...subscription, group: subscription.group ?? this.profile.groupedWebhooks },
    )
  }

  snapshot(): DoceboState {
    return this.store.snapshot()
  }

  configure(config: DoceboConfigChange): void {
    this.config = { ...this.config, ...config, endpoints: { ...this.config.endpoints, ...config.endpoints } }
    const { rateLimitPerHour, rateLimitBurst } = this.config
    this.limiter = rateLimitPerHour ? perHourLeakyBucket(rateLimitPerHour, rateLimitBurst ?? rateLimitPerHour) : null
  }

  /** Read on every 429 the API pipeline sends, as a test may change it. */
  sendsRetryAfter(): boolean {
    return this.config.retryAfter
  }

  nowText(): string {
    return doceboDateTime(this.clock.now())
  }

  nextMeetingNumber(): number {
    this.meetingNumber += 1
    return this.meetingNumber
  }

  readonly lookups: DoceboLookups = {
    hasUser: (id) => this.store.users.has(id),
    location: (id) => this.store.locations.get(id),
    classroom: (id) => this.store.classrooms.get(id),
    account: (id) => this.store.webinarAccounts.get(id),
  }

  emitCourse(event: "course.created" | "course.updated" | "course.deleted", course: DoceboCourse): void {
    this.emit(event, false, {
      course_id: course.id_course,
      name: course.name,
      code: course.code,
      type: course.course_type,
      lang_code: course.lang_code,
    })
  }

  emitUser(event: "user.created" | "user.updated", user: DoceboUser, firedByBatchAction = false): void {
    this.emit(event, firedByBatchAction, { ...user })
  }

  /** A session's payload names it and its course [seen]; sessions are never migrated webinars here. */
  emitSession(event: SessionWebhookEvent, session: DoceboSession): void {
    this.emit(event, false, {
      course_id: session.id_course,
      course_code: this.store.courses.get(session.id_course)?.code ?? "",
      session_id: session.id,
      session_code: session.code,
      session_name: session.name,
      migrated_webinar_session_id: null,
    })
  }

  /**
   * The envelope of Docebo's outgoing webhooks [doc]: one event's `payload`, or, for a subscription that groups,
   * the `payloads` of events of the same type gathered in one delivery.
   */
  private emit(event: DoceboWebhookEvent, firedByBatchAction: boolean, record: Record<string, unknown>): void {
    const envelope = (messageId: string, body: { payload: unknown } | { payloads: ReadonlyArray<unknown> }) => ({
      message_id: messageId,
      webhook_id: this.webhookId,
      original_domain: this.config.domain,
      event,
      fired_by_batch_action: firedByBatchAction,
      ...body,
    })
    const payload = { fired_at: this.nowText(), ...record }
    const newId = () => `wh-${randomUUID()}`
    if (this.webhooks.current()?.group) {
      this.webhooks.emitGrouped(newId, event, {
        key: `${event} ${firedByBatchAction}`,
        payload,
        envelope: (messageId, payloads) => envelope(messageId, { payloads }),
      })
      return
    }
    const messageId = newId()
    this.webhooks.emit(messageId, event, envelope(messageId, { payload }))
  }

  private initialConfig(): DoceboConfig {
    return {
      rateLimitPerHour: this.options.rateLimit?.perHour ?? null,
      rateLimitBurst: this.options.rateLimit?.burst ?? null,
      domain: this.options.domain ?? DOCEBO_TEST_DOMAIN,
      isMainDomain: this.options.isMainDomain ?? true,
      retryAfter: this.options.retryAfter ?? this.profile.retryAfter,
      endpoints: { ...this.profile.endpoints, ...this.options.endpoints },
    }
  }
}
