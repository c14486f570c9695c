/**
 * After the first sync of acme, each change a planner, an admin or an operator makes ends in the state SYNC-RULES.md
 * prescribes, with the right course statuses and event-log entries: through the real adapters, store and simulators.
 */

import { Effect } from "effect"
import { afterEach, describe, expect, it } from "vitest"
import { Store } from "../../adapters/store/Store.ts"
import { stampOfCode } from "../../engine/Stamps.ts"
import { simulatorSeedsFor } from "../../tenants/Registry.ts"
import { makeInProcess } from "./InProcess.ts"

const disposers: Array<() => void> = []
afterEach(() => {
  for (const dispose of disposers.splice(0)) dispose()
})

/** acme after its first sync (the held cancellation still held). */
const synced = async () => {
  const seeds = simulatorSeedsFor("acme")
  if (!seeds) throw new Error("no acme tenant")
  const world = makeInProcess(seeds)
  disposers.push(world.dispose)
  await world.run()
  return world
}

type World = Awaited<ReturnType<typeof synced>>
const doceboNow = (world: World) => world.docebo.state.snapshot()
const toNow = (world: World) => world.to.state.snapshot()
const statusOf = (report: Awaited<ReturnType<World["run"]>>["report"], code: string) =>
  report?.statuses.find((s) => s.code === code)
const events = (world: World, action: string) =>
  world.withStore(Effect.flatMap(Store, (store) => store.queryEvents({ action, limit: 100 })))

describe("after the first sync of acme", () => {
  it("a session moved in TO moves its Docebo events, with few calls", async () => {
    const world = await synced()
    const session = toNow(world).sessions.find((s) => s.id === "ses_hse110_par_0202")
    const sequences = session?.sequences.map((s) => ({ ...s, day: "2027-02-09" }))
    expect(
      (await world.toAct({ action: "update_session", id: "ses_hse110_par_0202", changes: { sequences } })).status,
    ).toBe(200)
    const result = await world.run({ planCourses: ["HSE-110"], courses: ["105"] })
    const copy = doceboNow(world).sessions.find((s) => stampOfCode(s.code) === "ses_hse110_par_0202")
    expect(
      doceboNow(world)
        .events.filter((e) => e.id_session === copy?.id)
        .map((e) => e.day),
    ).toEqual(["2027-02-09"])
    expect(result.calls.docebo.writes).toBe(1)
    expect(statusOf(result.report, "HSE-110")?.status).toBe("pending")
  })

  it("a session validated in TO reaches Docebo with one event per slot", async () => {
    const world = await synced()
    await world.toAct({ action: "validate_session", id: "ses_ldr101_par_0615" })
    await world.run()
    const copy = doceboNow(world).sessions.find((s) => stampOfCode(s.code) === "ses_ldr101_par_0615")
    expect(copy).toBeDefined()
    expect(doceboNow(world).events.filter((e) => e.id_session === copy?.id)).toHaveLength(2)
  })

  it("a cancelled session without enrollments is deleted from Docebo and logged", async () => {
    const world = await synced()
    await world.toAct({ action: "cancel_session", id: "ses_prj401_par_0208" })
    const result = await world.run()
    expect(doceboNow(world).sessions.some((s) => stampOfCode(s.code) === "ses_prj401_par_0208")).toBe(false)
    expect(statusOf(result.report, "PRJ-401")?.status).toBe("synced")
    const logged = await events(world, "sync.session.delete")
    expect(logged.items.some((e) => (e.details as { key?: string }).key === "ses_prj401_par_0208")).toBe(true)
  })

  it("a cancelled session with enrollments is held, its course pending, until approved", async () => {
    const world = await synced()
    await world.toAct({ action: "cancel_session", id: "ses_hse110_par_0202" })
    const held = await world.run()
    expect(doceboNow(world).sessions.find((s) => stampOfCode(s.code) === "ses_hse110_par_0202")?.enrolled).toBe(24)
    expect(statusOf(held.report, "HSE-110")).toMatchObject({
      status: "pending",
      error: expect.stringContaining("enrollments in Docebo would be dropped"),
    })
    await world.run({ approveHeld: true })
    expect(doceboNow(world).sessions.some((s) => stampOfCode(s.code) === "ses_hse110_par_0202")).toBe(false)
  })

  it("a new TO location and room become a Docebo location and classroom", async () => {
    const world = await synced()
    const location = await world.toAct({
      action: "upsert_location",
      location: { name: "Acme Berlin", address: "Unter den Linden 1", city: "Berlin", country: "DE" },
    })
    const locationId = String(location.body.data?.id)
    await world.toAct({
      action: "upsert_room",
      room: { location_id: locationId, name: "Spree", seats: 16, kind: "physical" },
    })
    await world.run()
    const created = doceboNow(world).locations.find((l) => l.name === "Acme Berlin")
    expect(created).toMatchObject({ name: "Acme Berlin", address: "Unter den Linden 1, Berlin" })
    expect(doceboNow(world).classrooms.find((c) => c.id_location === created?.id_location)).toMatchObject({
      name: "Spree",
      seats: 16,
    })
  })

  it("a provider deactivated in iltsync is deactivated in TO; its scheduled sessions stay unchanged", async () => {
    const world = await synced()
    const before = doceboNow(world).sessions
    await world.withStore(
      Effect.flatMap(Store, (store) =>
        store.addProviderRequest(
          { kind: "setActive", providerId: "prv_skillbridge" as never, active: false },
          new Date().toISOString(),
        ),
      ),
    )
    await world.run()
    expect(toNow(world).training_providers.find((p) => p.id === "prv_skillbridge")?.active).toBe(false)
    expect(doceboNow(world).sessions).toEqual(before)
  })

  it("a trainer removed in iltsync leaves the Docebo user as it is; the TO trainer is deactivated and its sessions flagged", async () => {
    const world = await synced()
    // The strict tenant keeps no instructor mark (ILTSYNC_DOCEBO_INSTRUCTOR_MARK=none): nothing is written to the user.
    const userBefore = doceboNow(world).users.find((u) => String(u.user_id) === "1001")
    await world.withStore(
      Effect.flatMap(Store, (store) =>
        store.upsertTrainerAssignments(
          [
            {
              userId: "1001" as never,
              trainingProviderId: "prv_academy" as never,
              trainingProviderRequestId: null,
              removed: true,
              pending: { isInstructor: false },
            },
          ],
          new Date().toISOString(),
        ),
      ),
    )
    await world.run()
    expect(doceboNow(world).users.find((u) => String(u.user_id) === "1001")).toEqual(userBefore)
    expect(toNow(world).trainers.find((t) => t.id === "trn_claire_dubois")?.active).toBe(false)
    const flagged = toNow(world).sessions.filter(
      (s) => s.trainer_id === "trn_claire_dubois" && s.status !== "cancelled",
    )
    expect(flagged.length).toBeGreaterThan(0)
    expect(flagged.every((s) => s.needs_reconfiguration)).toBe(true)
  })

  it("a new ILT course in Docebo is created in TO by the run its webhook triggers", async () => {
    const world = await synced()
    const created = await world.doceboApi("/learn/v1/courses", "POST", {
      name: "Conflict Resolution",
      code: "COM-540",
      course_type: "classroom",
    })
    const id = String(created.body.data?.id_course)
    const result = await world.run({ courses: [id], planCourses: ["COM-540"] })
    expect(toNow(world).courses.find((c) => c.external_ref === id)).toMatchObject({
      code: "COM-540",
      title: "Conflict Resolution",
      modality: "onsite",
    })
    expect(statusOf(result.report, "COM-540")?.status).toBe("synced")
  })

  it("a course whose code is blanked is an error for that course only, its TO course untouched", async () => {
    const world = await synced()
    await world.doceboApi("/learn/v1/courses/101", "PUT", { code: "" })
    const before = toNow(world).courses.find((c) => c.external_ref === "101")
    const result = await world.run()
    expect(result.report?.statuses.find((s) => s.courseId === "101")).toMatchObject({
      status: "error",
      error: expect.stringContaining("course code is missing"),
    })
    expect(toNow(world).courses.find((c) => c.external_ref === "101")).toEqual(before)
    expect(statusOf(result.report, "LDR-102")?.status).toBe("synced")
  })

  it("a no-change run writes nothing", async () => {
    const world = await synced()
    const result = await world.run()
    expect(result.calls.docebo.writes + result.calls.to.writes).toBe(0)
  })
})
