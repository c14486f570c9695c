/**
 * An operator approves one held op: it is applied at once, alone; the other held ops wait on. An op that is not held
 * in a fresh plan is refused, and nothing is written.
 */
import { type Context, Effect, Exit, Layer } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Store } from "../../adapters/store/Store.ts"
import { StoreLive } from "../../adapters/store/StoreLive.ts"
import { makeOp } from "../../adapters/store/testing/Fixtures.ts"
import { stampOfCode } from "../../engine/Stamps.ts"
import { approveHeldOp } from "./Approve.ts"
import { problemOf } from "./Problem.ts"
import { Runner, type SyncOutcome } from "./Runner.ts"
import { type Fixture, fullSync, leakedSecrets, simAct, startFixture } from "./TestSupport.ts"

interface PlanOp {
  readonly id: string
  readonly entity: string
  readonly action: string
  readonly key: string
  readonly status: string
  readonly reason: string
}

let fixture: Fixture
beforeAll(async () => {
  fixture = await startFixture()
  await fullSync(fixture)
})
afterAll(async () => {
  expect(leakedSecrets(fixture)).toEqual([])
  await fixture.close()
})

const planOps = async () => (await fixture.call("GET", "/plan")).json<{ ops: PlanOp[] }>().ops
const held = async () => (await planOps()).filter((op) => op.status === "held")
const approve = (opId: string) => fixture.call("POST", `/plan/held/${encodeURIComponent(opId)}/approve`)

/** The Docebo copies of TO's validated sessions: [TO session id, Docebo session id]. */
const syncedCopies = () => {
  const validated = new Set(
    fixture.to.state
      .snapshot()
      .sessions.filter((session) => session.status === "validated")
      .map((session) => session.id),
  )
  return fixture.docebo.state.snapshot().sessions.flatMap((session) => {
    const stamp = stampOfCode(session.code)
    return stamp !== null && validated.has(stamp) ? [[stamp, session.id] as const] : []
  })
}

const doceboSession = (id: number) => fixture.docebo.state.snapshot().sessions.find((session) => session.id === id)

describe("POST /plan/held/{opId}/approve", () => {
  it("applies that held op at once and leaves the other held ops held", async () => {
    const [first] = await held()
    if (first === undefined) throw new Error("acme's first sync leaves a held cancellation")
    // A second held cancellation: a synced session with learners is cancelled in TO.
    const [copy] = syncedCopies()
    if (copy === undefined) throw new Error("the first sync made Docebo copies")
    const [toId, doceboId] = copy
    await simAct(fixture.docebo, { action: "enroll", session_id: doceboId, count: 2 })
    await simAct(fixture.to, { action: "cancel_session", id: toId })
    const both = await held()
    const second = both.find((op) => op.id !== first.id)
    expect(both).toHaveLength(2)
    expect(second).toMatchObject({
      entity: "session",
      action: "delete",
      reason: expect.stringContaining("2 enrollments"),
    })
    if (second === undefined) return

    const answer = await approve(second.id)
    expect(answer.status).toBe(200)
    expect(answer.json()).toMatchObject({
      opId: second.id,
      status: "done",
      outcome: { opId: second.id, status: "done" },
    })
    expect(doceboSession(doceboId)).toBeUndefined()
    expect((await held()).map((op) => op.id)).toEqual([first.id])

    const log = (await fixture.call("GET", "/event-logs?action=plan.approve")).json<{ items: unknown[] }>()
    expect(log.items).toEqual([
      expect.objectContaining({
        user: "alice",
        details: {
          opId: second.id,
          entity: "session",
          action: "delete",
          key: second.key,
          reason: second.reason,
          outcome: "done",
        },
      }),
    ])
    // The course whose cancellation still waits is still pending.
    const courses = (await fixture.call("GET", "/courses")).json<Array<{ code: string; syncStatus: string }>>()
    expect(courses.find((course) => course.code === "HSE-110")?.syncStatus).toBe("pending")

    const again = await approve(second.id)
    expect(again.status).toBe(404)
    expect(again.json<{ detail: string }>().detail).toContain(`no op ${second.id} in a fresh plan`)
  })

  it("refuses an op that is not held with 409 naming its status, and writes nothing", async () => {
    const [copy] = syncedCopies()
    if (copy === undefined) throw new Error("the first sync made Docebo copies")
    const [toId, doceboId] = copy
    const name = doceboSession(doceboId)?.name
    await simAct(fixture.to, { action: "update_session", id: toId, changes: { name: "Renamed by a planner" } })
    const update = (await planOps()).find((op) => op.status === "ready" && op.action === "update")
    if (update === undefined) throw new Error("the rename is a ready update")
    const answer = await approve(update.id)
    expect(answer.status).toBe(409)
    expect(answer.json()).toMatchObject({ opId: update.id, opStatus: "ready" })
    expect(answer.json<{ detail: string }>().detail).toContain("is ready, not held")
    expect(doceboSession(doceboId)?.name).toBe(name)
    expect((await held()).length).toBe(1)
  })

  it("answers 404 for an op no fresh plan has, and 400 for a body it does not take", async () => {
    expect((await approve("docebo:session:delete:nope")).status).toBe(404)
    const [op] = await held()
    const withBody = await fixture.call("POST", `/plan/held/${encodeURIComponent(op?.id ?? "")}/approve`, {
      body: { force: true },
    })
    expect(withBody.status).toBe(400)
    expect(withBody.json<{ errors: Array<{ field: string }> }>().errors[0]?.field).toBe("force")
    expect((await held()).map((each) => each.id)).toEqual([op?.id])
  })
})

describe("an approved op that does not go through", () => {
  it("is a 409 with the reason it failed, and the approval is logged all the same", async () => {
    const op = makeOp("docebo-session:2003", { status: "held", reason: "2 enrollments would be dropped" })
    const outcome = { opId: op.id, status: "failed" as const, reason: "Docebo refused (HTTP 403)" }
    const report = { planned: { summary: {}, ops: [op], warnings: [] }, outcomes: [outcome] }
    const runner = Layer.succeed(Runner, {
      run: () => Effect.succeed({ report } as unknown as SyncOutcome),
    } as unknown as Context.Tag.Service<Runner>)
    const { exit, logged } = await Effect.runPromise(
      Effect.gen(function* () {
        const exit = yield* Effect.exit(Effect.mapError(approveHeldOp(op.id, { actor: "alice", ip: null }), problemOf))
        const store = yield* Store
        return { exit, logged: (yield* store.queryEvents({ action: "plan.approve" })).items }
      }).pipe(Effect.provide(Layer.merge(runner, StoreLive(":memory:")))),
    )
    expect(Exit.isFailure(exit) && exit.cause._tag === "Fail" ? exit.cause.error : null).toMatchObject({
      status: 409,
      detail: `op ${op.id} was approved but failed: Docebo refused (HTTP 403)`,
    })
    expect(logged).toEqual([
      expect.objectContaining({ user: "alice", details: expect.objectContaining({ outcome: "failed" }) }),
    ])
  })
})
