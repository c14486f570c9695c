/**
 * Docebo's list of webinar tools is not closed (DOCEBO-API.md, "Tool names"): a tenant may hold an account, and
 * events, of an integration iltsync does not know. Such a value is kept as it is and reported, never a decode failure,
 * and the rest of its course syncs.
 */
import type { EngineWorld } from "../EngineWorld.ts"
import { doceboCopy, warningsOf } from "../Lookups.ts"
import { equals, matches } from "../Matchers.ts"
import { act, engineScenario, expectSame, expectThat } from "../Scenario.ts"

/** GDPR-201 (Docebo course 130): its February session, online, was mirrored by an earlier sync. */
const course = "130"
const synced = "ses_gdpr201_0224"

const nativeSession = (w: EngineWorld) => {
  const session = w.docebo().sessions.find((candidate) => candidate.id === w.memo.get("native"))
  return session && { ...session, events: w.docebo().events.filter((event) => event.id_session === session.id) }
}

const unknownValue = (w: EngineWorld, key: unknown) =>
  w
    .report()
    .planned.warnings.filter((warning) => warning.code === "unknown_value" && warning.key === String(key))
    .map((warning) => ({ course: warning.course ?? null, message: warning.message }))

const gdprStatus = (w: EngineWorld) => w.report().statuses.find((status) => status.courseId === course)

export default engineScenario({
  name: "unknown-tool-reported",
  description:
    "an account and an event of a webinar tool iltsync does not know (bigbluebutton) are kept and reported on the plan and the course's status, never a decode failure, and the rest of the course syncs",
  rule: "DOCEBO-API.md, tolerant reader: an unknown enum value is kept as it is and reported; a failing course never stops the others",
  tenant: "acme",
  steps: [
    act("the first synchronization runs", (w) => w.sync()),
    act("a Docebo admin adds a BigBlueButton account, an integration iltsync does not know", async (w) => {
      const account = await w.doceboAct({
        action: "add_webinar_account",
        account: {
          tool: "bigbluebutton",
          name: "Acme BigBlueButton – Community",
          email: "bbb-community@acme-corp.example",
        },
      })
      w.memo.set("account", String(account.id))
    }),
    // The strict profile's Docebo has no accounts endpoint: the operator imports the list Docebo's pages show.
    act("the operator imports the webinar accounts Docebo's pages list", (w) =>
      w.inProcess.importWebinarAccountsIfNeeded(),
    ),
    act("the admin books a GDPR drop-in clinic of GDPR-201 directly in Docebo, online on that account", async (w) => {
      const session = await w.doceboAct({
        action: "create_session",
        course_id: Number(course),
        session: {
          name: "GDPR drop-in clinic (booked in Docebo)",
          max_enroll: 40,
          events: [
            {
              schedule: { date: "2027-03-09", time_begin: "12:00:00", time_end: "13:00:00", timezone: "Europe/London" },
              webinar: { account_id: Number(w.memo.get("account")) },
            },
          ],
        },
      })
      w.memo.set("native", session.id)
      w.memo.set("event", nativeSession(w)?.events[0]?.id)
      w.memo.set("before", nativeSession(w))
    }),
    act("a TO planner raises the February GDPR session's maximum enrollments to 240", (w) =>
      w.toAct({ action: "update_session", id: synced, changes: { max_participants: 240 } }),
    ),
    // The service runs a Docebo session webhook's sync on the session's course, reading that course's sessions.
    act("the ilt.session.created webhook's sync of GDPR-201 runs", (w) =>
      w.sync({ courses: [course], planCourses: ["GDPR-201"] }),
    ),
    expectThat("no Docebo record failed to decode", (w) => warningsOf(w, "docebo_record_unreadable"), equals([])),
    expectThat(
      "the plan reports the event's tool as a value iltsync does not know, on GDPR-201",
      (w) => unknownValue(w, w.memo.get("event"))[0],
      matches({ course }),
    ),
    expectThat(
      "… naming the tool",
      (w) => unknownValue(w, w.memo.get("event"))[0]?.message.includes('webinar tool "bigbluebutton"'),
      equals(true),
    ),
    expectThat(
      "the plan reports the account too, which is not sent to TO",
      (w) => unknownValue(w, w.memo.get("account")).map((warning) => warning.message.includes("not sent")),
      equals([true]),
    ),
    expectThat(
      "TO has no virtual room for it",
      (w) => w.to().rooms.filter((room) => room.external_ref === w.memo.get("account")).length,
      equals(0),
    ),
    expectThat(
      "GDPR-201's status is synced, and names the unknown tool among its warnings",
      (w) => {
        const status = gdprStatus(w)
        return (
          status && { status: status.status, named: status.warnings.some((text) => text.includes("bigbluebutton")) }
        )
      },
      equals({ status: "synced", named: true }),
    ),
    expectSame(
      "the session booked in Docebo is kept as the admin left it, its tool too",
      nativeSession,
      (w) => w.memo.get("before") as ReturnType<typeof nativeSession>,
    ),
    expectThat(
      "the rest of the course syncs: the February session's copy has TO's new maximum",
      (w) => doceboCopy(w, synced)?.max_enroll,
      equals(240),
    ),
    act("a full sync runs", (w) => w.sync()),
    expectThat(
      "every plan reports it again, and the course stays synced",
      (w) => ({ reported: unknownValue(w, w.memo.get("event")).length, status: gdprStatus(w)?.status }),
      equals({ reported: 1, status: "synced" }),
    ),
  ],
})
