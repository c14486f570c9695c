import { describe, expect, it } from "vitest"
import type { KnownState } from "./Known.ts"
import { rebaseRead } from "./Rebase.ts"
import { doceboCourse, doceboSnapshot, toSession, toSnapshot } from "./testing/Builders.ts"

const known = (over: {
  readonly sessions?: ReturnType<typeof toSession>[]
  readonly courses?: ReturnType<typeof doceboCourse>[]
  readonly cursor?: string
  readonly readAt?: Record<string, string>
}): KnownState => ({
  docebo: doceboSnapshot({ courses: over.courses ?? [] }),
  to: toSnapshot({ sessions: over.sessions ?? [] }),
  cursors: over.cursor === undefined ? {} : { "to:sessions": over.cursor },
  sessionsReadAt: over.readAt ?? {},
})

const a = toSession("ses_a", "crs_1", { name: "A" })
const b = toSession("ses_b", "crs_1", { name: "B" })
const c = toSession("ses_c", "crs_1", { name: "C" })

describe("a long read brought up to date with the runs that finished meanwhile", () => {
  it("is the long read itself when no run came between", () => {
    const base = known({ sessions: [a, b], cursor: "2027-01-01T00:00:00Z" })
    const read = known({ sessions: [a, { ...b, name: "B read" }, c], cursor: "2027-01-02T00:00:00Z" })
    expect(rebaseRead(base, read, base)).toEqual(read)
  })

  it("takes what another run changed, added or removed, and the long read's records elsewhere", () => {
    const base = known({ sessions: [a, b], courses: [doceboCourse("1")] })
    const read = known({ sessions: [{ ...a, name: "A read" }, b], courses: [doceboCourse("1"), doceboCourse("2")] })
    const fresh = known({
      sessions: [{ ...b, name: "B moved" }, c],
      courses: [doceboCourse("1"), doceboCourse("3")],
    })
    const rebased = rebaseRead(base, read, fresh)
    // a was removed by the other run, b changed by it, c added by it.
    expect(rebased.to.sessions.map((session) => [session.id, session.name])).toEqual([
      ["ses_b", "B moved"],
      ["ses_c", "C"],
    ])
    expect(rebased.docebo.courses.map((course) => course.id)).toEqual(["1", "2", "3"])
  })

  it("keeps the older cursor where another run moved it, so the next incremental read misses nothing", () => {
    const base = known({ cursor: "2027-01-01T00:00:00Z" })
    const read = known({ cursor: "2027-01-03T00:00:00Z" })
    const fresh = known({ cursor: "2027-01-02T00:00:00Z" })
    expect(rebaseRead(base, read, fresh).cursors["to:sessions"]).toBe("2027-01-02T00:00:00Z")
    expect(rebaseRead(base, fresh, read).cursors["to:sessions"]).toBe("2027-01-02T00:00:00Z")
    expect(rebaseRead(base, read, base).cursors["to:sessions"]).toBe("2027-01-03T00:00:00Z")
  })

  it("takes a course's session read time from the run that read its sessions meanwhile", () => {
    const base = known({ readAt: { "1": "t0", "2": "t0" } })
    const read = known({ readAt: { "1": "t2", "2": "t2" } })
    const fresh = known({ readAt: { "1": "t1", "2": "t0" } })
    expect(rebaseRead(base, read, fresh).sessionsReadAt).toEqual({ "1": "t1", "2": "t2" })
  })
})
