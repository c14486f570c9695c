import type { EngineWorld } from "../EngineWorld.ts"
import { equals, isTrue } from "../Matchers.ts"
import { act, engineScenario, expectThat } from "../Scenario.ts"

/** Docebo's sessions with what identifies them to a person: course, name and first date. */
const sessionKeys = (w: EngineWorld) =>
  w.docebo().sessions.map((session) => {
    const days = w
      .docebo()
      .events.filter((event) => event.id_session === session.id)
      .map((event) => `${event.day} ${event.time_begin}`)
      .sort()
    return `${session.id_course}|${session.name}|${days[0] ?? ""}`
  })

const readyOps = (w: EngineWorld) => w.report().planned.ops.filter((op) => op.status === "ready").length

export default engineScenario({
  name: "sessions-without-stamps",
  description:
    "on a tenant that keeps no stamp, a first sync finds the sessions already in Docebo by course, name and first date instead of creating them again",
  rule: "SYNC-RULES.md: where no stamp can be kept, adoption is by natural key; no duplicate is ever made",
  tenant: "acme",
  env: { ILTSYNC_DOCEBO_SESSION_STAMP: "none" },
  steps: [
    act("Docebo's sessions before the first sync are noted", (w) => {
      w.memo.set(
        "before",
        w.docebo().sessions.map((session) => session.id),
      )
    }),
    act("the first synchronization runs, iltsync keeping no stamp in Docebo", (w) => w.sync()),
    expectThat(
      "every session Docebo had is still there: found, not replaced",
      (w) => {
        const now = new Set(w.docebo().sessions.map((session) => session.id))
        return (w.memo.get("before") as number[]).every((id) => now.has(id))
      },
      isTrue,
    ),
    // Acme's copies of two sessions TO cancelled since (2007, 2013) match no session TO still schedules: without a
    // stamp or a link, iltsync cannot tell them for its own, so they are left alone rather than deleted on a guess.
    // Those of its sessions that are over (2101-2103) are history: neither read nor paired.
    expectThat(
      "each one is linked to its TO session, but the one an admin made, the copies of two cancelled sessions and history",
      (w) => {
        const linked = new Set(w.report().store.links.session.map((link) => link.docebo))
        return (w.memo.get("before") as number[]).filter((id) => !linked.has(String(id)))
      },
      equals([2007, 2013, 2101, 2102, 2103, 2050]),
    ),
    expectThat(
      "no two Docebo sessions share a course, a name and a first date",
      (w) => sessionKeys(w).length - new Set(sessionKeys(w)).size,
      equals(0),
    ),
    act("a fresh plan is made", (w) => w.sync({ dryRun: true })),
    expectThat("it has no ready op: the first sync converged", readyOps, equals(0)),
  ],
})
