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
    expect(new Set(docebo.courses.map((course) => course.type))).toEqual(new Set(["ilt", "vilt"]))
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

  it("gives its first sync every case the sync rules name", () => {
    const tenant = makeAcmeTenant()
    const planned = plan(tenant.docebo, tenant.to, { ...emptyStore, trainers: registeredTrainers(tenant) })
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
  })

  it("gives each caller its own copy", () => {
    const first = makeAcmeTenant()
    const second = makeAcmeTenant()
    expect(second).toEqual(first)
    expect(second.docebo.courses).not.toBe(first.docebo.courses)
  })
})
