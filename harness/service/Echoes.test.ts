import { describe, expect, it } from "vitest"
import type { WrittenStep } from "../../adapters/store/Journal.ts"
import { nothingKnown } from "../../engine/Known.ts"
import { emptyLinks } from "../../engine/model/Store.ts"
import type { StepWrite } from "../../engine/OpWrites.ts"
import { doceboSession } from "../../engine/testing/Builders.ts"
import { clockSkewMs, echoEvidence, firedAtMillis, mootSessionEvent, type SessionPayload } from "./Echoes.ts"

/** Session 7 of course 101, as iltsync last wrote it. */
const written = doceboSession("7", "101", { name: "Leading Teams – Lyon", code: "LDR-LYO" })
const known = { ...nothingKnown, docebo: { ...nothingKnown.docebo, sessions: [written] } }
const links = { ...emptyLinks, session: [{ docebo: "7", to: "ses_1", fingerprint: "f" }] }

// As a cast: the write's fields beyond its kind and ids are not read here.
const docebo = (write: object): StepWrite => ({ system: "docebo", step: "main", write }) as unknown as StepWrite

/** An op of iltsync's that moved one of session 7's events: sent at 10:00:00.200, settled at 10:00:00.900. */
const moveEvent: WrittenStep = {
  writes: [
    { write: docebo({ kind: "updateEvent", sessionId: "7", eventId: "70" }), sentAt: "2027-01-04T10:00:00.200Z" },
  ],
  createdId: null,
  updatedAt: "2027-01-04T10:00:00.900Z",
}

const payload = (over: Partial<SessionPayload> = {}): SessionPayload => ({
  course_id: 101,
  session_id: 7,
  session_code: "LDR-LYO",
  session_name: "Leading Teams – Lyon",
  fired_at: "2027-01-04 10:00:00",
  ...over,
})

const evidence = (steps: ReadonlyArray<WrittenStep> = [moveEvent]) => echoEvidence(known, links, steps)

describe("a Docebo session webhook", () => {
  it("that fired while iltsync wrote the session, naming it as iltsync left it, is an echo: no run", () => {
    expect(mootSessionEvent("ilt.session.updated", payload(), evidence())).toContain("echo")
    // A Docebo clock a little ahead, and a session code Docebo sends as null for an empty one, are the same write's.
    expect(mootSessionEvent("ilt.session.updated", payload({ fired_at: "2027-01-04 10:00:02" }), evidence())).not.toBe(
      null,
    )
    const uncoded = echoEvidence(
      { ...known, docebo: { ...known.docebo, sessions: [{ ...written, code: "" }] } },
      links,
      [moveEvent],
    )
    expect(mootSessionEvent("ilt.session.updated", payload({ session_code: null }), uncoded)).not.toBe(null)
  })

  it("from an admin's edit after iltsync's write is run for, even when its name and code are unchanged", () => {
    const later = payload({ fired_at: "2027-01-04 10:00:05" })
    expect(mootSessionEvent("ilt.session.updated", later, evidence())).toBe(null)
    // Fired before iltsync began writing: the admin changed what iltsync's write did not cover.
    expect(mootSessionEvent("ilt.session.updated", payload({ fired_at: "2027-01-04 09:59:55" }), evidence())).toBe(null)
  })

  it("naming the session otherwise than iltsync left it is run for, whenever it fired", () => {
    const renamed = payload({ session_name: "Leading Teams – Lyon (moved)" })
    expect(mootSessionEvent("ilt.session.updated", renamed, evidence())).toBe(null)
    expect(mootSessionEvent("ilt.session.updated", payload({ session_code: "X" }), evidence())).toBe(null)
    expect(mootSessionEvent("ilt.session.updated", payload({ course_id: 102 }), evidence())).toBe(null)
  })

  it("about a session iltsync did not write lately, or without a readable time, is run for", () => {
    expect(mootSessionEvent("ilt.session.updated", payload(), evidence([]))).toBe(null)
    expect(mootSessionEvent("ilt.session.updated", payload({ fired_at: null }), evidence())).toBe(null)
    expect(mootSessionEvent("ilt.session.updated", payload({ fired_at: "yesterday" }), evidence())).toBe(null)
    const other = {
      ...moveEvent,
      writes: [{ ...moveEvent.writes[0], write: docebo({ kind: "updateEvent", sessionId: "8" }) }],
    }
    expect(mootSessionEvent("ilt.session.updated", payload(), evidence([other as WrittenStep]))).toBe(null)
  })

  it("announcing the session iltsync created is an echo: the create's step names it once settled", () => {
    const create: WrittenStep = {
      writes: [{ write: docebo({ kind: "createSession", courseId: "101" }), sentAt: "2027-01-04T10:00:00.100Z" }],
      createdId: "7",
      updatedAt: "2027-01-04T10:00:00.400Z",
    }
    expect(mootSessionEvent("ilt.session.created", payload(), evidence([create]))).not.toBe(null)
    expect(mootSessionEvent("ilt.session.created", payload(), evidence([]))).toBe(null)
  })

  it("deleting a session iltsync holds is run for (a synced copy to put back); one it does not hold is not", () => {
    expect(mootSessionEvent("ilt.session.deleted", payload(), evidence())).toBe(null)
    const gone = echoEvidence(nothingKnown, emptyLinks, [])
    expect(mootSessionEvent("ilt.session.deleted", payload(), gone)).toContain("nothing to put back")
    // Still linked though gone from the mirror: run for, to find out.
    expect(mootSessionEvent("ilt.session.deleted", payload(), echoEvidence(nothingKnown, links, []))).toBe(null)
  })
})

describe("Docebo's fired_at", () => {
  it("reads as UTC, with or without a zone, and nothing else reads", () => {
    expect(firedAtMillis("2027-01-04 10:00:00")).toBe(Date.UTC(2027, 0, 4, 10))
    expect(firedAtMillis("2027-01-04T12:00:00+02:00")).toBe(Date.UTC(2027, 0, 4, 10))
    expect(firedAtMillis("04/01/2027 10:00")).toBe(null)
    expect(firedAtMillis(undefined)).toBe(null)
  })

  it("a little ahead is allowed for, but no more than the skew", () => {
    const justOver = new Date(Date.parse(moveEvent.updatedAt) + clockSkewMs + 1000).toISOString()
    expect(mootSessionEvent("ilt.session.updated", payload({ fired_at: justOver }), evidence())).toBe(null)
  })
})
