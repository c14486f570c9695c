import { describe, expect, it } from "vitest"
import { makeSyntheticTenant } from "./Synthetic.ts"

describe("the synthetic tenant", () => {
  it("lists only ILT courses, onsite in TO, with onsite and online sessions mixed within them", () => {
    const { docebo, to } = makeSyntheticTenant({ courses: 200, seed: 7 })
    expect(new Set(docebo.courses.map((course) => course.type))).toEqual(new Set(["ilt"]))
    expect(new Set(to.courses.map((course) => course.modality))).toEqual(new Set(["onsite"]))
    const online = to.sessions.filter((session) => session.modality === "online").length
    expect(online / to.sessions.length).toBeGreaterThan(0.25)
    expect(online / to.sessions.length).toBeLessThan(0.35)
    const modalitiesOf = new Map<string, Set<string>>()
    for (const session of to.sessions)
      modalitiesOf.set(session.courseId, new Set([...(modalitiesOf.get(session.courseId) ?? []), session.modality]))
    expect([...modalitiesOf.values()].filter((modalities) => modalities.size === 2).length).toBeGreaterThan(100)
  })

  it("gives an online session a virtual room and its Docebo copy the online fields, an onsite one its place", () => {
    const { docebo, to } = makeSyntheticTenant({ courses: 50, seed: 3 })
    const kindOf = new Map<string, string>(to.rooms.map((room) => [room.id, room.kind]))
    const copyOf = new Map(docebo.sessions.map((session) => [session.code, session]))
    for (const session of to.sessions) {
      const online = session.modality === "online"
      expect(kindOf.get(session.roomId ?? "")).toBe(online ? "virtual" : "physical")
      expect(session.completionMode).toBe(online ? "attendance" : null)
      const copy = copyOf.get(`iltsync:${session.id}`)
      for (const event of copy?.events ?? []) {
        expect(event.tool !== null && event.webinarAccountId !== null && event.durationMinutes !== null).toBe(online)
        expect(event.locationId !== null && event.classroomId !== null).toBe(!online)
      }
    }
  })

  it("is the same tenant for the same seed", () => {
    expect(makeSyntheticTenant({ courses: 20, seed: 5 })).toEqual(makeSyntheticTenant({ courses: 20, seed: 5 }))
    expect(makeSyntheticTenant({ courses: 20, seed: 5 })).not.toEqual(makeSyntheticTenant({ courses: 20, seed: 6 }))
  })
})
