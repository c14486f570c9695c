import { describe, expect, it } from "@effect/vitest"
import { plan } from "./Diff.ts"
import type { DoceboSession } from "./model/Docebo.ts"
import { type DoceboStamps, doceboStampPlaces, stampOfCode } from "./Stamps.ts"
import * as B from "./testing/Builders.ts"
import type { World } from "./testing/MemoryApply.ts"
import { changeOf, link, onlyOp, opsFor, planOf, settle, world } from "./testing/Worlds.ts"

/** The Docebo copy of a TO session: the one its link names. */
const copyOf = (w: World, toSessionId: string) => {
  const linked = w.store.links.session.find((link) => link.to === toSessionId)?.docebo
  return w.docebo.sessions.find((s) => s.id === linked)
}

/** A small tenant already in step: one ILT and one VILT course with a session each, a trainer, a location. */
const synced = (stamps: DoceboStamps = "code") =>
  settle(
    world({
      stamps,
      docebo: {
        courses: [B.doceboCourse("1", { code: "SAFE-1" }), B.doceboCourse("2", { code: "WEB-2", type: "vilt" })],
        users: [B.doceboUser("u1", { isInstructor: true })],
        webinarAccounts: [B.webinarAccount("w1", { tool: "zoom" })],
      },
      to: {
        trainingProviders: [B.toProvider("p1")],
        locations: [B.toLocation("L1")],
        rooms: [
          B.toRoom("R1", { locationId: "L1" }),
          B.toRoom("V1", { kind: "virtual", webinarTool: "zoom", externalRef: "w1", name: "Account w1" }),
        ],
        trainers: [B.toTrainer("T1", { externalRef: "u1", email: "useru1@example.com", trainingProviderId: "p1" })],
        courses: [
          B.toCourse("c1", { code: "SAFE-1", externalRef: "1" }),
          B.toCourse("c2", { code: "WEB-2", externalRef: "2", modality: "online" }),
        ],
        sessions: [
          B.toSession("S1", "c1", {
            trainerId: "T1",
            roomId: "R1",
            slots: [B.toSlot("s1"), B.toSlot("s2", { day: "2027-01-11" })],
          }),
          B.toSession("S2", "c2", {
            modality: "online",
            trainerId: "T1",
            roomId: "V1",
            completionMode: "attendance",
            slots: [B.toSlot("s3", { durationMinutes: 90 })],
          }),
        ],
      },
      store: { trainers: [B.assignment("u1", { trainingProviderId: "p1" })] },
    }),
  )

describe("course: Docebo is master, TO is the replica", () => {
  it("a new ILT course is created in TO with its code, name, type, language and Docebo id", () => {
    const planned = planOf(
      world({ docebo: { courses: [B.doceboCourse("7", { code: " HR-7 ", name: "HR basics", language: "french" })] } }),
    )
    const op = onlyOp(planned, "course")
    expect(op).toMatchObject({ action: "create", system: "to", key: "7", status: "ready", course: "7" })
    expect(Object.fromEntries(op.changes.map((c) => [c.path, c.to]))).toEqual({
      active: true,
      code: "HR-7",
      externalRef: "7",
      language: "fr",
      name: "HR basics",
      type: "ilt",
    })
  })

  it("an unlinked TO course with the same code is adopted and stamped, never duplicated", () => {
    const planned = planOf(
      world({
        docebo: { courses: [B.doceboCourse("7", { code: "HR-7" })] },
        to: { courses: [B.toCourse("c9", { code: "hr-7", title: "Course 7" })] },
      }),
    )
    const op = onlyOp(planned, "course")
    expect(op).toMatchObject({ action: "adopt", target: { id: "c9" } })
    expect(changeOf(op, "externalRef")).toEqual({ path: "externalRef", from: null, to: "7" })
    expect(changeOf(op, "code")).toEqual({ path: "code", from: "hr-7", to: "HR-7" })
  })

  it("a TO edit of a course field is put back, and nothing is ever written to Docebo", () => {
    const base = synced()
    const edited = {
      ...base,
      to: { ...base.to, courses: base.to.courses.map((c) => (c.id === "c1" ? { ...c, title: "Renamed in TO" } : c)) },
    }
    const planned = planOf(edited)
    const op = onlyOp(planned, "course")
    expect(op).toMatchObject({
      action: "update",
      system: "to",
      changes: [{ path: "name", from: "Renamed in TO", to: "Course 1" }],
    })
    expect(op.reason).toContain("edited in Training Orchestra")
    expect(planned.ops.filter((o) => o.entity === "course" && o.system === "docebo")).toEqual([])
  })

  it("a course deleted in Docebo is archived in TO, never deleted", () => {
    const base = synced()
    const planned = planOf({
      ...base,
      docebo: { ...base.docebo, courses: base.docebo.courses.filter((c) => c.id !== "1") },
    })
    const op = onlyOp(planned, "course")
    expect(op).toMatchObject({
      action: "deactivate",
      system: "to",
      key: "1",
      target: { id: "c1" },
      changes: [{ path: "active", from: true, to: false }],
    })
    expect(planned.ops.some((o) => o.action === "delete" && o.entity === "course")).toBe(false)
  })

  it("a course without a code is an error for that course only; the others still sync", () => {
    const planned = planOf(world({ docebo: { courses: [B.doceboCourse("1", { code: "  " }), B.doceboCourse("2")] } }))
    expect(planned.warnings).toEqual([
      expect.objectContaining({
        code: "course_code_missing",
        key: "1",
        message: expect.stringContaining("course code is missing"),
      }),
    ])
    expect(opsFor(planned, "course").map((op) => op.key)).toEqual(["2"])
  })
})

describe("session: TO is master, the Docebo copy is view-only", () => {
  it("a validated session of a linked course is created in Docebo with one event per slot, its code stamped", () => {
    const base = synced()
    const session = copyOf(base, "S1")
    expect(session).toMatchObject({
      courseId: "1",
      name: "Session S1",
      maxEnroll: 20,
      minEnroll: 5,
      instructors: ["u1"],
    })
    expect(session?.code).toBe("iltsync:S1")
    expect(session?.events.map((e) => [e.day, e.timeBegin])).toEqual([
      // The canonical time of day; Docebo's adapter writes it with seconds (adapters/docebo/Writes.test.ts).
      ["2027-01-10", "09:00"],
      ["2027-01-11", "09:00"],
    ])
    const classroomId = base.store.links.classroom.find((l) => l.to === "R1")?.docebo
    const classroom = base.docebo.classrooms.find((c) => c.id === classroomId)
    expect(session?.events[0]?.classroomId).toBe(classroom?.id)
  })

  it("ILT copies carry location and classroom; VILT copies carry the webinar account, tool, duration and completion mode", () => {
    const base = synced()
    const vilt = copyOf(base, "S2")
    expect(vilt).toMatchObject({ completionType: "attendance", minEnroll: null })
    expect(vilt?.events[0]).toMatchObject({
      webinarAccountId: "w1",
      tool: "zoom",
      durationMinutes: 90,
      classroomId: null,
    })
    const ilt = copyOf(base, "S1")
    expect(ilt?.events[0]?.locationId).not.toBeNull()
    expect(ilt?.completionType).toBeNull()
  })

  it("a session still in qualification stays in TO", () => {
    const base = synced()
    const draft = B.toSession("S9", "c1", { status: "in_qualification", slots: [B.toSlot("s9")] })
    const planned = planOf({ ...base, to: { ...base.to, sessions: [...base.to.sessions, draft] } })
    expect(planned.ops).toEqual([])
  })

  it("a session edited in Docebo is put back to what TO says", () => {
    const base = synced()
    const edited = {
      ...base,
      docebo: {
        ...base.docebo,
        sessions: base.docebo.sessions.map((s) => (stampOfCode(s.code) === "S1" ? { ...s, maxEnroll: 99 } : s)),
      },
    }
    const op = onlyOp(planOf(edited), "session")
    expect(op).toMatchObject({
      action: "update",
      system: "docebo",
      key: "S1",
      changes: [{ path: "maxEnroll", from: 99, to: 20 }],
    })
    expect(op.reason).toContain("edited in Docebo")
  })

  it("a cancelled session is deleted from Docebo", () => {
    const base = synced()
    const planned = planOf({
      ...base,
      to: {
        ...base.to,
        sessions: base.to.sessions.map((s) => (s.id === "S1" ? { ...s, status: "cancelled" as const } : s)),
      },
    })
    expect(onlyOp(planned, "session")).toMatchObject({ action: "delete", system: "docebo", status: "ready", key: "S1" })
  })

  it("a session created directly in Docebo is reported on every plan and never touched", () => {
    const base = synced()
    const native = B.doceboSession("900", "1", { name: "Made in Docebo" })
    const planned = planOf({ ...base, docebo: { ...base.docebo, sessions: [...base.docebo.sessions, native] } })
    expect(planned.ops).toEqual([])
    expect(planned.warnings).toEqual([expect.objectContaining({ code: "docebo_native_session", key: "900" })])
  })
})

describe("event: one per TO slot", () => {
  it("moving a slot changes only that event's day", () => {
    const base = synced()
    const moved = base.to.sessions.map((s) =>
      s.id === "S1" ? { ...s, slots: [B.toSlot("s1", { day: "2027-02-01" }), s.slots[1] as never] } : s,
    )
    const op = onlyOp(planOf({ ...base, to: { ...base.to, sessions: moved } }), "session")
    expect(op.changes).toEqual([{ path: "events[s1].day", from: "2027-01-10", to: "2027-02-01" }])
    expect(op.target?.items?.s1).toBe(copyOf(base, "S1")?.events[0]?.id)
  })

  it("a removed slot deletes its event", () => {
    const base = synced()
    const trimmed = base.to.sessions.map((s) => (s.id === "S1" ? { ...s, slots: s.slots.slice(0, 1) } : s))
    const planned = planOf({ ...base, to: { ...base.to, sessions: trimmed } })
    const gone = copyOf(base, "S1")?.events[1]?.id
    expect(onlyOp(planned, "event")).toMatchObject({ action: "delete", key: `docebo-event:${gone}`, status: "ready" })
    expect(opsFor(planned, "session")).toEqual([])
  })

  it("a slot TO re-created under a new id, on another day, updates the existing event instead of replacing it", () => {
    const base = synced()
    const renumbered = base.to.sessions.map((s) =>
      s.id === "S1" ? { ...s, slots: [s.slots[0] as never, B.toSlot("s2b", { day: "2027-01-12" })] } : s,
    )
    const planned = planOf({ ...base, to: { ...base.to, sessions: renumbered } })
    expect(opsFor(planned, "event")).toEqual([])
    const op = onlyOp(planned, "session")
    expect(op.changes).toEqual([{ path: "events[s2b].day", from: "2027-01-11", to: "2027-01-12" }])
    expect(op.target?.items?.s2b).toBe(copyOf(base, "S1")?.events[1]?.id)
  })
})

/**
 * A tenant whose sessions carry no stamp: the synced tenant with every session link forgotten and every stamp
 * cleared (a first sync of an integration that someone else started, or a tenant that keeps no stamps).
 */
const unstamped = (stamps: DoceboStamps): World => {
  const base = synced()
  return {
    ...base,
    stamps,
    docebo: { ...base.docebo, sessions: base.docebo.sessions.map(({ code: _, ...session }) => session) },
    store: { ...base.store, links: { ...base.store.links, session: [] } },
  }
}

describe.each(doceboStampPlaces)("session stamps kept in: %s", (stamps) => {
  it("sessions that carry no stamp are adopted by course, name and first date on a first sync: none is created", () => {
    const w = unstamped(stamps)
    const planned = planOf(w)
    expect(opsFor(planned, "session").map((op) => [op.action, op.key, op.status])).toEqual([
      ["adopt", "S1", "ready"],
      ["adopt", "S2", "ready"],
    ])
    expect(planned.warnings.filter((warning) => warning.code === "docebo_native_session")).toEqual([])
    const after = settle(w)
    expect(after.docebo.sessions.map((session) => session.id).sort()).toEqual(
      w.docebo.sessions.map((session) => session.id).sort(),
    )
    expect(planOf(after).ops).toEqual([])
    // Where the tenant keeps stamps, the adopted copies are stamped, so a lost link finds them again.
    expect(after.docebo.sessions.map((session) => stampOfCode(session.code)).sort()).toEqual(
      stamps === "code" ? ["S1", "S2"] : [null, null],
    )
  })

  it("two Docebo sessions matching one TO session by course, name and first date are blocked, never guessed", () => {
    const w = unstamped(stamps)
    const twin = { ...(w.docebo.sessions[0] as DoceboSession), id: "77" } as DoceboSession
    const doubled = { ...w, docebo: { ...w.docebo, sessions: [...w.docebo.sessions, twin] } }
    const planned = planOf(doubled)
    const op = opsFor(planned, "session").find((candidate) => candidate.key === twin.name.replace("Session ", ""))
    expect(op).toMatchObject({ action: "adopt", status: "blocked" })
    expect(op?.reason).toContain("ambiguous")
    expect(opsFor(planned, "session").filter((candidate) => candidate.action === "create")).toEqual([])
    expect(settle(doubled).docebo.sessions).toHaveLength(doubled.docebo.sessions.length)
  })

  it("events are paired by date and start time; two events at one date and time block their session", () => {
    const w = synced(stamps)
    const copy = copyOf(w, "S1") as DoceboSession
    const first = copy.events[0] as DoceboSession["events"][number]
    const doubled = { ...copy, events: [...copy.events, { ...first, id: "e-twin" }] } as DoceboSession
    const planned = planOf({
      ...w,
      docebo: { ...w.docebo, sessions: w.docebo.sessions.map((s) => (s.id === copy.id ? doubled : s)) },
    })
    const op = onlyOp(planned, "session")
    expect(op).toMatchObject({ key: "S1", status: "blocked" })
    expect(op.reason).toContain("date and start time (2027-01-10 09:00)")
    expect(opsFor(planned, "event")).toEqual([])
  })

  it("TO's session code reaches Docebo only where the stamp does not own the code", () => {
    const w = synced(stamps)
    const coded = {
      ...w,
      to: { ...w.to, sessions: w.to.sessions.map((s) => (s.id === "S1" ? { ...s, code: "SAFE-1-JAN" } : s)) },
    }
    const ops = opsFor(planOf(coded), "session")
    if (stamps === "code") expect(ops).toEqual([])
    else
      expect(ops.map((op) => [op.key, op.changes])).toEqual([["S1", [{ path: "code", from: null, to: "SAFE-1-JAN" }]]])
  })

  it("a session made in Docebo with a code of its own is reported and left alone, never taken for a stamp", () => {
    const w = synced(stamps)
    const native = B.doceboSession("900", "1", { name: "Made in Docebo", code: "S1", enrolled: 0 })
    const stamped = B.doceboSession("901", "1", { name: "Copy of a gone session", code: "iltsync:S-gone" })
    const planned = planOf({ ...w, docebo: { ...w.docebo, sessions: [...w.docebo.sessions, native, stamped] } })
    expect(planned.warnings.filter((x) => x.code === "docebo_native_session").map((x) => x.key)).toEqual(
      stamps === "code" ? ["900"] : ["900", "901"],
    )
    // Only where stamps are kept is a copy stamped with a TO session that is gone removed.
    expect(opsFor(planned, "session").map((op) => [op.action, op.target?.id])).toEqual(
      stamps === "code" ? [["delete", "901"]] : [],
    )
  })
})

describe("location and classroom: TO is master", () => {
  it("a new TO location and its room reach Docebo, the classroom after its location", () => {
    const planned = planOf(
      world({
        to: {
          locations: [B.toLocation("L1", { address: " 3 Rue Neuve ", city: "Lyon" })],
          rooms: [B.toRoom("R1", { locationId: "L1", seats: 30 })],
        },
      }),
    )
    const location = onlyOp(planned, "location")
    const classroom = onlyOp(planned, "classroom")
    expect(changeOf(location, "address")?.to).toBe("3 Rue Neuve, Lyon")
    expect(classroom.dependsOn).toEqual([location.id])
    expect(planned.ops.indexOf(location)).toBeLessThan(planned.ops.indexOf(classroom))
  })

  it("a Docebo location with the same name and address is adopted, and its classroom by location and name", () => {
    const planned = planOf(
      world({
        to: { locations: [B.toLocation("L1")], rooms: [B.toRoom("R1", { locationId: "L1", name: "Salle A" })] },
        docebo: {
          locations: [B.doceboLocation("40", { name: "location l1", address: "1 Main St,  Paris" })],
          classrooms: [B.doceboClassroom("41", "40", { name: "salle a" })],
        },
      }),
    )
    expect(onlyOp(planned, "location")).toMatchObject({ action: "adopt", target: { id: "40" } })
    expect(onlyOp(planned, "classroom")).toMatchObject({ action: "adopt", target: { id: "41" } })
  })

  it("a location deleted in TO is left in Docebo and reported as an orphan", () => {
    const base = synced()
    const planned = planOf({
      ...base,
      to: { ...base.to, locations: [], rooms: base.to.rooms.filter((r) => r.kind === "virtual") },
    })
    expect(planned.ops.filter((op) => op.entity === "location" || op.entity === "classroom")).toEqual([])
    expect(planned.warnings.map((w) => w.code).sort()).toEqual(["orphan_classroom", "orphan_location"])
  })
})

describe("training provider: TO is master; iltsync creates and (de)activates, never deletes", () => {
  const request = (over: object) => ({ id: "q1", kind: "create", name: "Acme Training", ...over }) as never

  it("a provider requested in iltsync is created in TO", () => {
    const op = onlyOp(planOf(world({ store: { providerRequests: [request({})] } })), "trainingProvider")
    expect(op).toMatchObject({
      action: "create",
      system: "to",
      key: "request:q1",
      changes: [
        { path: "active", to: true },
        { path: "name", to: "Acme Training" },
      ],
    })
  })

  it("a requested provider that TO already has by name is adopted, so a replayed request creates nothing", () => {
    const op = onlyOp(
      planOf(
        world({
          to: { trainingProviders: [B.toProvider("p7", { name: "ACME training" })] },
          store: { providerRequests: [request({})] },
        }),
      ),
      "trainingProvider",
    )
    expect(op).toMatchObject({ action: "adopt", target: { id: "p7" }, changes: [] })
  })

  it("deactivation goes to TO; no plan ever deletes a provider", () => {
    const w = world({
      to: { trainingProviders: [B.toProvider("p1")] },
      store: { providerRequests: [request({ kind: "setActive", providerId: "p1", active: false })] },
    })
    const op = onlyOp(planOf(w), "trainingProvider")
    expect(op).toMatchObject({ action: "deactivate", key: "p1", changes: [{ path: "active", from: true, to: false }] })
    expect(planOf({ ...w, to: { ...w.to, trainingProviders: [] } }).ops).toEqual([])
  })
})

describe("training provider requests already true in TO", () => {
  it("are settled by an op that writes nothing, so they never override TO later", () => {
    const w = world({
      to: { trainingProviders: [B.toProvider("p1", { active: false })] },
      store: { providerRequests: [{ id: "q1", kind: "setActive", providerId: "p1", active: false } as never] },
    })
    expect(onlyOp(planOf(w), "trainingProvider")).toMatchObject({ action: "adopt", changes: [], target: { id: "p1" } })
    expect(settle(w).store.providerRequests).toEqual([])
  })
})

describe("trainer: Docebo is master", () => {
  it("an instructor assigned to a provider requested in iltsync becomes a TO trainer after that provider", () => {
    const planned = planOf(
      world({
        docebo: { users: [B.doceboUser("u1", { isInstructor: true, email: "Ann@Example.com" })] },
        store: {
          providerRequests: [{ id: "q1", kind: "create", name: "New" } as never],
          trainers: [B.assignment("u1", { trainingProviderRequestId: "q1" })],
        },
      }),
    )
    const provider = onlyOp(planned, "trainingProvider")
    const trainer = onlyOp(planned, "trainer")
    expect(trainer.dependsOn).toEqual([provider.id])
    expect(changeOf(trainer, "email")?.to).toBe("ann@example.com")
    expect(changeOf(trainer, "trainingProvider")?.to).toBe("request:q1")
  })

  it("a TO trainer with the same e-mail is adopted", () => {
    const planned = planOf(
      world({
        docebo: { users: [B.doceboUser("u1", { isInstructor: true })] },
        to: {
          trainingProviders: [B.toProvider("p1")],
          trainers: [
            B.toTrainer("T5", {
              email: "USERu1@example.com",
              firstName: "Firstu1",
              lastName: "Lastu1",
              trainingProviderId: "p1",
            }),
          ],
        },
        store: { trainers: [B.assignment("u1", { trainingProviderId: "p1" })] },
      }),
    )
    expect(onlyOp(planned, "trainer")).toMatchObject({
      action: "adopt",
      target: { id: "T5" },
      changes: [{ path: "externalRef", from: null, to: "u1" }],
    })
  })

  it("removing a trainer makes the user a learner first, then deactivates the TO trainer and flags its sessions", () => {
    const base = synced()
    const removed = {
      ...base,
      store: {
        ...base.store,
        trainers: [B.assignment("u1", { trainingProviderId: "p1", removed: true, pending: { isInstructor: false } })],
      },
    }
    const planned = planOf(removed)
    const [learner, deactivation] = opsFor(planned, "trainer")
    expect(learner).toMatchObject({
      system: "docebo",
      action: "deactivate",
      changes: [{ path: "isInstructor", from: true, to: false }],
    })
    expect(deactivation).toMatchObject({
      system: "to",
      action: "deactivate",
      dependsOn: [learner?.id],
      changes: [{ path: "active", from: true, to: false }],
    })
    const flags = opsFor(planned, "session", "to")
    expect(flags.map((op) => op.key)).toEqual(["S1", "S2"])
    expect(flags[0]).toMatchObject({
      changes: [{ path: "needsReconfiguration", from: false, to: true }],
      dependsOn: [deactivation?.id],
    })
    expect(planned.ops.some((op) => op.action === "delete" && op.entity === "trainer")).toBe(false)
    const after = settle(removed)
    expect(after.docebo.users.find((u) => u.id === "u1")).toMatchObject({ isInstructor: false })
  })

  it("a TO trainer stamped with a Docebo instructor iltsync has no record of is kept, not deactivated", () => {
    const base = synced()
    const taken = { ...base, store: { ...base.store, trainers: [], links: { ...base.store.links, trainer: [] } } }
    expect(planOf(taken).ops.map((op) => [op.id, op.changes])).toEqual([["to:trainer:adopt:u1", []]])
    const learner = {
      ...taken,
      docebo: { ...taken.docebo, users: taken.docebo.users.map((u) => ({ ...u, isInstructor: false })) },
    }
    expect(onlyOp(planOf(learner), "trainer")).toMatchObject({ action: "deactivate", system: "to", key: "u1" })
  })

  it("a trainer whose Docebo user carries no instructor flag (as real tenants answer) stays a trainer", () => {
    const base = synced()
    const unflagged = {
      ...base,
      docebo: { ...base.docebo, users: base.docebo.users.map((u) => ({ ...u, isInstructor: null })) },
    }
    expect(planOf(unflagged).ops).toEqual([])
  })

  it("profile edits made in iltsync are written to the Docebo user first, then flow to TO", () => {
    const base = synced()
    const edited = {
      ...base,
      store: {
        ...base.store,
        trainers: [B.assignment("u1", { trainingProviderId: "p1", pending: { lastName: "Martin" } })],
      },
    }
    const planned = planOf(edited)
    const [docebo, to] = opsFor(planned, "trainer")
    expect(docebo).toMatchObject({
      system: "docebo",
      action: "update",
      changes: [{ path: "lastName", from: "Lastu1", to: "Martin" }],
    })
    expect(to).toMatchObject({
      system: "to",
      action: "update",
      dependsOn: [docebo?.id],
      changes: [{ path: "lastName", to: "Martin" }],
    })
  })
})

describe("trainer edits Docebo already shows", () => {
  it("are adopted without a write and are pending no more, so a fresh plan is empty", () => {
    const base = synced()
    const edited = {
      ...base,
      store: {
        ...base.store,
        trainers: [
          B.assignment("u1", { trainingProviderId: "p1", pending: { lastName: "Lastu1", isInstructor: true } }),
        ],
      },
    }
    expect(opsFor(planOf(edited), "trainer")).toEqual([
      expect.objectContaining({ system: "docebo", action: "adopt", changes: [], status: "ready" }),
    ])
    const after = settle(edited)
    expect(after.store.trainers.map((assignment) => assignment.pending)).toEqual([null])
    expect(planOf(after).ops).toEqual([])
  })
})

describe("webinar account: Docebo is master, TO holds it as a virtual room", () => {
  it("accounts become TO virtual rooms; Zoom version 3 accounts are skipped with a clear error", () => {
    const planned = planOf(
      world({ docebo: { webinarAccounts: [B.webinarAccount("w1"), B.webinarAccount("w2", { tool: "zoom_v3" })] } }),
    )
    expect(onlyOp(planned, "webinarAccount")).toMatchObject({ action: "create", key: "w1" })
    expect(planned.warnings).toEqual([
      expect.objectContaining({
        code: "unsupported_webinar_tool",
        key: "w2",
        message: expect.stringContaining("Zoom version 3"),
      }),
    ])
  })

  it("an account deleted in Docebo deactivates its virtual room", () => {
    const base = synced()
    const planned = plan({ ...base.docebo, webinarAccounts: [] }, base.to, base.store)
    expect(onlyOp(planned, "webinarAccount")).toMatchObject({ action: "deactivate", target: { id: "V1" } })
  })
})

describe("links", () => {
  it("a linked pair already in step plans nothing, whatever the stored fingerprint", () => {
    const base = synced()
    const stale = {
      ...base,
      store: {
        ...base.store,
        links: { ...base.store.links, course: base.store.links.course.map((l) => link(l.docebo, l.to, "stale")) },
      },
    }
    expect(planOf(stale).ops).toEqual([])
  })
})
