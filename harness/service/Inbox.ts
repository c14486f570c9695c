/**
 * The webhook inbox and its worker. A delivery is stored before it is acknowledged (a duplicate message id is
 * recognised and dropped), so the sender gets its 200 within milliseconds and nothing is lost if the process stops.
 * The worker then takes every pending delivery at once and makes as few runs as it can: one for all the courses
 * named, one for all the entities, so a burst of webhooks costs one or two runs rather than one each.
 */

import { Cause, Clock, Context, Effect, Either, Layer, Queue } from "effect"
import { chunk } from "../../adapters/store/Database.ts"
import type { StoreError } from "../../adapters/store/Errors.ts"
import { Store } from "../../adapters/store/Store.ts"
import type { WebhookMessage, WebhookSource } from "../../adapters/store/WebhookInbox.ts"
import type { KnownState } from "../../engine/Known.ts"
import type { Links } from "../../engine/model/Store.ts"
import { RequestPriority, ToPort } from "../../engine/Ports.ts"
import { isoNow, type ServiceClock } from "./Clock.ts"
import { dispatchInEffect } from "./Dispatch.ts"
import { clockSkewMs } from "./Echoes.ts"
import { describeFailure, problemOf } from "./Problem.ts"
import { yieldingToRequests } from "./RequestsFirst.ts"
import { Runner, type SyncError, type SyncOutcome, type SyncScope } from "./Runner.ts"
import { Systems } from "./Systems.ts"
import { groupRuns, type Pending, settlementsOf } from "./WebhookRuns.ts"
import {
  courseOfSession,
  doceboContext,
  doceboWork,
  sessionFiredAt,
  toWork,
  type WebhookWork,
  webhookEssentials,
} from "./WebhookScopes.ts"

export class Inbox extends Context.Tag("harness/service/Inbox")<
  Inbox,
  {
    /** Stores a delivery; false when its message id was seen before. */
    readonly receive: (source: WebhookSource, messageId: string, body: unknown) => Effect.Effect<boolean, StoreError>
    /**
     * `receive` as a promise, for the webhook routes: entering the runtime for each request (a fiber, its context,
     * a span) cost more than storing the delivery. Rejects with the same StoreError.
     */
    readonly accept: (source: WebhookSource, messageId: string, body: unknown) => Promise<boolean>
    /** Processes what is pending until the inbox is empty; runs forever, waking when a delivery arrives. */
    readonly work: Effect.Effect<never>
    /**
     * Processes what is pending until the inbox is empty, once, as `work` does each time it wakes: the runs it
     * made, in order. For a caller that decides itself when deliveries are processed (the model-based suites).
     */
    readonly processPending: Effect.Effect<ReadonlyArray<WebhookRun>, StoreError>
    /** Wakes `work`: a delivery was stored by another thread of this process (RunsThread.ts). */
    readonly wake: () => void
  }
>() {}

/** A run the worker made for a batch's deliveries, and how it ended (its deliveries are settled accordingly). */
export interface WebhookRun {
  readonly scope: SyncScope
  readonly outcome: Either.Either<SyncOutcome, SyncError>
}

/** What one batch did: how many deliveries it took (or gave up on), and its runs. */
interface Batch {
  readonly taken: number
  readonly runs: ReadonlyArray<WebhookRun>
}

const sourceName: Record<WebhookSource, string> = { docebo: "docebo", to: "training-orchestra" }

/** How long the worker sleeps when nothing wakes it: a delivery stored by another process is still picked up. */
const idlePoll = "30 seconds"
/**
 * Once woken, the worker waits at least this long before it lists the inbox, so that a burst's deliveries are taken
 * (and synced, and settled) together rather than one batch, and one run, for the first and another for the rest.
 */
const gatherMillis = 50
/**
 * Under a steady stream of deliveries, batches (and their runs) start at most this often: each run blocks the event
 * loop in stretches (decoding reads, planning), which delay the acceptance of the webhooks arriving meanwhile.
 */
const batchIntervalMillis = 500
/** A run syncs the courses a batch names; a burst's deliveries name the same few, so a large batch costs no more. */
const batchSize = 1000
const settleChunk = 25
/**
 * Takes of one delivery before it is given up on as dead: a delivery is settled by the batch that takes it, so more
 * than one take means the process stopped (or the store failed) while it was worked on; a few such stops in a row
 * mean it is the cause, and it must not run on every wake-up for ever.
 */
export const maxWebhookAttempts = 5

/** How far back the journal is read for the writes a batch's Docebo session webhooks may echo. */
const echoHorizonMs = 24 * 3_600_000

/** A turn for the event loop (Effect's own yield goes through microtasks, which let no request in). */
const yieldToRequests = Effect.promise(() => new Promise<void>((resolve) => setImmediate(resolve)))

export const InboxLive = (clock: ServiceClock, log: (line: string) => void) =>
  Layer.effect(
    Inbox,
    Effect.gen(function* () {
      const store = yield* Store
      const runner = yield* Runner
      const systems = yield* Systems
      const doorbell = yield* Queue.sliding<void>(1)
      const dispatch = yield* dispatchInEffect
      const now = () => isoNow(clock)

      /** TO sessions changed since the last run: where sessions iltsync has not seen yet are found. */
      const freshSessions = (known: KnownState) =>
        Effect.gen(function* () {
          const ports = yield* systems.ports
          const since = known.cursors["to:sessions"]
          const listing = yield* Effect.flatMap(ToPort, (to) =>
            to.list("sessions", since === undefined ? {} : { updatedSince: since }),
          ).pipe(Effect.provide(ports), Effect.locally(RequestPriority, "interactive"))
          return new Map(listing.items.map((session) => [session.id as string, session.courseId as string]))
        })

      const resolveSessions = (pending: ReadonlyArray<Pending>, known: KnownState, links: Links) =>
        Effect.gen(function* () {
          if (!pending.some((entry) => entry.work.kind === "toSession")) return pending
          const courseOf = yield* Effect.either(freshSessions(known))
          return pending.map((entry): Pending => {
            if (entry.work.kind !== "toSession") return entry
            if (Either.isLeft(courseOf))
              return { ...entry, work: { kind: "ignore", reason: problemOf(courseOf.left).detail } }
            const course = courseOf.right.get(entry.work.sessionId)
            const work: WebhookWork =
              course === undefined
                ? { kind: "ignore", reason: `session ${entry.work.sessionId} is not in Training Orchestra` }
                : courseOfSession(course, known, links)
            return { ...entry, work }
          })
        })

      /** In transactions of `settleChunk` (each a few ms), the event loop getting a turn between them (a batch may hold 1,000). */
      const settle = (messages: ReadonlyArray<WebhookMessage>, failure: string | null) =>
        Effect.forEach(
          chunk(messages, settleChunk),
          (part) =>
            Effect.zipRight(
              store.settleWebhooks(
                part.map(({ source, messageId }) => ({ source, messageId, failure })),
                now(),
              ),
              yieldToRequests,
            ),
          { discard: true },
        )

      /**
       * The journal's steps that may have caused a batch's Docebo session webhooks: those settled since the earliest
       * of their `fired_at`s (less the clock skew allowed); none when the batch names no Docebo session.
       */
      const recentWrites = (messages: ReadonlyArray<WebhookMessage>) => {
        const fired = messages.flatMap((message) => (message.source === "docebo" ? sessionFiredAt(message.body) : []))
        if (fired.length === 0) return Effect.succeed([])
        const earliest = fired.reduce((a, b) => Math.min(a, b)) - clockSkewMs
        // A delivery older than Docebo retries for is run for: the journal is scanned a day back at most.
        const since = new Date(Math.max(earliest, clock.now() - echoHorizonMs)).toISOString()
        return store.listStepsWrittenSince(since)
      }

      let lastBatchAt = 0
      const processBatch = Effect.gen(function* () {
        lastBatchAt = yield* Clock.currentTimeMillis
        const { taken: messages, dead } = yield* store.takePendingWebhooks(batchSize, maxWebhookAttempts, now())
        if (dead.length > 0) log(`iltsync: ${dead.length} webhook deliveries given up on (see the event log)`)
        if (messages.length === 0) return { taken: dead.length, runs: [] }
        const known = yield* store.loadKnownState()
        const links = yield* store.loadLinks()
        const assigned = (yield* store.loadTrainerAssignments()).map((assignment) => assignment.userId as string)
        const steps = yield* recentWrites(messages)
        const docebo = doceboContext(known, links, assigned, steps)
        const classified = messages.flatMap((message): ReadonlyArray<Pending> => {
          const works =
            message.source === "docebo" ? doceboWork(message.body, docebo) : [toWork(message.body, known, links)]
          return works.map((work) => ({ message, work }))
        })
        const pending = yield* resolveSessions(classified, known, links)
        // A delivery is settled once, after the last run it asks for (a grouped one may ask for two).
        const asking = new Set(pending.flatMap(({ message, work }) => (work.kind === "ignore" ? [] : [message])))
        yield* settle(
          messages.filter((message) => !asking.has(message)),
          null,
        )
        const planned = groupRuns(pending)
        const settlements = settlementsOf(planned)
        const runs: WebhookRun[] = []
        for (const run of planned) {
          yield* yieldToRequests
          const sources = [...new Set(run.messages.map((message) => sourceName[message.source]))].sort()
          const outcome = yield* Effect.either(
            runner.run({
              scope: run.scope,
              trigger: "webhook",
              actor: `webhook:${sources.join("+")}`,
              priority: "interactive",
            }),
          )
          const failure = Either.isLeft(outcome) ? problemOf(outcome.left).detail : null
          for (const part of settlements(run, failure)) yield* settle(part.messages, part.failure)
          runs.push({ scope: run.scope, outcome })
        }
        return { taken: messages.length, runs } satisfies Batch
      })

      /** Batches until one is not full (a full one leaves more waiting): what was pending is processed. */
      const untilEmpty = <E>(batch: Effect.Effect<Batch, E>) =>
        Effect.gen(function* () {
          const runs: WebhookRun[] = []
          for (;;) {
            const { taken, runs: made } = yield* batch
            runs.push(...made)
            if (taken < batchSize) return runs
          }
        })

      // A failing batch (the store busy, a bug) must not stop the worker: it is tried again on the next wake-up.
      const safeBatch = processBatch.pipe(
        Effect.catchAllCause((cause) => {
          if (Cause.isInterruptedOnly(cause)) return Effect.failCause(cause)
          log(`iltsync: the webhook worker failed a batch: ${describeFailure(Cause.squash(cause))}`)
          return Effect.as(Effect.sleep("1 second"), { taken: 0, runs: [] } satisfies Batch)
        }),
      )

      const work = Effect.forever(
        Effect.gen(function* () {
          yield* untilEmpty(safeBatch)
          // The next delivery wakes the worker.
          yield* Queue.take(doorbell).pipe(Effect.timeout(idlePoll), Effect.ignore)
          const at = yield* Clock.currentTimeMillis
          yield* Effect.sleep(Math.max(gatherMillis, lastBatchAt + batchIntervalMillis - at))
        }),
      ).pipe(yieldingToRequests) as Effect.Effect<never>

      /**
       * A stored delivery wakes the worker: this process's, or a worker process through the queue. Stored, it is not
       * lost if the queue cannot take the wake-up: the next delivery's, or the periodic reconcile, covers it.
       */
      const wakeNow = async () => {
        if (dispatch.mode === "queued")
          await dispatch.inbox().catch((error: unknown) => log(`iltsync: ${String(error)}`))
        else Queue.unsafeOffer(doorbell, undefined)
      }
      const wake = Effect.promise(wakeNow)

      const receive = (source: WebhookSource, messageId: string, body: unknown) =>
        store
          .insertWebhookIfNew({ source, messageId, receivedAt: now(), body: webhookEssentials(source, body) })
          .pipe(Effect.tap((fresh) => (fresh ? wake : Effect.void)))

      const accept = async (source: WebhookSource, messageId: string, body: unknown) => {
        const fresh = await store.admitWebhook({
          source,
          messageId,
          receivedAt: now(),
          body: webhookEssentials(source, body),
        })
        if (fresh) await wakeNow()
        return fresh
      }

      return {
        receive,
        accept,
        work,
        processPending: untilEmpty(processBatch),
        wake: () => Queue.unsafeOffer(doorbell, undefined),
      }
    }),
  )
