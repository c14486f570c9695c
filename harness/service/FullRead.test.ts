/**
 * A full sync reads without the run lock, so a webhook's course sync is not kept waiting behind a read that lasts
 * hours on a large tenant. What that course sync wrote meanwhile must stand: the full sync plans on its read brought
 * up to date, never on what it read before the change.
 */

import { afterEach, describe, expect, it } from "vitest"
import { stampOfCode } from "../../engine/Stamps.ts"
import {
  eventually,
  type Fixture,
  finishedJob,
  fullSync,
  makeHold,
  simAct,
  startFixture,
  subscribe,
} from "./TestSupport.ts"

const sessionId = "ses_hse110_par_0202"

const eventDays = (fixture: Fixture) => {
  const docebo = fixture.docebo.state.snapshot()
  const copy = docebo.sessions.find((session) => stampOfCode(session.code) === sessionId)
  return docebo.events.filter((event) => event.id_session === copy?.id).map((event) => event.day)
}

const moveSession = async (fixture: Fixture, day: string) => {
  const session = fixture.to.state.snapshot().sessions.find((s) => s.id === sessionId)
  const sequences = session?.sequences.map((sequence) => ({ ...sequence, day }))
  await simAct(fixture.to, { action: "update_session", id: sessionId, changes: { sequences } })
}

/** Starts a full sync and waits until its read is held; its job's id. */
const startHeld = async (running: Fixture, hold: ReturnType<typeof makeHold>) => {
  hold.arm()
  const started = await running.call("POST", "/sync", { body: {} })
  expect(started.status).toBe(202)
  await hold.held
  return started.json<{ jobId: string }>().jobId
}

/** A TO planner moves a session, and its webhook's course sync puts the move into Docebo. */
const moveAndSync = async (running: Fixture) => {
  await moveSession(running, "2027-02-09")
  expect(await eventually(() => (eventDays(running).includes("2027-02-09") ? eventDays(running) : undefined))).toEqual([
    "2027-02-09",
  ])
}

/** The full sync ends, the move stands, and nothing is left to do. */
const expectInStep = async (running: Fixture, jobId: string) => {
  const job = await finishedJob(running, jobId)
  expect(job.status).toBe("succeeded")
  expect(eventDays(running)).toEqual(["2027-02-09"])
  const plan = (await running.call("GET", "/plan")).json<{ ops: Array<{ status: string }> }>()
  expect(plan.ops.filter((op) => op.status === "ready")).toEqual([])
}

let fixture: Fixture | null = null
afterEach(async () => {
  await fixture?.close()
  fixture = null
})

describe("a full sync reading while a webhook's course sync runs", () => {
  for (const [name, held] of [
    ["before Docebo is read", (system: string, method: string) => system === "docebo" && method === "GET"],
    [
      "at its reads of Docebo sessions",
      (system: string, method: string, path: string) =>
        system === "docebo" && method === "GET" && path.endsWith("/events"),
    ],
  ] as const) {
    it(`keeps what the course sync wrote (full read held ${name})`, async () => {
      const hold = makeHold(held)
      fixture = await startFixture({}, hold.gate)
      const running = fixture
      await fullSync(running)
      await subscribe(running.to, "/webhooks/training-orchestra")

      const jobId = await startHeld(running, hold)
      // The full sync is mid-read: a TO planner moves a session, and its webhook's course sync goes ahead.
      await moveAndSync(running)
      hold.release()
      await expectInStep(running, jobId)
    })
  }
})

describe("a first sync, on an empty store, reading Docebo's sessions", () => {
  it("has saved the listings it read, so a webhook's course sync meanwhile syncs its course", async () => {
    const hold = makeHold((system, method, path) => system === "docebo" && method === "GET" && path.endsWith("/events"))
    fixture = await startFixture({}, hold.gate)
    const running = fixture
    await subscribe(running.to, "/webhooks/training-orchestra")

    const jobId = await startHeld(running, hold)
    // Nothing is linked yet; the course sync adopts what its course needs and moves the event.
    await moveAndSync(running)
    expect((await running.call("GET", `/jobs/${jobId}`)).json()).toMatchObject({ status: "running" })

    hold.release()
    await expectInStep(running, jobId)
  })
})
