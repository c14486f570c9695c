import type { EngineWorld } from "../EngineWorld.ts"
import { doceboCopy, warningsOf } from "../Lookups.ts"
import { equals, isTrue } from "../Matchers.ts"
import { act, engineScenario, expectSame, expectThat } from "../Scenario.ts"

const native = (w: EngineWorld) => {
  const session = w.docebo().sessions.find((candidate) => candidate.id === w.memo.get("native"))
  return session && { ...session, events: w.docebo().events.filter((event) => event.id_session === session.id) }
}

export default engineScenario({
  name: "docebo-native-session",
  description: "a session created directly in Docebo is never pushed to TO nor touched, and each sync warns about it",
  rule: "Behaviour 6: events are view-only in Docebo; sessions made there are left alone and reported",
  tenant: "acme",
  steps: [
    act("the first synchronization runs", (w) => w.sync()),
    act("a Docebo admin creates a session of LDR-101 directly in Docebo", async (w) => {
      const session = await w.doceboAct({
        action: "create_session",
        course_id: 101,
        session: {
          name: "Leading Teams – Berlin pop-up",
          max_enroll: 10,
          events: [
            {
              schedule: { date: "2027-05-12", time_begin: "09:00:00", time_end: "17:00:00", timezone: "Europe/Berlin" },
            },
          ],
        },
      })
      w.memo.set("native", session.id)
      w.memo.set("before", native(w))
      w.memo.set("toSessions", w.to().sessions.length)
    }),
    act("the course.updated webhook's sync of LDR-101 runs", (w) =>
      w.sync({ courses: ["101"], planCourses: ["LDR-101"] }),
    ),
    expectSame(
      "the session is exactly as the admin left it",
      native,
      (w) => w.memo.get("before") as ReturnType<typeof native>,
    ),
    expectThat(
      "the sync warns about it",
      (w) => warningsOf(w, "docebo_native_session").includes(String(w.memo.get("native"))),
      isTrue,
    ),
    expectSame(
      "TO has no new session",
      (w) => w.to().sessions.length,
      (w) => w.memo.get("toSessions") as number,
    ),
    act("a full sync runs", (w) => w.sync()),
    expectSame("the session is still untouched", native, (w) => w.memo.get("before") as ReturnType<typeof native>),
    expectThat(
      "TO sessions synced before keep their copies",
      (w) => doceboCopy(w, "ses_ldr101_lon_0309")?.enrolled,
      equals(11),
    ),
  ],
})
