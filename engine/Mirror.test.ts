import { describe, expect, it } from "vitest"
import { Mirror, standInEventId } from "./Mirror.ts"
import type { StepWrite } from "./OpWrites.ts"
import * as B from "./testing/Builders.ts"

const session = B.doceboSession("2001", "101", {
  events: [
    B.doceboEvent("9001", { day: "2027-01-10" }),
    B.doceboEvent("2001~at:2027-01-11 09:00", { day: "2027-01-11" }),
  ],
})
const mirror = () => new Mirror(B.doceboSnapshot({ sessions: [session] }), B.toSnapshot())
const updateEvent = (eventId: string): StepWrite =>
  ({
    system: "docebo",
    step: "event",
    write: { kind: "updateEvent", sessionId: "2001", eventId, fields: { day: "2027-02-01" } },
  }) as unknown as StepWrite
const eventsOf = (m: Mirror) => m.snapshots().docebo.sessions[0]?.events.map((e) => [e.id, e.day])

describe("the mirror of Docebo events", () => {
  it("keeps an event's id when the write's answer names none", () => {
    const m = mirror()
    m.apply(updateEvent("9001"), {})
    expect(eventsOf(m)).toEqual([
      ["9001", "2027-02-01"],
      ["2001~at:2027-01-11 09:00", "2027-01-11"],
    ])
  })

  it("replaces a stand-in id with the real one the write looked up", () => {
    const m = mirror()
    m.apply(updateEvent(standInEventId("2001", "2027-01-11 09:00")), { id: "9002" })
    expect(eventsOf(m)).toEqual([
      ["9001", "2027-01-10"],
      ["9002", "2027-02-01"],
    ])
  })
})
