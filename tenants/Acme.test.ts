import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { plan } from "../engine/Diff.ts"
import { DoceboSnapshot, emptyStore, ToSnapshot } from "../engine/Model.ts"
import { makeAcmeTenant } from "./Acme.ts"
import { registeredTrainers } from "./Tenant.ts"

describe("acme", () => {
  it("is valid domain data on both sides", () => {
    const tenant = makeAcmeTenant()
    expect(() => Schema.decodeUnknownSync(DoceboSnapshot)(tenant.docebo)).not.toThrow()
    expect(() => Schema.decodeUnknownSync(ToSnapshot)(tenant.to)).not.toThrow()
  })

  it("holds the catalogue, places and people a mid-sized corporate academy has", () => {
    const { docebo, to } = makeAcmeTenant()
    expect(docebo.courses.length).toBeGreaterThanOrEqual(38)
    // A migrated tenant: every course is an ILT (classroom) course but one legacy webinar course.
    expect(
      docebo.courses.filter((course) => course.type !== "ilt").map((course) => [course.code, course.type]),
    ).toEqual([["COMP-501", "vilt"]])
    expect(new Set(docebo.courses.map((course) => course.language)).size).toBeGreaterThanOrEqual(4)
    expect(to.locations).toHaveLength(4)
    for (const location of to.locations) {
      const rooms = to.rooms.filter((room) => room.locationId === location.id)
      expect(rooms.length).toBeGreaterThanOrEqual(2)
      expect(rooms.length).toBeLessThanOrEqual(4)
    }
    expect(to.trainingProviders).toHaveLength(3)
    expect(to.trainingProviders.filter((provider) => !provider.active)).toHaveLength(1)
    expect(docebo.users.filter((user) => user.isInstructor)).toHaveLength(12)
    expect(to.trainers.map((trainer) => trainer.externalRef).sort()).toEqual(
      docebo.users
        .filter((user) => user.isInstructor)
        .map((user) => user.id)
        .sort(),
    )
    expect(new Set(docebo.webinarAccounts.map((account) => account.tool))).toEqual(
      new Set(["zoom", "zoom_v3", "teams", "webex", "gotomeeting"]),
    )
  })

  it("schedules sessions in every status, with one to three slots in three time zones", () => {
    const { to } = makeAcmeTenant()
    expect(new Set(to.sessions.map((session) => session.status))).toEqual(
      new Set(["in_qualification", "validated", "cancelled"]),
    )
    const slotCounts = new Set(to.sessions.map((session) => session.slots.length))
    expect(slotCounts).toEqual(new Set([1, 2, 3]))
    const zones = new Set(to.sessions.flatMap((session) => session.slots.map((slot) => slot.timezone)))
    expect(zones).toEqual(new Set(["Europe/Paris", "Europe/London", "America/New_York"]))
    const kindOfRoom = new Map<string, string>(to.rooms.map((room) => [room.id, room.kind]))
    for (const session of to.sessions) {
      expect(kindOfRoom.get(session.roomId ?? "")).toBe(session.modality === "onsite" ? "physical" : "virtual")
    }
  })

  it("holds onsite and online sessions side by side in its ILT courses, and online ones only in its webinar course", () => {
    const { docebo, to } = makeAcmeTenant()
    const codeOf = new Map<string, string>(to.courses.map((course) => [course.id, course.code]))
    const modalitiesOf = new Map<string, Set<string>>()
    for (const session of to.sessions) {
      const code = codeOf.get(session.courseId) ?? ""
      modalitiesOf.set(code, new Set([...(modalitiesOf.get(code) ?? []), session.modality]))
    }
    const mixed = [...modalitiesOf].filter(([, modalities]) => modalities.size === 2).map(([code]) => code)
    expect(mixed.sort()).toEqual(["CYB-101", "FIN-301", "LDR-101"])
    expect(modalitiesOf.get("COMP-501")).toEqual(new Set(["online"]))
    // TO's modality follows the Docebo course type, as the engine maps it (onsite for ILT), whatever the sessions are.
    const typeOf = new Map<string, string>(docebo.courses.map((course) => [course.code, course.type]))
    for (const course of to.courses.filter((candidate) => typeOf.has(candidate.code))) {
      expect([course.code, course.modality]).toEqual([
        course.code,
        typeOf.get(course.code) === "ilt" ? "onsite" : "online",
      ])
    }
  })

  it("mirrors an online session of a classroom course with its online fields, and an onsite one with its place", () => {
    const { docebo } = makeAcmeTenant()
    const copy = (id: string) => docebo.sessions.find((session) => session.id === id)
    const online = copy("2024")
    const onsite = copy("2011")
    // FIN-301's two sessions: its virtual classroom of April and its Paris session of March.
    expect([online?.courseId, onsite?.courseId]).toEqual(["113", "113"])
    expect(online?.completionType).toBe("evaluation")
    expect(online?.events.map((event) => [event.tool, event.webinarAccountId, event.durationMinutes])).toEqual([
      ["teams", "53", 180],
      ["teams", "53", 180],
    ])
    expect(online?.events.every((event) => event.locationId === null && event.classroomId === null)).toBe(true)
    expect(onsite?.completionType).toBeNull()
    expect(onsite?.events.map((event) => [event.locationId, event.classroomId, event.tool])).toEqual([
      ["11", "201", null],
      ["11", "201", null],
    ])
  })

  it("gives its first sync every case the sync rules name", () => {
    const tenant = makeAcmeTenant()
    // Run in December 2026: its autumn sessions are over, history the plan leaves as it is.
    const horizon = "2026-11-27T00:00:00.000Z"
    const store = { ...emptyStore, trainers: registeredTrainers(tenant) }
    const planned = plan(tenant.docebo, tenant.to, store, { horizon })
    expect(planned.history).toEqual({ before: horizon, sessions: 3 })
    const past = ["ses_ldr101_lon_2609", "ses_hse110_lon_2610", "ses_ldr102_lon_2611", "2101", "2102", "2103"]
    expect(planned.ops.filter((op) => past.includes(op.key) || past.includes(op.target?.id ?? ""))).toEqual([])
    const ops = (entity: string, action: string) =>
      planned.ops.filter((op) => op.entity === entity && op.action === action).map((op) => op.key)

    expect(planned.warnings.map((warning) => [warning.code, warning.key])).toEqual(
      expect.arrayContaining([
        ["course_code_missing", "127"],
        ["docebo_native_session", "2050"],
        ["unsupported_webinar_tool", "56"],
      ]),
    )
    expect(ops("course", "create").sort()).toEqual(["104", "136", "140"])
    expect(planned.ops.find((op) => op.entity === "course" && op.key === "116")?.reason).toMatch(/by code/)
    expect(ops("course", "deactivate")).toEqual(["99"])
    expect(ops("webinarAccount", "create")).toEqual(["57"])
    expect(ops("location", "create")).toEqual(["loc_nyc"])
    expect(ops("trainer", "deactivate")).toEqual([])
    const held = planned.ops.filter((op) => op.status === "held")
    expect(held.map((op) => [op.entity, op.action, op.key])).toEqual([["session", "delete", "ses_hse110_lyo_0318"]])
    expect(ops("session", "delete")).toContain("ses_prj401_par_0323")
    expect(ops("session", "create").length).toBeGreaterThan(0)
    // The new online session of a classroom course, and the new onsite session of a course taught online until now.
    expect(ops("session", "create")).toEqual(expect.arrayContaining(["ses_ldr101_web_0518", "ses_cyb101_par_0316"]))
    // The mirrored online session of a classroom course is in step: adopted by its stamp, nothing to write.
    expect(planned.ops.find((op) => op.key === "ses_fin301_web_0406")).toMatchObject({ action: "adopt", changes: [] })
  })

  it("gives each caller its own copy", () => {
    const first = makeAcmeTenant()
    const second = makeAcmeTenant()
    expect(second).toEqual(first)
    expect(second.docebo.courses).not.toBe(first.docebo.courses)
  })
})
