import { afterEach, beforeEach, describe, expect, it } from "@effect/vitest"
import Database from "better-sqlite3"
import { type Context, Effect, Either, Fiber, Layer, TestClock } from "effect"
import { Store } from "../../adapters/store/Store.ts"
import { StoreLive } from "../../adapters/store/StoreLive.ts"
import { makeTempFolder } from "../../adapters/store/testing/Fixtures.ts"
import { SettingsMissing } from "../Sync.ts"
import { Inbox, InboxLive, maxWebhookAttempts } from "./Inbox.ts"
import { makeRunCounters } from "./Metrics.ts"
import { makeRunLock } from "./RunLock.ts"
import { Runner, type SyncOutcome, type SyncRequest } from "./Runner.ts"
import { Systems } from "./Systems.ts"

const courseCreated = (messageId: string, courseId: number, type = "classroom") => ({
  message_id: messageId,
  event: "course.created",
  payload: { course_id: courseId, code: `C-${courseId}`, type },
})

let temp: ReturnType<typeof makeTempFolder>
beforeEach(() => {
  temp = makeTempFolder()
})
afterEach(() => temp.remove())

/**
 * The inbox over a store in a file, with a runner that records each request and then succeeds, fails, or dies (as a
 * process stopping in the middle of the run would leave the delivery: taken, never settled).
 */
const inboxWith = (outcome: "succeeds" | "fails" | "dies") => {
  const requests: SyncRequest<unknown>[] = []
  const runner = Layer.succeed(Runner, {
    run: (request: SyncRequest<unknown>) => {
      requests.push(request)
      if (outcome === "dies") return Effect.die(new Error("stopped in the middle of the run"))
      return outcome === "fails"
        ? Effect.fail(new SettingsMissing({ names: ["DOCEBO_URL"] }))
        : Effect.succeed(undefined as unknown as SyncOutcome)
    },
    counters: makeRunCounters(),
    lock: makeRunLock(),
  } as Context.Tag.Service<Runner>)
  // Docebo's course webhooks are classified without a call to either system.
  const systems = Layer.succeed(Systems, {} as Context.Tag.Service<Systems>)
  const layer = InboxLive({ now: () => Date.parse("2027-01-04T09:00:00.000Z") }, () => undefined).pipe(
    Layer.provideMerge(Layer.mergeAll(StoreLive(temp.file), runner, systems)),
  )
  return { requests, layer }
}

/** A burst (with a repeat and an e-learning course) received before the worker looks, then worked off. */
const burstWorkedOff = Effect.gen(function* () {
  const inbox = yield* Inbox
  const store = yield* Store
  const sent = [
    ["m-1", 11, "classroom"],
    ["m-2", 12, "webinar"],
    ["m-3", 11, "classroom"],
    ["m-e", 13, "elearning"],
  ] as const
  for (const [id, course, type] of sent)
    expect(yield* inbox.receive("docebo", id, courseCreated(id, course, type))).toBe(true)
  expect(yield* inbox.receive("docebo", "m-1", courseCreated("m-1", 11))).toBe(false)
  const worker = yield* Effect.fork(inbox.work)
  while ((yield* store.countPendingWebhooks()) > 0) yield* Effect.sleep("10 millis")
  yield* Fiber.interrupt(worker)
  const db = new Database(temp.file, { readonly: true })
  const rows = db.prepare("select message_id, status, error from webhook_inbox order by message_id").all()
  db.close()
  return rows
})

describe("the inbox's worker", () => {
  it.live("takes a burst in one run and marks each of its deliveries done, the ignored one too", () => {
    const { requests, layer } = inboxWith("succeeds")
    return Effect.gen(function* () {
      const rows = yield* burstWorkedOff
      expect(requests.map((request) => request.scope)).toEqual([
        expect.objectContaining({ kind: "courses", ids: ["11", "12"], codes: ["C-11", "C-12"] }),
      ])
      expect(rows).toEqual([
        { message_id: "m-1", status: "done", error: null },
        { message_id: "m-2", status: "done", error: null },
        { message_id: "m-3", status: "done", error: null },
        { message_id: "m-e", status: "done", error: null },
      ])
    }).pipe(Effect.provide(layer))
  })

  it.live("marks each delivery of a failed run failed with the run's reason; the ignored one is still done", () => {
    const { requests, layer } = inboxWith("fails")
    return Effect.gen(function* () {
      const rows = yield* burstWorkedOff
      expect(requests).toHaveLength(1)
      const reason = "iltsync is not configured: missing DOCEBO_URL"
      expect(rows).toEqual([
        { message_id: "m-1", status: "failed", error: reason },
        { message_id: "m-2", status: "failed", error: reason },
        { message_id: "m-3", status: "failed", error: reason },
        { message_id: "m-e", status: "done", error: null },
      ])
    }).pipe(Effect.provide(layer))
  })

  it.live("processes what is pending once, when asked, and says how each of its runs ended", () => {
    const { requests, layer } = inboxWith("fails")
    return Effect.gen(function* () {
      const inbox = yield* Inbox
      const store = yield* Store
      yield* inbox.receive("docebo", "m-1", courseCreated("m-1", 11))
      yield* inbox.receive("docebo", "m-e", courseCreated("m-e", 13, "elearning"))
      const runs = yield* inbox.processPending
      expect(runs).toEqual([
        {
          scope: expect.objectContaining({ kind: "courses", ids: ["11"] }),
          outcome: Either.left(new SettingsMissing({ names: ["DOCEBO_URL"] })),
        },
      ])
      expect(requests).toHaveLength(1)
      expect(yield* store.countWebhooksByStatus()).toEqual({ pending: 0, done: 1, failed: 1, dead: 0 })
      expect(yield* inbox.processPending).toEqual([])
    }).pipe(Effect.provide(layer))
  })

  it.live("takes each event of a grouped delivery: one run for all its courses, the delivery settled with it", () => {
    const { requests, layer } = inboxWith("succeeds")
    const session = (courseId: number, sessionId: number) => ({
      fired_at: "2027-01-04 08:59:58",
      course_id: courseId,
      course_code: `C-${courseId}`,
      session_id: sessionId,
      session_code: "",
      session_name: `Session ${sessionId}`,
    })
    return Effect.gen(function* () {
      const inbox = yield* Inbox
      const store = yield* Store
      const grouped = {
        message_id: "g-1",
        event: "ilt.session.updated",
        payloads: [session(11, 1), session(12, 2), { session_id: 3 }, session(11, 4)],
      }
      yield* inbox.receive("docebo", "g-1", grouped)
      const runs = yield* inbox.processPending
      expect(runs.map((run) => run.scope)).toEqual([
        expect.objectContaining({ kind: "courses", ids: ["11", "12"], codes: ["C-11", "C-12"] }),
      ])
      expect(requests).toHaveLength(1)
      expect(yield* store.countWebhooksByStatus()).toEqual({ pending: 0, done: 1, failed: 0, dead: 0 })
    }).pipe(Effect.provide(layer))
  })

  it.effect("gives up on a delivery whose run never settles after a few takes: dead, in the log, run no more", () => {
    const { requests, layer } = inboxWith("dies")
    return Effect.gen(function* () {
      const inbox = yield* Inbox
      const store = yield* Store
      yield* inbox.receive("docebo", "m-poison", courseCreated("m-poison", 21))
      yield* Effect.fork(inbox.work)
      // Each take fails its batch; the worker looks again after its idle poll at the latest. The store answers in
      // real time, so the test clock moves on only once the worker has had a moment of it.
      const moment = Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 2)))
      const deadCount = Effect.map(store.countWebhooksByStatus(), (counts) => counts.dead)
      for (let wake = 0; wake < 500 && (yield* deadCount) === 0; wake++) {
        yield* TestClock.adjust("31 seconds")
        yield* moment
      }
      for (let wake = 0; wake < 3; wake++) yield* Effect.zipRight(TestClock.adjust("31 seconds"), moment)
      expect(requests).toHaveLength(maxWebhookAttempts)
      expect(yield* store.countWebhooksByStatus()).toEqual({ pending: 0, done: 0, failed: 0, dead: 1 })
      const logged = yield* store.queryEvents({ action: "webhook.dead" })
      expect(logged.items).toEqual([
        expect.objectContaining({
          user: "iltsync",
          details: expect.objectContaining({ source: "docebo", messageId: "m-poison", attempts: maxWebhookAttempts }),
        }),
      ])
    }).pipe(Effect.provide(layer))
  })
})
