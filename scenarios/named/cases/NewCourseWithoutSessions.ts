/**
 * A course just created in Docebo has no session, and Docebo answers its session list with 400 "does not have
 * sessions" rather than an empty list [seen: DOCEBO-API.md]. iltsync reads that as none: the course syncs to TO and
 * the run goes on; TO's first session of it then reaches Docebo.
 */
import { doceboAdminCall } from "../../../harness/Simulators.ts"
import { equals, matches, satisfies } from "../Matchers.ts"
import { act, expectSame, expectThat, serviceScenario } from "../Scenario.ts"
import { doceboCopyOf, firstSync } from "../ServiceSteps.ts"
import type { ServiceWorld } from "../ServiceWorld.ts"

const code = "DAT-101"
const session = "new-course-session"

const courseId = (w: ServiceWorld) => Number(w.memo.get("id"))
const sessionsPath = (w: ServiceWorld) => `/course/v1/courses/${courseId(w)}/sessions`

/** Docebo's answer to its admin reading the course's session list: the status, what it says, how many it lists. */
const sessionListAnswer = async (w: ServiceWorld) => {
  const answer = await doceboAdminCall(w.docebo.app, "GET", sessionsPath(w))
  const body = (await answer.json()) as { message?: string; data?: { items: unknown[] } }
  return { status: answer.status, message: body.message ?? null, listed: body.data?.items.length ?? null }
}

const toCourse = (w: ServiceWorld) => w.to.state.snapshot().courses.find((course) => course.code === code)

const courseRow = async (w: ServiceWorld) =>
  (await w.call("GET", "/courses"))
    .json<Array<{ code: string; syncStatus: string; error: string | null }>>()
    .find((course) => course.code === code)

/** Runs that ended failed since the service started, whatever started them. */
const failedRuns = async (w: ServiceWorld) =>
  [...(await w.call("GET", "/metrics")).text.matchAll(/^iltsync_runs_total\{[^}]*outcome="failed"[^}]*\} (\d+)$/gm)]
    .map((match) => Number(match[1]))
    .reduce((sum, n) => sum + n, 0)

export default serviceScenario({
  name: "new-course-without-sessions",
  description:
    "a new ILT course with no session yet (Docebo answers 400 'does not have sessions' for its session list) syncs to TO without failing the run; TO's first session of it then reaches Docebo",
  rule: "Behaviour 3 and DOCEBO-API.md: a course without sessions answers its session list with 400, read as none",
  tenant: "acme",
  steps: [
    firstSync,
    act(`a Docebo admin creates the classroom course ${code} “Data Literacy for Everyone”`, async (w) => {
      const created = await w.doceboApi("POST", "/learn/v1/courses", {
        name: "Data Literacy for Everyone",
        code,
        course_type: "classroom",
        lang_code: "english",
      })
      w.memo.set("id", String(created.id_course))
    }),
    expectThat(
      "Docebo answers the new course's session list with 400, saying it does not have sessions",
      sessionListAnswer,
      satisfies<{ status: number; message: string | null }>(
        "a 400 whose message contains “does not have sessions”",
        (answer) => answer.status === 400 && (answer.message ?? "").includes("does not have sessions"),
      ),
    ),
    act("Docebo's course.created webhook reaches iltsync, and the sync it starts ends", (w) => w.settled()),
    expectThat(
      "that sync read the course's session list and was answered 400",
      (w) =>
        w.docebo.state.calls
          .summary()
          .log.some((call) => call.method === "GET" && call.path === sessionsPath(w) && call.status === 400),
      equals(true),
    ),
    expectThat("no run failed", failedRuns, equals(0)),
    expectThat(
      `TO has the course ${code}, onsite, stamped with its Docebo id`,
      (w) => {
        const found = toCourse(w)
        return found && { ...found, sameId: found.external_ref === w.memo.get("id") }
      },
      matches({ title: "Data Literacy for Everyone", modality: "onsite", active: true, sameId: true }),
    ),
    expectThat("the Courses tab shows it synced", courseRow, matches({ syncStatus: "synced", error: null })),
    act("a TO planner schedules a validated session of it in London, on 2 June 2027", async (w) => {
      const scheduled = await w.control(w.to, "/__sim/act", {
        action: "schedule_session",
        session: {
          course_id: toCourse(w)?.id,
          name: "Data Literacy for Everyone – London, June 2027",
          status: "validated",
          min_participants: 4,
          max_participants: 12,
          trainer_id: "trn_oliver_grant",
          location_id: "loc_london",
          room_id: "room_lon_baker",
          sequences: [{ day: "2027-06-02", start: "09:30", end: "16:30", timezone: "Europe/London" }],
        },
      })
      w.memo.set(session, String(scheduled.id))
    }),
    act("TO's session webhook reaches iltsync, and the sync it starts ends", (w) => w.settled()),
    expectSame(
      "the session reached Docebo, in the new course, with TO's name and one event for its one slot",
      (w) => {
        const copy = doceboCopyOf(w, String(w.memo.get(session)))
        const events = w.docebo.state.snapshot().events.filter((event) => event.id_session === copy?.id)
        return copy && { course: copy.id_course, name: copy.name, events: events.map((e) => [e.day, e.time_begin]) }
      },
      (w) => ({
        course: courseId(w),
        name: "Data Literacy for Everyone – London, June 2027",
        events: [["2027-06-02", "09:30:00"]],
      }),
    ),
    expectThat(
      "Docebo now lists the course's session",
      sessionListAnswer,
      equals({ status: 200, message: null, listed: 1 }),
    ),
    expectThat("no run failed", failedRuns, equals(0)),
    expectThat("the Courses tab still shows it synced", courseRow, matches({ syncStatus: "synced", error: null })),
  ],
})
