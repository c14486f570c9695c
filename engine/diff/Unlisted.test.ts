import { describe, expect, it } from "@effect/vitest"
import { Unlisted } from "../model/Values.ts"
import { courseStatuses } from "../Status.ts"
import * as B from "../testing/Builders.ts"
import type { World } from "../testing/MemoryApply.ts"
import { link, opsFor, planOf, settle, world } from "../testing/Worlds.ts"

const unknownValues = (w: World) =>
  planOf(w)
    .warnings.filter((warning) => warning.code === "unknown_value")
    .map(({ key, course, message }) => ({ key, course, message }))

/** One VILT session in step: its event uses account 1's tool (Teams) in Docebo. */
const viltSession = (): World =>
  settle(
    world({
      docebo: { courses: [B.doceboCourse("1", { type: "vilt" })], webinarAccounts: [B.webinarAccount("1")] },
      to: {
        courses: [B.toCourse("c1", { code: "C-1", externalRef: "1", title: "Course 1", modality: "online" })],
        rooms: [B.toRoom("r1", { kind: "virtual", webinarTool: "teams", externalRef: "1", name: "Account 1" })],
        sessions: [
          B.toSession("S1", "c1", {
            modality: "online",
            roomId: "r1",
            completionMode: "attendance",
            slots: [B.toSlot("s1")],
          }),
        ],
      },
      store: { links: { ...B.storeSnapshot().links, webinarAccount: [link("1", "r1")] } },
    }),
  )

describe("Docebo values iltsync does not know, in the plan", () => {
  it("an event's unknown tool and a session's unknown completion type are reported on their course, then put back", () => {
    const w = viltSession()
    const session = w.docebo.sessions[0]
    if (session === undefined) throw new Error("the session was not created")
    const drifted: World = {
      ...w,
      docebo: {
        ...w.docebo,
        sessions: [
          {
            ...session,
            completionType: Unlisted.make("self_paced"),
            events: session.events.map((event) => ({ ...event, tool: Unlisted.make("whereby") })),
          },
        ],
      },
    }
    expect(unknownValues(drifted)).toEqual([
      expect.objectContaining({ key: session.events[0]?.id, course: "1" }),
      expect.objectContaining({ key: session.id, course: "1" }),
    ])
    expect(unknownValues(drifted)[0]?.message).toContain('webinar tool "whereby"')
    const update = opsFor(planOf(drifted), "session")[0]
    expect(update?.changes.map((change) => [change.path, change.from, change.to])).toEqual(
      expect.arrayContaining([
        ["completionMode", "self_paced", "attendance"],
        [expect.stringMatching(/\.tool$/), "whereby", "teams"],
      ]),
    )
    expect(unknownValues(settle(drifted))).toEqual([])
  })

  it("an account of an unknown tool is not sent to TO, and is reported", () => {
    const w = world({ docebo: { webinarAccounts: [B.webinarAccount("7", { tool: Unlisted.make("whereby") })] } })
    expect(opsFor(planOf(w), "webinarAccount")).toEqual([])
    expect(unknownValues(w)).toEqual([expect.objectContaining({ key: "7", course: undefined })])
  })

  it("a course of an unknown type is left alone, not taken for gone, and its status carries the warning", () => {
    const w = settle(
      world({
        docebo: { courses: [B.doceboCourse("1")] },
        to: { courses: [B.toCourse("c1", { code: "C-1", externalRef: "1", title: "Course 1" })] },
      }),
    )
    const blended: World = {
      ...w,
      docebo: { ...w.docebo, courses: [B.doceboCourse("1", { type: "blended", name: "Renamed" })] },
    }
    const planned = planOf(blended)
    expect(opsFor(planned, "course")).toEqual([])
    expect(unknownValues(blended)).toEqual([expect.objectContaining({ key: "1", course: "1" })])
    const [status] = courseStatuses(blended.docebo, blended.store, planned, null, "2027-01-10T08:00:00.000Z")
    expect(status).toMatchObject({ type: "blended", status: "synced" })
    expect(status?.warnings[0]).toContain('course type "blended"')
  })

  it("without Docebo's accounts (a partial listing, or no endpoint), an event keeps its account's tool from TO's room", () => {
    const w = viltSession()
    const accountsMissing: World = {
      ...w,
      docebo: { ...w.docebo, webinarAccounts: [], complete: { ...w.docebo.complete, webinarAccounts: false } },
    }
    expect(planOf(accountsMissing).ops).toEqual([])
  })
})
