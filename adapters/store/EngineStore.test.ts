import { expect, it } from "@effect/vitest"
import { Effect, Exit, Layer } from "effect"
import { plan } from "../../engine/Diff.ts"
import type { DoceboSnapshot } from "../../engine/model/Docebo.ts"
import type { ToSnapshot } from "../../engine/model/Training.ts"
import { reconcile } from "../../engine/Reconcile.ts"
import * as B from "../../engine/testing/Builders.ts"
import type { World } from "../../engine/testing/MemoryApply.ts"
import { type MemoryFaults, makeMemorySystems } from "../../engine/testing/MemorySystems.ts"
import { world } from "../../engine/testing/Worlds.ts"
import type { Db } from "./Database.ts"
import { listUnsettledSteps } from "./Recovery.ts"
import { listRuns } from "./Runs.ts"
import { loadStoreSnapshot } from "./Snapshot.ts"
import { StoreLive } from "./StoreLive.ts"
import { EngineStoreLive } from "./SyncStoreLive.ts"
import { describeEachDialect, type TestDialect } from "./testing/Fixtures.ts"

/** Courses to create in TO, and a location with its classroom (which depends on it) to create in Docebo. */
const beforeFirstSync = (): World =>
  world({
    docebo: { courses: [B.doceboCourse("1", { code: "A" }), B.doceboCourse("2", { code: "B" })] },
    to: { locations: [B.toLocation("L1")], rooms: [B.toRoom("R1", { locationId: "L1" })] },
  })

/**
 * Every record iltsync creates carries the other side's id, or is known by its natural key where Docebo keeps no
 * stamp (locations and classrooms): two records with one key are a duplicate.
 */
const stamps = (docebo: DoceboSnapshot, to: ToSnapshot) => [
  ...docebo.locations.map((l) => `location:${l.name}`),
  ...docebo.classrooms.map((c) => `classroom:${docebo.locations.find((l) => l.id === c.locationId)?.name}|${c.name}`),
  ...to.courses.map((c) => `course:${c.externalRef}`),
]

/**
 * Both systems in memory and the store in a file or a PostgreSQL schema. Each run opens the store afresh and closes
 * it at the end, so a run that dies leaves the store as a killed process would, and the next run is a restart.
 */
const setup = async (dialect: TestDialect, faults: MemoryFaults) => {
  const location = await dialect.location()
  const systems = makeMemorySystems(beforeFirstSync(), faults)
  const storeLayer = EngineStoreLive.pipe(Layer.provide(StoreLive(location)))
  let runs = 0
  const run = () =>
    Effect.runPromiseExit(
      reconcile({ runId: `run-${++runs}`, auditCourses: 0 }).pipe(
        Effect.provide(Layer.merge(systems.layer, storeLayer)),
      ),
    )
  const read = async <A>(query: (db: Db) => Promise<A>) => {
    const db = dialect.connect(location)
    try {
      return await query(db)
    } finally {
      await db.destroy()
    }
  }
  return { systems, run, storeSnapshot: () => read(loadStoreSnapshot), read }
}

describeEachDialect("the engine's runs over the store", (dialect) => {
  it("a first sync converges, and a second run (a restart) writes nothing", async () => {
    const s = await setup(dialect, {})
    expect(Exit.isSuccess(await s.run())).toBe(true)
    const writes = s.systems.writes()
    expect(writes).toBe(4)
    expect(Exit.isSuccess(await s.run())).toBe(true)
    expect(s.systems.writes()).toBe(writes)
    const { docebo, to } = s.systems.current()
    expect(plan(docebo, to, await s.storeSnapshot()).ops).toEqual([])
  })

  it("a crash at any write, then a restart, ends in step with no duplicate on either side", async () => {
    for (let k = 1; k <= 4; k++) {
      const faults: { crashAt?: number } = { crashAt: k }
      const s = await setup(dialect, faults)
      expect(Exit.isFailure(await s.run())).toBe(true)
      const inFlight = await s.read(listUnsettledSteps)
      expect({ k, inFlight: inFlight.length > 0 }).toEqual({ k, inFlight: true })
      faults.crashAt = undefined
      expect(Exit.isSuccess(await s.run())).toBe(true)
      expect(await s.read(listUnsettledSteps)).toEqual([])
      const runs = await s.read((db) => listRuns(db))
      expect({ k, runs: runs.map((r) => [r.id, r.status]) }).toEqual({
        k,
        runs: [
          ["run-2", "succeeded"],
          ["run-1", "failed"],
        ],
      })
      const { docebo, to } = s.systems.current()
      const all = stamps(docebo, to)
      expect({ k, stamps: [...all].sort() }).toEqual({
        k,
        stamps: ["classroom:Location L1|Room R1", "course:1", "course:2", "location:Location L1"],
      })
      expect({ k, ops: plan(docebo, to, await s.storeSnapshot()).ops }).toEqual({ k, ops: [] })
    }
  })

  it("answers lost after the write are found by their stamp, never sent twice", async () => {
    const s = await setup(dialect, { loseAnswer: (write) => write.kind === "createCourse" })
    await s.run()
    await s.run()
    const { docebo, to } = s.systems.current()
    expect([...stamps(docebo, to)].sort()).toEqual([
      "classroom:Location L1|Room R1",
      "course:1",
      "course:2",
      "location:Location L1",
    ])
    expect(plan(docebo, to, await s.storeSnapshot()).ops).toEqual([])
  })
})
