/**
 * The laws of SYNC-RULES.md that the pure planner keeps, checked on generated worlds (see testing/Arbitraries.ts).
 * ILTSYNC_PROPERTY_RUNS sets the number of runs (1,000 by default; `npm run test:deep` runs ten times more).
 */
import { describe, expect, it } from "@effect/vitest"
import fc from "fast-check"
import { plan } from "./Diff.ts"
import type { Entity, Op, PlanBody } from "./Plan.ts"
import { defaultGuards, writableFields } from "./Rules.ts"
import { worldArbitrary } from "./testing/Arbitraries.ts"
import * as B from "./testing/Builders.ts"
import { propertyTimeout, withTurns } from "./testing/LongProperties.ts"
import { applyPlan, type World } from "./testing/MemoryApply.ts"
import { link, world } from "./testing/Worlds.ts"

const numRuns = Number(process.env.ILTSYNC_PROPERTY_RUNS ?? 1000)
const timeout = propertyTimeout(numRuns)
const planOf = (w: World) => plan(w.docebo, w.to, w.store, w.stamps ? { stamps: w.stamps } : {})
const removes = (op: Op) => op.action === "delete" || op.action === "deactivate"

/** The same records listed in another order, as another page size or sort would list them. */
const shuffled = (w: World, seed: number): World => {
  const order = <T>(items: ReadonlyArray<T>): T[] =>
    items
      .map((item, i) => ({ item, rank: Math.sin(seed * 7919 + i * 104729) }))
      .sort((a, b) => a.rank - b.rank)
      .map(({ item }) => item)
  const each = <T extends object>(record: T): T =>
    Object.fromEntries(Object.entries(record).map(([k, v]) => [k, Array.isArray(v) ? order(v) : v])) as T
  return { ...w, docebo: each(w.docebo), to: each(w.to), store: { ...each(w.store), links: each(w.store.links) } }
}

/** Master records present, per entity whose removal an absence could cause. */
const presentMasters = (w: World): Partial<Record<Entity, ReadonlySet<string>>> => ({
  course: new Set(w.docebo.courses.map((c) => c.id)),
  webinarAccount: new Set(w.docebo.webinarAccounts.map((a) => a.id)),
  trainer: new Set(w.docebo.users.map((u) => u.id)),
  session: new Set(w.to.sessions.map((s) => s.id)),
})

const masterComplete = (w: World, entity: Entity): boolean =>
  ({
    course: w.docebo.complete.courses,
    webinarAccount: w.docebo.complete.webinarAccounts,
    trainer: w.docebo.complete.users,
    session: w.to.complete.sessions,
  })[entity as string] ?? true

const expectFixpoint = (w: World) => {
  const afterReady = applyPlan(w, planOf(w))
  expect(planOf(afterReady).ops.filter((op) => op.status === "ready")).toEqual([])
  const afterApproved = applyPlan(w, planOf(w), { approveHeld: true })
  expect(planOf(afterApproved).ops.filter((op) => op.status !== "blocked")).toEqual([])
}

describe("planner laws", () => {
  it(
    "determinism: the same inputs give the same plan, byte for byte, in whatever order the APIs list records",
    () =>
      fc.assert(
        fc.asyncProperty(
          worldArbitrary,
          fc.integer(),
          withTurns((w: World, seed: number) => {
            const first = JSON.stringify(planOf(w))
            expect(JSON.stringify(planOf(w))).toBe(first)
            expect(JSON.stringify(planOf(shuffled(w, seed)))).toBe(first)
          }),
        ),
        { numRuns },
      ),
    timeout,
  )

  // Found by a deep run (ILTSYNC_PROPERTY_RUNS=10000), seed 1154469140 and the path below: with Docebo's course
  // listing partial, the plan of a shuffled listing differs from the plan of the listing as given. It fails at
  // 8420532 too, before the partial-listing deletion change; pinned as failing until its fix lands.
  it.fails(
    "determinism, pinned: seed 1154469140 (a deep run's counterexample)",
    () =>
      fc.assert(
        fc.asyncProperty(
          worldArbitrary,
          fc.integer(),
          withTurns((w: World, seed: number) => {
            const first = JSON.stringify(planOf(w))
            expect(JSON.stringify(planOf(w))).toBe(first)
            expect(JSON.stringify(planOf(shuffled(w, seed)))).toBe(first)
          }),
        ),
        {
          seed: 1154469140,
          path: "5340:4:3:3:3:3:3:3:3:5:7:8:8:8:8:9:11:11:11:13:12:14:14:14:15:15:13:13:15:14:14:14:14:14:18:18:24:28:27:33:33:33:33:33:33:33:33:33:35:13:20",
          endOnFailure: true,
        },
      ),
    timeout,
  )

  it(
    "fixpoint: a fresh plan after apply has no ready op, and none held once held ops are approved",
    () => fc.assert(fc.asyncProperty(worldArbitrary, withTurns(expectFixpoint)), { numRuns }),
    timeout,
  )

  it(
    "ownership: no op writes a master-owned field on the master side, nor a field the rules do not map",
    () =>
      fc.assert(
        fc.asyncProperty(
          worldArbitrary,
          withTurns((w: World) => {
            const pending = new Set<string>(w.store.trainers.filter((t) => t.pending !== null).map((t) => t.userId))
            for (const op of planOf(w).ops) {
              const allowed = writableFields[op.entity][op.system]
              for (const change of op.changes) expect(allowed).toContain(change.path.split(/[.[]/)[0])
              // The one master-side write: an operator's edit of a trainer, written to the Docebo user first.
              if (op.entity === "trainer" && op.system === "docebo") expect(pending.has(op.key)).toBe(true)
            }
          }),
        ),
        { numRuns },
      ),
    timeout,
  )

  it(
    "no deletion from partial data: a listing that is partial removes nothing its absent records would",
    () =>
      fc.assert(
        fc.asyncProperty(
          worldArbitrary,
          fc.constantFrom("courses", "webinarAccounts", "users"),
          fc.nat(),
          withTurns((w: World, listing: "courses" | "webinarAccounts" | "users", cut: number) => {
            const planned = planOf(w)
            const present = presentMasters(w)
            for (const op of planned.ops.filter(removes)) {
              if (!present[op.entity]?.has(op.key)) expect(masterComplete(w, op.entity)).toBe(true)
            }
            // Dropping records from a listing and marking it partial (a failed page) never adds a removal.
            const records = w.docebo[listing] as ReadonlyArray<unknown>
            const truncated: World = {
              ...w,
              docebo: {
                ...w.docebo,
                [listing]: records.slice(0, cut % (records.length + 1)),
                complete: { ...w.docebo.complete, [listing]: false },
              },
            }
            const before = new Set(planned.ops.filter(removes).map((op) => op.id))
            for (const op of planOf(truncated).ops.filter(removes)) expect(before).toContain(op.id)
          }),
        ),
        { numRuns },
      ),
    timeout,
  )

  it(
    "guards always hold: enrollments, mass changes, ambiguity and dependencies",
    () =>
      fc.assert(
        fc.asyncProperty(
          worldArbitrary,
          withTurns((w: World) => {
            const planned: PlanBody = planOf(w)
            const enrolled = new Map<string, number>(w.docebo.sessions.map((s) => [s.id, s.enrolled]))
            const seen = new Map<string, Op>()
            const writes = new Set<string>()
            const removals = new Map<Entity, number>()
            for (const op of planned.ops) {
              const copy =
                op.entity === "session" ? op.target?.id : op.entity === "event" ? op.target?.parentId : undefined
              if (
                op.system === "docebo" &&
                op.action === "delete" &&
                copy !== undefined &&
                (enrolled.get(copy) ?? 0) > 0
              ) {
                expect(op.status).not.toBe("ready")
              }
              for (const dependency of op.dependsOn) {
                const earlier = seen.get(dependency)
                expect(earlier).toBeDefined()
                if (earlier?.status === "blocked") expect(op.status).toBe("blocked")
                if (earlier?.status === "held") expect(op.status).not.toBe("ready")
              }
              // An ambiguous match is never guessed: no replica record is written by two ready ops.
              if (
                op.status === "ready" &&
                op.target &&
                op.changes.length > 0 &&
                (op.action === "update" || op.action === "adopt")
              ) {
                const id = `${op.system}:${op.entity}:${op.target.id}`
                expect(writes.has(id)).toBe(false)
                writes.add(id)
              }
              if (op.status === "ready" && removes(op)) removals.set(op.entity, (removals.get(op.entity) ?? 0) + 1)
              seen.set(op.id, op)
            }
            for (const count of removals.values()) expect(count).toBeLessThan(defaultGuards.massChangeMinimum)
          }),
        ),
        { numRuns },
      ),
    timeout,
  )
})

/** Worlds a deep run of the laws above failed on, pinned with the seed and path fast-check printed. */
describe("planner laws: pinned counterexamples", () => {
  // Fixpoint, seed 1367365549, path "9207:1:4:3:5:4:4:4:4:4:4:5:5:5:5:6:6:6:6:9:9:9:9:10:9:9:12:12:12:15:17:17:17:18:
  // 21:21:21:21:23:25:25:25:25:25:25:26:30:30:30:30:30:30:30:30". TO room_5 has no location, so the classroom rule
  // keeps it as it is; its link names Docebo classroom 2, which is gone, while classroom 1 carried its id. The
  // planner let the session's event refer to room_5 through classroom 1, but apply resolves room_5 through the link
  // to classroom 2, so every fresh plan asked for the same write again. (Classrooms carry no stamp any more, since
  // stamps moved to the session code; the world is kept, and the law still holds on it.)
  it("fixpoint: a kept room whose linked classroom is gone is not referred to through a copy found by its stamp", () => {
    const w = world({
      docebo: {
        courses: [B.doceboCourse("3", { code: "!", name: "", language: "" })],
        classrooms: [B.doceboClassroom("1", "1", { name: "", seats: 0 })],
      },
      to: {
        courses: [B.toCourse("crs_4", { code: "", title: "", language: "", active: false, externalRef: "3" })],
        sessions: [
          B.toSession("ses_1", "crs_4", {
            name: "",
            minParticipants: null,
            maxParticipants: 0,
            roomId: "room_1",
            slots: [B.toSlot("ses_1.slot_1", { start: "9:00", end: "9:00", roomId: "room_5" })],
          }),
        ],
        rooms: [B.toRoom("room_5", { name: "", seats: null, webinarTool: "", active: false })],
        complete: { ...B.toSnapshot().complete, sites: false, trainers: false },
      },
      store: { links: { ...B.storeSnapshot().links, classroom: [link("2", "room_5")] } },
    })
    expectFixpoint(w)
    // The room cannot be referred to until it has a location: the session waits, blocked, as with no link at all.
    expect(planOf(w).ops.find((op) => op.entity === "session")?.reason).toContain("blocked: room:room_5 not linked")
  })
})

describe("planner laws: pinned counterexamples (partial listings)", () => {
  // No deletion from partial data, seed -643511314, path "6393:4:3:3:3:6:6:6:6:0:4:3:3:3:3:3:3:3:3:6:6:6:6:6:6:6:6:6:
  // 6:6:6:6:7:6:8:8:8:10:10:10:10:10:10:10:10:10:10:12:13:13:13:13:13:13:13:14:2:3:13:13:13". Docebo session 1 carries
  // the stamp of ses_2, which TO does not have; TO's ses_1 of the same course adopts it by natural key. With the course
  // listing cut short before course 2, ses_1 was no longer planned (its course unlisted), so nothing claimed session
  // 1 and it was deleted as gone from TO: a partial listing added a removal.
  it("a copy of a course the partial course listing left out is not deleted", () => {
    const w = world({
      docebo: {
        courses: [B.doceboCourse("2", { code: "", name: "", language: "" })],
        sessions: [
          B.doceboSession("1", "2", {
            name: "",
            maxEnroll: 0,
            minEnroll: 0,
            instructors: [],
            completionType: null,
            enrolled: 0,
            events: [],
            code: "iltsync:ses_2",
          }),
        ],
        complete: { ...B.doceboSnapshot().complete, webinarAccounts: false },
      },
      to: {
        courses: [
          B.toCourse("crs_2", {
            code: "",
            title: "",
            modality: "online",
            language: "",
            active: false,
            externalRef: "1",
          }),
        ],
        sessions: [
          B.toSession("ses_1", "crs_2", {
            name: "",
            modality: "online",
            minParticipants: 0,
            maxParticipants: 0,
            trainerId: null,
            locationId: "loc_1",
            roomId: "room_1",
            completionMode: null,
            slots: [],
            externalRef: "1",
          }),
        ],
        complete: { ...B.toSnapshot().complete, trainers: false },
      },
      store: { links: { ...B.storeSnapshot().links, course: [link("2", "crs_2")] } },
    })
    const removals = (planned: ReturnType<typeof planOf>) => planned.ops.filter((op) => op.action === "delete")
    const cut: World = {
      ...w,
      docebo: { ...w.docebo, courses: [], complete: { ...w.docebo.complete, courses: false } },
    }
    expect(removals(planOf(cut)).map((op) => op.id)).toEqual(removals(planOf(w)).map((op) => op.id))
  })
})

describe("planner laws: pinned counterexamples (trainers)", () => {
  // Fixpoint, seed -1696060417, path "579:0:0:2:3:3:3:3:8:8:8:8:9:8:8:8:8:10:12:12:12:12:18:18:18:20:20:20:20:22:22:22:
  // 22:22:22:24:28:30:34:34:33:33:33:33". Users 3 and 4 have no assignment in iltsync, only links (3 → trn_3, which
  // TO stamps with user 1; 4 → trn_5, which TO stamps with user 3). User 3 counted as a trainer only through trn_5's
  // stamp; once apply re-stamped trn_5 with user 4, user 3 was no trainer at all and the next plan deactivated trn_3
  // as "gone from Docebo" while the user was still there.
  it("fixpoint: a user known only by a link stays a trainer when the copies' stamps move", () => {
    const w = world({
      docebo: { users: [B.doceboUser("4", { isInstructor: true }), B.doceboUser("3", { isInstructor: true })] },
      to: {
        trainers: [
          B.toTrainer("trn_5", { trainingProviderId: "prv_1", active: false, externalRef: "3" }),
          B.toTrainer("trn_3", { trainingProviderId: null, active: true, externalRef: "1" }),
          B.toTrainer("trn_1", { trainingProviderId: null, active: false, externalRef: "4" }),
        ],
        complete: { ...B.toSnapshot().complete, sites: false, trainers: false },
      },
      store: { links: { ...B.storeSnapshot().links, trainer: [link("4", "trn_5"), link("3", "trn_3")] } },
    })
    expectFixpoint(w)
    const ops = planOf(w).ops
    expect(ops.filter(removes)).toEqual([])
    // Each user keeps its linked copy's provider: user 3 does not borrow prv_1 from trn_5, which is user 4's.
    expect(ops.find((op) => op.key === "3")?.changes.find((c) => c.path === "trainingProvider")).toBeUndefined()
  })

  // Fixpoint, seed 1131733264, path "184:0:0:0:0:2:2:2:2:2:2:2:2:2:2:2:2:2:2:2:2:2:2:2:2:2:3:2:4:4:4:4:5:5:5:5".
  // User 2 is a trainer in iltsync with a pending `isInstructor: false`, on a tenant that keeps no instructor mark (the
  // user reads as null). The pending mark, which is never written there, made the first plan take the user for no
  // trainer; applying it dropped the pending edit, and the next plan created the TO trainer.
  it("fixpoint: a pending instructor mark decides nothing where the tenant keeps none", () => {
    const w = world({
      docebo: { users: [B.doceboUser("2", { isInstructor: null })] },
      to: { complete: { ...B.toSnapshot().complete, trainingProviders: false, locations: false } },
      store: {
        trainers: [B.assignment("2", { trainingProviderId: "prv_1", pending: { isInstructor: false } })],
      },
    })
    expectFixpoint(w)
    expect(planOf(w).ops.map((op) => [op.system, op.action, op.key])).toEqual([
      ["docebo", "adopt", "2"],
      ["to", "create", "2"],
    ])
  })

  it("a trainer adopted by its stamp is not deactivated when TO's external_ref is cleared later", () => {
    const w = world({
      docebo: { users: [B.doceboUser("7", { isInstructor: true })] },
      to: { trainers: [B.toTrainer("trn_7", { trainingProviderId: null, active: true, externalRef: null })] },
      store: { links: { ...B.storeSnapshot().links, trainer: [link("7", "trn_7")] } },
    })
    const ops = planOf(w).ops
    expect(ops.filter(removes)).toEqual([])
    // It is stamped again instead: the user is still a trainer and the link still names its copy.
    expect(ops.map((op) => [op.action, op.key])).toEqual([["update", "7"]])
    expect(ops[0]?.changes).toContainEqual({ path: "externalRef", from: null, to: "7" })
  })
})
