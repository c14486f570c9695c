import { describe, expect, it } from "@effect/vitest"
import { changesBetween, changesOfCreate } from "./Changes.ts"

const event = (slot: string, day: string, instructors: string[] = []) => ({ slot, day, start: "09:00", instructors })

describe("field-level changes", () => {
  it("addresses nested items by key, and reports a changed set once with both whole sets", () => {
    const from = {
      name: "A",
      instructors: ["1"],
      events: [event("s1", "2027-01-10", ["1"]), event("s2", "2027-01-11")],
    }
    const to = {
      name: "A",
      instructors: ["1", "2"],
      events: [event("s1", "2027-01-12", ["2"]), event("s3", "2027-01-13")],
    }
    expect(changesBetween(from, to, { events: "slot" })).toEqual([
      { path: "events[s1].day", from: "2027-01-10", to: "2027-01-12" },
      { path: "events[s1].instructors", from: ["1"], to: ["2"] },
      { path: "events[s2]", from: event("s2", "2027-01-11"), to: null },
      { path: "events[s3]", from: null, to: event("s3", "2027-01-13") },
      { path: "instructors", from: ["1"], to: ["1", "2"] },
    ])
  })

  it("a value that appears or disappears is one change, not a removal and an addition", () => {
    expect(changesBetween({ seats: null }, { seats: 12 }, {})).toEqual([{ path: "seats", from: null, to: 12 }])
    expect(changesBetween({ seats: 12 }, { seats: null }, {})).toEqual([{ path: "seats", from: 12, to: null }])
    expect(changesBetween({ seats: 12 }, { seats: 12 }, {})).toEqual([])
  })

  it("a create lists every field, and each item on its own", () => {
    expect(changesOfCreate({ name: "A", events: [event("s1", "2027-01-10")] }, { events: "slot" })).toEqual([
      { path: "events[s1]", from: null, to: event("s1", "2027-01-10") },
      { path: "name", from: null, to: "A" },
    ])
  })
})
