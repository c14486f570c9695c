import { describe, expect, it } from "@effect/vitest"
import * as B from "../testing/Builders.ts"
import type { World } from "../testing/MemoryApply.ts"
import { onlyOp, opsFor, planOf, settle, world } from "../testing/Worlds.ts"

/** `count` ILT sessions of one course, in step on both sides. */
const sessions = (count: number, enrolled = 0): World => {
  const base = settle(
    world({
      docebo: { courses: [B.doceboCourse("1")] },
      to: {
        courses: [B.toCourse("c1", { code: "C-1", externalRef: "1", title: "Course 1" })],
        sessions: Array.from({ length: count }, (_, i) => B.toSession(`S${i}`, "c1", { slots: [B.toSlot(`s${i}`)] })),
      },
    }),
  )
  return { ...base, docebo: { ...base.docebo, sessions: base.docebo.sessions.map((s) => ({ ...s, enrolled })) } }
}

const cancel = (w: World, ids: ReadonlyArray<string>): World => ({
  ...w,
  to: {
    ...w.to,
    sessions: w.to.sessions.map((s) => (ids.includes(s.id) ? { ...s, status: "cancelled" as const } : s)),
  },
})

describe("enrollment guard", () => {
  it("a cancellation that would drop enrollments is held with the count, and applies once approved", () => {
    const w = cancel(sessions(3, 4), ["S0"])
    const op = onlyOp(planOf(w), "session")
    expect(op).toMatchObject({ action: "delete", status: "held" })
    expect(op.reason).toContain("4 enrollments in Docebo would be dropped")
    expect(settle(w).docebo.sessions).toHaveLength(3)
    expect(settle(w, { approveHeld: true }).docebo.sessions).toHaveLength(2)
  })

  it("removing a slot from a session with enrollments holds the event deletion", () => {
    const w = sessions(1, 2)
    const planned = planOf({ ...w, to: { ...w.to, sessions: w.to.sessions.map((s) => ({ ...s, slots: [] })) } })
    expect(onlyOp(planned, "event")).toMatchObject({ action: "delete", status: "held" })
  })
})

describe("no deletion from a partial listing", () => {
  it("sessions missing from a partial TO listing keep their Docebo copies", () => {
    const w = sessions(5)
    const partial = {
      ...w,
      to: { ...w.to, sessions: w.to.sessions.slice(0, 2), complete: { ...w.to.complete, sessions: false } },
    }
    expect(planOf(partial).ops).toEqual([])
    const complete = { ...partial, to: { ...partial.to, complete: w.to.complete } }
    expect(opsFor(planOf(complete), "session").map((op) => op.action)).toEqual(["delete", "delete", "delete"])
  })

  it("courses missing from a partial Docebo listing are not archived in TO", () => {
    const w = sessions(1)
    const partial = { ...w, docebo: { ...w.docebo, courses: [], complete: { ...w.docebo.complete, courses: false } } }
    expect(opsFor(planOf(partial), "course")).toEqual([])
  })

  it("a cancelled session is still removed: the listing that shows it cancelled is evidence, not absence", () => {
    const w = cancel(sessions(2), ["S1"])
    const partial = { ...w, to: { ...w.to, complete: { ...w.to.complete, sessions: false } } }
    expect(onlyOp(planOf(partial), "session")).toMatchObject({ action: "delete", key: "S1", status: "ready" })
  })

  it("a create is blocked while the replica's listing is partial, since its copy may be on the failed page", () => {
    const w = sessions(1)
    const more = {
      ...w,
      to: { ...w.to, sessions: [...w.to.sessions, B.toSession("S9", "c1", { slots: [B.toSlot("s9")] })] },
    }
    const partial = { ...more, docebo: { ...more.docebo, complete: { ...more.docebo.complete, sessions: false } } }
    const op = onlyOp(planOf(partial), "session")
    expect(op).toMatchObject({ action: "create", status: "blocked" })
    expect(op.reason).toContain("listing was partial")
  })
})

describe("mass-change guard", () => {
  it("removing more than 10% of an entity type, and at least 20 records, holds every such op", () => {
    const w = cancel(
      sessions(100),
      Array.from({ length: 25 }, (_, i) => `S${i}`),
    )
    const ops = opsFor(planOf(w), "session")
    expect(ops).toHaveLength(25)
    expect(ops.every((op) => op.status === "held" && op.reason.includes("mass change, 25 of 100 sessions (25%)"))).toBe(
      true,
    )
  })

  it("below the share, or below 20 records, removals are ready", () => {
    const few = cancel(
      sessions(100),
      Array.from({ length: 10 }, (_, i) => `S${i}`),
    )
    expect(opsFor(planOf(few), "session").every((op) => op.status === "ready")).toBe(true)
    const small = cancel(
      sessions(30),
      Array.from({ length: 19 }, (_, i) => `S${i}`),
    )
    expect(opsFor(planOf(small), "session").every((op) => op.status === "ready")).toBe(true)
  })

  it("the share and floor are settings", () => {
    const w = cancel(
      sessions(30),
      Array.from({ length: 5 }, (_, i) => `S${i}`),
    )
    const ops = opsFor(planOf(w, { guards: { massChangeShare: 0.1, massChangeMinimum: 5 } }), "session")
    expect(ops.every((op) => op.status === "held")).toBe(true)
  })
})

describe("ambiguous adoption is never guessed", () => {
  it("two TO courses with the course's code block it", () => {
    const planned = planOf(
      world({
        docebo: { courses: [B.doceboCourse("1", { code: "X" })] },
        to: { courses: [B.toCourse("a", { code: "X" }), B.toCourse("b", { code: "x" })] },
      }),
    )
    const op = onlyOp(planned, "course")
    expect(op).toMatchObject({ action: "adopt", status: "blocked" })
    expect(op.reason).toContain("2 Training Orchestra records match")
    expect(op.reason).toContain("a, b")
  })

  it("two Docebo copies stamped with the same TO session block it", () => {
    const w = sessions(1)
    const copy = w.docebo.sessions[0]
    if (!copy) throw new Error("no session")
    const doubled = {
      ...w,
      docebo: { ...w.docebo, sessions: [copy, { ...copy, id: "twin" as never }] },
      store: { ...w.store, links: { ...w.store.links, session: [] } },
    }
    expect(onlyOp(planOf(doubled), "session")).toMatchObject({ action: "adopt", status: "blocked" })
  })

  it("a session waiting for a blocked classroom is blocked too", () => {
    const w = sessions(1)
    const docebo = {
      ...w.docebo,
      locations: [
        B.doceboLocation("40", { name: "Location L1", address: "1 Main St, Paris" }),
        B.doceboLocation("41", { name: "Location L1", address: "1 Main St, Paris" }),
      ],
    }
    const to = {
      ...w.to,
      locations: [B.toLocation("L1")],
      rooms: [B.toRoom("R1", { locationId: "L1" })],
      sessions: w.to.sessions.map((s) => ({ ...s, roomId: "R1" as never })),
    }
    const planned = planOf({ ...w, docebo, to })
    expect(onlyOp(planned, "location")).toMatchObject({ status: "blocked" })
    expect(onlyOp(planned, "session").status).toBe("blocked")
  })
})

describe("sessions of a deactivated training provider", () => {
  const withProvider = (active: boolean) => {
    const base = settle(
      world({
        docebo: { courses: [B.doceboCourse("1")], users: [B.doceboUser("u1", { isInstructor: true })] },
        to: {
          trainingProviders: [B.toProvider("p1")],
          trainers: [B.toTrainer("T1", { externalRef: "u1", trainingProviderId: "p1" })],
          courses: [B.toCourse("c1", { code: "C-1", externalRef: "1", title: "Course 1" })],
          sessions: [B.toSession("S1", "c1", { trainerId: "T1", slots: [B.toSlot("s1")] })],
        },
      }),
    )
    return { ...base, to: { ...base.to, trainingProviders: base.to.trainingProviders.map((p) => ({ ...p, active })) } }
  }

  it("keep their Docebo copy unchanged, even when it drifted", () => {
    const w = withProvider(false)
    const drifted = {
      ...w,
      docebo: { ...w.docebo, sessions: w.docebo.sessions.map((s) => ({ ...s, name: "edited in Docebo" })) },
    }
    expect(planOf(drifted).ops).toEqual([])
    expect(opsFor(planOf({ ...drifted, to: withProvider(true).to }), "session")).toHaveLength(1)
  })

  it("are synced again once TO sends a new schedule", () => {
    const w = withProvider(false)
    const rescheduled = {
      ...w,
      to: { ...w.to, sessions: w.to.sessions.map((s) => ({ ...s, slots: [B.toSlot("s1", { day: "2027-03-03" })] })) },
    }
    expect(onlyOp(planOf(rescheduled), "session").changes).toEqual([
      { path: "events[s1].day", from: "2027-01-10", to: "2027-03-03" },
    ])
  })
})

describe("normalisation", () => {
  it("values that differ only in form plan nothing: spaces, seconds, zone aliases, e-mail case, language names", () => {
    const w = sessions(1)
    const docebo = {
      ...w.docebo,
      sessions: w.docebo.sessions.map((s) => ({
        ...s,
        name: `  ${s.name} `,
        events: s.events.map((e) => ({ ...e, timeBegin: "9:00", timeEnd: "17:00:00", timezone: "europe/paris" })),
      })),
    }
    const to = {
      ...w.to,
      sessions: w.to.sessions.map((s) => ({
        ...s,
        slots: s.slots.map((slot) => ({ ...slot, timezone: "Europe/Paris" })),
      })),
    }
    expect(planOf({ ...w, docebo, to }).ops).toEqual([])
    const utc = settle(world({ to: { locations: [B.toLocation("L1")] } }))
    expect(planOf(utc).ops).toEqual([])
  })
})

describe("scope", () => {
  it("--course keeps the ops of those courses and what they depend on", () => {
    const planned = planOf(
      world({
        docebo: { courses: [B.doceboCourse("1", { code: "A" }), B.doceboCourse("2", { code: "B" })] },
        to: { locations: [B.toLocation("L1")] },
      }),
      { courses: ["a"] },
    )
    expect(planned.ops.map((op) => op.id)).toEqual(["to:course:create:1"])
    expect(planned.summary).toEqual({
      course: { create: 1, update: 0, adopt: 0, delete: 0, deactivate: 0, held: 0, blocked: 0 },
    })
  })
})
